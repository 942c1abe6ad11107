"""Heard's settings, in one file.

Every value that differs between deployments comes from an environment variable read through a
small typed helper that fails loudly on a bad value. Production defaults are the safe ones: DEBUG
is off unless asked for, and ALLOWED_HOSTS never contains "*" unless someone writes it.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envstr(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def envint(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in envstr(name, default).split(",") if item.strip()]


def envsecret(name: str) -> str:
    """Read a secret from NAME, or from the file named by NAME_FILE (Docker/systemd style)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ImproperlyConfigured(f"{name}_FILE points at {file_name!r}: {error}") from None
    return os.environ.get(name, "")


DEBUG = envbool("DEBUG", False)
TESTING = "pytest" in sys.modules or envbool("HEARD_TESTING", False)

SECRET_KEY = envsecret("SECRET_KEY")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "Set SECRET_KEY (or SECRET_KEY_FILE). `make run` makes one for you in var/secret_key."
        )
    # Only for tests and local debugging: a fresh key each start is safe, just forgetful.
    SECRET_KEY = secrets.token_urlsafe(50)

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

# Served over HTTPS in production; `make run` serves plain HTTP on loopback.
HTTPS = envbool("HEARD_HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A half-written story should not outlive a shared computer for long.
SESSION_COOKIE_AGE = envint("HEARD_SESSION_SECONDS", 2 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "heard.audit",
    "heard.people",
    "heard.engagement",
    "heard.engagement.open_space",
    "heard.contributions",
    "heard.safety",
    "heard.tasks",
    "heard.opinions",
    "heard.reports",
    "heard.insight",
    "heard.accountability",
    "heard.quality",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "heard.middleware.RefuseNullCharactersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "heard.urls"
WSGI_APPLICATION = "heard.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "heard.people.context.staff_roles",
                "heard.safety.context.support_context",
            ],
            "builtins": ["heard.contributions.templatetags.heard_tags"],
        },
    },
]

VAR_DIR = Path(envstr("HEARD_VAR_DIR", str(BASE_DIR / "var")))


def database_settings() -> dict[str, Any]:
    """PostgreSQL when DATABASE_URL or DB=postgres is set, otherwise embedded SQLite in WAL mode."""
    url = envstr("DATABASE_URL")
    if not url and envstr("DB") == "postgres":
        url = "postgres://heard@localhost:5432/heard"
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        if not config.get("ENGINE", "").endswith("postgresql"):
            raise ImproperlyConfigured("DATABASE_URL must be a postgres:// URL, or left unset.")
        return dict(config)
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": envstr("HEARD_SQLITE_PATH", str(VAR_DIR / "heard.sqlite3")),
        "OPTIONS": {
            # IMMEDIATE takes the write lock when a transaction starts, so two writers queue on
            # busy_timeout instead of one failing half-way with "database is locked".
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;"
                "PRAGMA busy_timeout=20000;"
            ),
        },
        # A file, not memory, so tests exercise WAL and the live server shares the database.
        "TEST": {"NAME": str(VAR_DIR / "test.sqlite3")},
    }


DATABASES = {"default": database_settings()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "staff:login"
LOGIN_REDIRECT_URL = "staff:dashboard"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/assets/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns when it is missing
STATICFILES_DIRS = [
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    BASE_DIR / "static",
]
# Serve straight from the finders: no collectstatic step to forget, and the files are few.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

CSRF_FAILURE_VIEW = "heard.views.csrf_failure"

EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "heard@localhost")
# The mail relay, for EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend. A production
# start refuses a backend that cannot deliver safeguarding alerts (heard/safety/checks.py).
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = envsecret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)  # STARTTLS, usually on port 587
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", False)  # TLS from the first byte, usually port 465
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS or EMAIL_USE_SSL, not both.")
# Seconds to wait for each step with the relay; without one a hung relay would hold an alert.
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 10)

# What the deployment tells people. Configurable because each service has its own numbers.
HEARD_SERVICE_NAME = envstr("HEARD_SERVICE_NAME", "Heard")
HEARD_ORGANISATION = envstr("HEARD_ORGANISATION", "Your local children's services")
HEARD_CHILDRENS_SERVICES_PHONE = envstr("HEARD_CHILDRENS_SERVICES_PHONE", "0300 123 4567")
HEARD_MAX_TEXT_LENGTH = 20_000
# Below this, a count could point at a person; shown as "fewer than 5".
HEARD_SUPPRESS_BELOW = 5

# Safeguarding: who is told, and how long a flag may wait before it is escalated.
HEARD_SAFEGUARDING_EMAILS = envlist("HEARD_SAFEGUARDING_EMAILS", "")
HEARD_ESCALATION_EMAILS = envlist("HEARD_ESCALATION_EMAILS", "")
HEARD_ESCALATE_AFTER_MINUTES = envint("HEARD_ESCALATE_AFTER_MINUTES", 60)
# Saved, unsent consultation answers are personal data kept only for the person to come back:
# after this many days without a change they are deleted.
HEARD_DRAFT_RETENTION_DAYS = envint("HEARD_DRAFT_RETENTION_DAYS", 30)
# Ways of reading texts offered to analysts ("fake" is a deterministic stand-in for tests).
HEARD_EMBEDDERS = envlist("HEARD_EMBEDDERS", "static,transformer")

# Run background tasks straight after commit, in the request (handy for a demo; the worker
# still picks up anything left). `heard serve` also runs a worker thread.
HEARD_TASKS_INLINE = envbool("HEARD_TASKS_INLINE", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "WARNING")},
}

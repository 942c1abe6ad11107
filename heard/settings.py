"""Heard's settings, in one file.

Every value that differs between deployments comes from an environment variable read through a
small typed helper that fails loudly on a bad value. Production defaults are the safe ones: DEBUG
is off unless asked for, and ALLOWED_HOSTS never contains "*" unless someone writes it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from heard.core import limits, suppression

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
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
# Asking to be preloaded does nothing until someone submits the domain; a service that must
# not be preloaded sets HEARD_HSTS_PRELOAD=0 (and then `check --deploy` says so).
SECURE_HSTS_PRELOAD = HTTPS and envbool("HEARD_HSTS_PRELOAD", True)
# Waitress only passes X-Forwarded-Proto through from HEARD_TRUSTED_PROXY (heard/cli.py) and
# strips it from anyone else, so trusting the header here cannot be spoofed through `heard serve`.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
HEARD_TRUSTED_PROXY = envstr("HEARD_TRUSTED_PROXY")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A half-written story should not outlive a shared computer for long: a session ends after
# this long unused (each page view starts the clock again), and after HEARD_SESSION_SECONDS
# whatever happens (see heard/people/sessions.py). The cookie dies with the browser.
SESSION_COOKIE_AGE = envint("HEARD_SESSION_IDLE_SECONDS", 30 * 60)
HEARD_SESSION_ABSOLUTE_SECONDS = envint("HEARD_SESSION_SECONDS", 2 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Where "Exit this page" takes people, after ending their session: an everyday page.
HEARD_EXIT_URL = envstr("HEARD_EXIT_URL", "https://www.bbc.co.uk/weather")
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Front door (issue 12): sign-in lockouts, second factor, the API docs' own static files.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "ninja",
    "heard.audit",
    "heard.people",
    "heard.activities",
    # The activity kinds: one line each (docs/how-to/add-an-activity-kind.md).
    "heard.activities.open_share",
    "heard.activities.consultation",
    "heard.activities.call_for_ideas",
    "heard.activities.knowledge_event",
    "heard.activities.open_space",
    "heard.activities.wellbeing_survey",
    "heard.contributions",
    "heard.safety",
    "heard.tasks",
    # A kind too; kept in its old place so the erasure stores it registers keep their order.
    "heard.activities.opinion_map",
    "heard.reports",
    "heard.insight",
    "heard.accountability",
    "heard.quality",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "heard.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions (it reads the chosen language), before CommonMiddleware (Django's order).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "heard.people.two_factor.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "heard.people.sessions.SharedDeviceMiddleware",
    "heard.middleware.RefuseNullCharactersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a lockout seen during the view into the lockout page.
    "axes.middleware.AxesMiddleware",
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
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "heard.people.context.staff_roles",
                "heard.safety.context.support_context",
            ],
            # i18n is a builtin so every template can mark text without a {% load %} to forget.
            "builtins": ["heard.template_tags", "django.templatetags.i18n"],
        },
    },
]

VAR_DIR = Path(envstr("HEARD_VAR_DIR", str(BASE_DIR / "var")))


def private_file(path: str) -> None:
    """Create the database file readable by its owner only, before SQLite opens it: it holds
    children's words. SQLite gives its -wal and -shm files the same permissions."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


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
    name = envstr("HEARD_SQLITE_PATH", str(VAR_DIR / "heard.sqlite3"))
    private_file(name)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": name,
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
                # Deleted and overwritten content is zeroed, not left in free pages.
                "PRAGMA secure_delete=ON;"
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
# --- Front door: sign-in lockouts, second factor, headers (issue 12; docs/decisions/0010) ---
# django-axes counts failed sign-ins in the database (so every process sees the same count)
# and must come first so a locked account is refused before its password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("HEARD_SIGN_IN_FAILURE_LIMIT", 20)
AXES_COOLOFF_TIME = timedelta(minutes=envint("HEARD_SIGN_IN_COOLOFF_MINUTES", 15))
# Locked per account and per address+account, never per address alone: a children's home or a
# council office shares one public address, and one person's typing must not lock everyone else
# out. (axes has one failure limit, so the account count, which adds up every address, is the
# one that bites; the address+account entry is the combination axes checks for, axes.W006.)
AXES_LOCKOUT_PARAMETERS = ["username", ["ip_address", "username"]]
AXES_RESET_ON_SUCCESS = True
# A fixed cool-down: wrong tries while locked do not stretch it, so the owner gets back in.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "heard.people.sign_in_guard.lockout_response"
# The address waitress settled on (it applies HEARD_TRUSTED_PROXY); never a header a client sets.
AXES_CLIENT_IP_CALLABLE = "heard.people.sign_in_guard.client_address"
# Our audit log records sign-ins; axes keeps only the counters it needs to lock.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
# Masked wherever axes writes a request down (its logs and its attempt rows).
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "code", "csrfmiddlewaretoken"]
# Receipt and save-and-return codes, and staff API tokens: wrong tries per address in a window.
HEARD_CODE_GUESS_RATE = envstr("HEARD_CODE_GUESS_RATE", "20/10m")
HEARD_TOKEN_GUESS_RATE = envstr("HEARD_TOKEN_GUESS_RATE", "20/10m")
# django-otp: the issuer shown in authenticator apps.
OTP_TOTP_ISSUER = envstr("HEARD_SERVICE_NAME", "Heard")

# Content-Security-Policy (django-csp): nothing inline, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
PERMISSIONS_POLICY = ("accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
                      "magnetometer=(), microphone=(), payment=(), usb=()")

if TESTING:
    # Every test persona hashes a password; the production hasher would dominate the run.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# --- end front door ---

LOGIN_URL = "staff:login"
LOGIN_REDIRECT_URL = "staff:dashboard"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-gb"
# Participant pages, emails and PDFs in English and Welsh (issue 15, decision 0024). The names
# are each language's own name for itself: the switch shows them as they are written there.
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The chosen language lives in a cookie so it survives signing in and the shared-device reset.
LANGUAGE_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SAMESITE = "Lax"
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

# Development shows messages on the console with every address hidden (issue 12): the
# console is a server log, and participants' addresses must never reach one.
EMAIL_BACKEND = envstr("EMAIL_BACKEND", "heard.core.mail.AddressHidingConsoleBackend")
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
# Its Welsh name, for Welsh pages (heard/core/organisation.py); empty shows the one above.
HEARD_ORGANISATION_CY = envstr("HEARD_ORGANISATION_CY", "")
HEARD_CHILDRENS_SERVICES_PHONE = envstr("HEARD_CHILDRENS_SERVICES_PHONE", "0300 123 4567")
# Who is responsible for people's data (the data controller), for the privacy page.
HEARD_CONTROLLER = {
    "name": envstr("HEARD_CONTROLLER_NAME", HEARD_ORGANISATION),
    "email": envstr("HEARD_CONTROLLER_EMAIL", ""),
    "address": envstr("HEARD_CONTROLLER_ADDRESS", ""),
    "dpo_email": envstr("HEARD_DPO_EMAIL", ""),
}
HEARD_MAX_TEXT_LENGTH = envint("HEARD_MAX_TEXT_LENGTH", limits.MAX_TEXT_LENGTH)
# Children under 13 always give their own agreement (Gillick; ICO Children's Code). A service
# may also ask a supporting adult to agree; off unless the service turns it on.
HEARD_UNDER_13_ADULT_AGREEMENT = envbool("HEARD_UNDER_13_ADULT_AGREEMENT", False)
# Below this, a count could point at a person; shown as "fewer than 5". The pure helpers in
# heard.core.suppression are told it here, so every published count uses the same number.
HEARD_SUPPRESS_BELOW = envint("HEARD_SUPPRESS_BELOW", suppression.DEFAULT_SUPPRESS_BELOW)
suppression.configure(HEARD_SUPPRESS_BELOW)

# Safeguarding: who is told, and how long a flag may wait before it is escalated.
HEARD_SAFEGUARDING_EMAILS = envlist("HEARD_SAFEGUARDING_EMAILS", "")
HEARD_ESCALATION_EMAILS = envlist("HEARD_ESCALATION_EMAILS", "")
HEARD_ESCALATE_AFTER_MINUTES = envint("HEARD_ESCALATE_AFTER_MINUTES", 60)
# Saved, unsent consultation answers are personal data kept only for the person to come back:
# after this many days without a change they are deleted.
HEARD_DRAFT_RETENTION_DAYS = envint("HEARD_DRAFT_RETENTION_DAYS", 30)
# Where erasures are recorded (keyed hashes only) outside the database, so that restoring an
# older backup can apply them again. Keep it, and its .key file, off the database's disk.
HEARD_ERASURE_LEDGER = envstr("HEARD_ERASURE_LEDGER", str(VAR_DIR / "erasure-ledger.jsonl"))
# Ways of reading texts offered to analysts ("fake" is a deterministic stand-in for tests).
HEARD_EMBEDDERS = envlist("HEARD_EMBEDDERS", "static,transformer")

# Run background tasks straight after commit, in the request (handy for a demo; the worker
# still picks up anything left). `heard serve` also runs a worker thread.
HEARD_TASKS_INLINE = envbool("HEARD_TASKS_INLINE", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Every line, tracebacks included, with email addresses hidden (issue 12).
    "formatters": {"private": {"()": "heard.core.privacy_logging.AddressHidingFormatter",
                               "format": "%(levelname)s %(name)s: %(message)s"}},
    "filters": {"no_traceback": {"()": "heard.core.privacy_logging.WithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "private"},
                 "console_short": {"class": "logging.StreamHandler", "formatter": "private",
                                   "filters": ["no_traceback"]}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "WARNING")},
    "loggers": {
        # A request for a host we do not serve is noise from scanners, not a fault: one line,
        # no traceback.
        "django.security.DisallowedHost": {"handlers": ["console_short"], "level": "ERROR",
                                           "propagate": False},
    },
}

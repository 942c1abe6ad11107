"""Production refuses to start when an alert could reach nobody; staff see a banner while alerts
cannot be delivered; participants are told only what is true; email settings come from the
environment."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client
from django.utils import timezone

from heard.safety.models import SafeguardingAlert
from heard.tasks.mail_sink import free_port
from heard.tasks.models import OutboxEmail
from heard.tasks.queue import run_pending

from ..conftest import client_for
from ..contributions.test_share_journey import share_quietly
from .test_safeguarding import DISCLOSURE, submit
from .workers import ROOT

SMTP = "django.core.mail.backends.smtp.EmailBackend"
READY = {"EMAIL_BACKEND": SMTP, "EMAIL_HOST": "mail.example.org",
         "HEARD_SAFEGUARDING_EMAILS": "duty@example.org"}
TOLD_NOW = "We are doing it now"
NOT_SOON = "They may not read it soon"


def heard(*args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    # As a deployment would run it: none of the test run's own settings.
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("EMAIL_", "HEARD_SAFEGUARDING", "DJANGO_ALLOW_ASYNC"))}
    return subprocess.run([sys.executable, "-m", "heard.cli", *args], cwd=ROOT,
                          env={**clean, "HEARD_TESTING": "1", **env}, capture_output=True,
                          text=True, timeout=timeout, check=False)


@pytest.mark.parametrize("backend", ["django.core.mail.backends.console.EmailBackend",
                                     "django.core.mail.backends.locmem.EmailBackend"])
def test_the_deploy_check_refuses_no_recipients_and_a_backend_that_only_prints(settings,
                                                                              backend):
    settings.HEARD_SAFEGUARDING_EMAILS = []
    settings.EMAIL_BACKEND = backend
    with pytest.raises(SystemCheckError) as refused:
        call_command("check", "--deploy", "--tag", "safeguarding")
    assert "heard.E001" in str(refused.value) and "heard.E002" in str(refused.value)
    settings.HEARD_SAFEGUARDING_EMAILS = ["duty@example.org"]
    with pytest.raises(SystemCheckError, match="heard.E002"):
        call_command("check", "--deploy", "--tag", "safeguarding")
    settings.EMAIL_BACKEND = SMTP
    call_command("check", "--deploy", "--tag", "safeguarding")  # passes now


def test_check_deploy_on_the_command_line_fails_until_alerts_can_reach_someone():
    refused = heard("manage", "check", "--deploy", env={})
    assert refused.returncode != 0
    assert "heard.E001" in refused.stderr and "heard.E002" in refused.stderr
    passed = heard("manage", "check", "--deploy", env=READY)
    assert passed.returncode == 0, passed.stderr


def test_heard_serve_will_not_start_without_recipients_and_a_real_backend():
    refused = heard("serve", "--port", str(free_port()), env={}, timeout=240)
    assert refused.returncode == 2
    assert "Heard will not start" in refused.stderr
    assert "HEARD_SAFEGUARDING_EMAILS" in refused.stderr


def test_email_settings_come_from_the_environment(tmp_path):
    password = tmp_path / "smtp-password"
    password.write_text("s3cret\n")
    show = ("from django.conf import settings as s; import django; django.setup(); "
            "print(s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_HOST_USER, s.EMAIL_HOST_PASSWORD, "
            "s.EMAIL_USE_TLS, s.EMAIL_USE_SSL, s.EMAIL_TIMEOUT)")
    env = {"EMAIL_HOST": "smtp.example.org", "EMAIL_PORT": "587", "EMAIL_HOST_USER": "heard",
           "EMAIL_HOST_PASSWORD_FILE": str(password), "EMAIL_USE_TLS": "true",
           "EMAIL_TIMEOUT": "7", "DJANGO_SETTINGS_MODULE": "heard.settings"}
    shown = subprocess.run([sys.executable, "-c", show], cwd=ROOT, capture_output=True,
                           text=True, env={**os.environ, **env}, check=False)
    assert shown.stdout.split() == ["smtp.example.org", "587", "heard", "s3cret", "True",
                                    "False", "7"], shown.stderr
    both = subprocess.run([sys.executable, "-c", show], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, **env,
                                          "EMAIL_USE_SSL": "true"}, check=False)
    assert both.returncode != 0 and "not both" in both.stderr


@pytest.mark.django_db
def test_staff_see_a_banner_while_alerts_cannot_be_delivered(make_staff, settings):
    moderator = make_staff("moderator")
    page = client_for(moderator).get("/staff/").content.decode()
    assert 'data-testid="alert-problems"' in page
    assert "HEARD_SAFEGUARDING_EMAILS" in page and "EMAIL_BACKEND" in page
    settings.EMAIL_BACKEND, settings.HEARD_SAFEGUARDING_EMAILS = SMTP, ["duty@example.org"]
    page = client_for(moderator).get("/staff/").content.decode()
    assert 'data-testid="alert-problems"' not in page


def _share(text: str) -> str:
    return share_quietly(Client(), text)


@pytest.mark.django_db
def test_the_person_is_told_the_lead_knows_only_when_an_alert_can_reach_them(baseline,
                                                                           settings):
    # Default settings: the console backend and nobody named. No false comfort.
    page = _share(DISCLOSURE)
    assert 'data-testid="help-now"' in page
    assert TOLD_NOW not in page and NOT_SOON in page
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.HEARD_SAFEGUARDING_EMAILS = ["duty@example.org"]
    page = _share(DISCLOSURE + " Please.")
    assert TOLD_NOW in page and NOT_SOON not in page


@pytest.mark.django_db
def test_an_alert_with_nobody_to_tell_waits_then_goes_out_once_someone_is_named(
        activity, settings, make_staff):
    settings.HEARD_SAFEGUARDING_EMAILS = []
    submit(activity, DISCLOSURE)
    run_pending()
    alert = SafeguardingAlert.objects.get()
    assert alert.prepared_at is None and not OutboxEmail.objects.exists()
    SafeguardingAlert.objects.update(created_at=timezone.now() - timedelta(minutes=2))
    page = client_for(make_staff("safeguarding_lead")).get("/staff/safeguarding/")
    assert "1 safeguarding alert has not been sent to anyone yet" in page.content.decode()
    settings.HEARD_SAFEGUARDING_EMAILS = ["duty@example.org"]
    run_pending()
    run_pending()
    emails = OutboxEmail.objects.filter(about=alert.outbox_key())
    assert [(e.to, e.state) for e in emails] == [(["duty@example.org"], OutboxEmail.State.SENT)]

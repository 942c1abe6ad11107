"""`heard demo` loads believable data once, through the audited actions, with staff accounts."""

from __future__ import annotations

import base64

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django_otp.oath import TOTP

from heard.audit.models import AuditEvent
from heard.cli import main
from heard.contributions.models import Contribution
from heard.demo import DEMO_SAFEGUARDING_EMAIL, _ensure_staff
from heard.people.actions import StaffError, do_create_staff_member, do_set_staff_email
from heard.people.roles import ROLE_NAMES
from heard.safety.safeguarding import alert_recipients
from heard.tasks.models import OutboxEmail
from heard.tasks.queue import run_pending

from ..safety.test_safeguarding import DISCLOSURE, submit

pytestmark = pytest.mark.django_db


def test_demo_loads_once_with_every_perspective_and_staff_role(tmp_path, baseline, capsys):
    credentials = tmp_path / "credentials.txt"
    assert main(["demo", "--credentials", str(credentials), "--count", "60"]) == 0
    assert "Loaded 60 demo contributions" in capsys.readouterr().out
    # Demo activities (consultation, ideas, events) add their own; the corpus is 60.
    corpus = Contribution.objects.filter(import_reference__startswith="demo:")
    assert corpus.count() == 60
    total = Contribution.objects.count()
    published = Contribution.objects.published()
    assert published.exists()
    assert all(c.consent_publish for c in published)
    assert Contribution.objects.filter(status=Contribution.Status.IN_MODERATION).exists()
    perspectives = {p for c in Contribution.objects.all() for p in c.perspectives}
    assert {"parent_father", "kinship_carer", "child_in_care", "social_worker"} <= perspectives
    assert AuditEvent.objects.filter(action="contribution.submitted").count() == \
        Contribution.objects.count()

    lines = [line for line in credentials.read_text().splitlines()
             if line.split() and line.split()[0] in ROLE_NAMES]
    assert len(lines) == len(ROLE_NAMES)
    assert "heard.cli demo-code USERNAME" in credentials.read_text()
    for line in lines:
        parts = line.split()
        username, password, key = parts[2], parts[4], parts[6]
        # Through the real pages: password, then the code `heard demo-code` prints.
        client = Client()
        assert client.post("/staff/sign-in/", {"username": username,
                                               "password": password}).status_code == 302
        assert client.get("/staff/")["Location"].startswith("/staff/two-factor/")
        capsys.readouterr()
        assert main(["demo-code", username]) == 0
        code = capsys.readouterr().out.strip()
        assert code == f"{TOTP(base64.b32decode(key)).token():06d}"
        assert client.post("/staff/two-factor/", {"code": code}).status_code == 302
        assert client.get("/staff/").status_code == 200
    assert main(["demo-code", "someone-real"]) == 1

    assert main(["demo", "--credentials", str(credentials), "--count", "60"]) == 0
    assert "already loaded" in capsys.readouterr().out
    assert Contribution.objects.count() == total  # a second run adds nothing


def test_check_deploy_warns_while_demo_accounts_can_sign_in(baseline, tmp_path):
    from django.contrib.auth.models import User

    from heard.people.actions import do_create_staff_member, do_give_demo_authenticator
    from heard.people.checks import demo_accounts_in_production

    assert demo_accounts_in_production() == []
    user = do_create_staff_member("moderator", "a demo password 12345", ["moderator"], None)
    do_give_demo_authenticator(user)
    assert [w.id for w in demo_accounts_in_production()] == ["heard.W001"]
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert demo_accounts_in_production() == []


def test_demo_safeguarding_alerts_go_to_the_demo_lead(tmp_path, baseline, activity, settings,
                                                      caplog):
    """`make run` used to log "Safeguarding alert N has no one to go to": the demo lead had no
    address. Now an alert is written to the outbox for them (the console backend prints it)."""
    settings.HEARD_SAFEGUARDING_EMAILS = []
    credentials = tmp_path / "credentials.txt"
    _ensure_staff(credentials)
    assert alert_recipients() == [DEMO_SAFEGUARDING_EMAIL]
    lead = User.objects.get(username="safeguarding_lead")
    assert AuditEvent.objects.filter(action="staff.email_changed", object_id=str(lead.pk)).exists()
    # Accounts made before this change get the address on the next `heard demo`.
    User.objects.filter(pk=lead.pk).update(email="")
    _ensure_staff(credentials)
    assert alert_recipients() == [DEMO_SAFEGUARDING_EMAIL]

    submit(activity, DISCLOSURE)
    run_pending()
    assert "has no one to go to" not in caplog.text
    sent = OutboxEmail.objects.get(about__startswith="safeguarding-alert-")
    assert sent.to == [DEMO_SAFEGUARDING_EMAIL]


def test_a_staff_email_that_is_not_an_address_is_refused_and_changes_nothing(baseline):
    user = do_create_staff_member("lead", "a long demo password", ["safeguarding_lead"], None)
    with pytest.raises(StaffError, match="not an email address"):
        do_set_staff_email(user, "lead at the council", None)
    user.refresh_from_db()
    assert user.email == ""

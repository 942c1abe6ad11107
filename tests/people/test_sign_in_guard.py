"""Guessing is stopped: sign-in lockouts per account, and throttles on codes and API tokens."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.db.models import F
from django.test import Client

from heard.audit.models import AuditEvent
from heard.people.actions import do_create_participant_account

from ..conftest import STAFF_PASSWORD, client_for

pytestmark = pytest.mark.django_db
LIMIT = 20


def sign_in(client: Client, username: str, password: str, url: str = "/staff/sign-in/"):
    return client.post(url, {"username": username, "password": password})


def test_twenty_wrong_passwords_lock_the_account_but_not_the_address(make_staff):
    moderator, analyst = make_staff("moderator"), make_staff("analyst")
    guesser = Client()  # every request in this test comes from the same address, 127.0.0.1
    for _ in range(LIMIT - 1):
        assert sign_in(guesser, moderator.username, "wrong password").status_code == 200
    locked = sign_in(guesser, moderator.username, "wrong password")
    assert locked.status_code == 429
    assert "locked for 15 minutes" in locked.content.decode()

    # The right password is refused during the cool-down, from any browser.
    right = sign_in(Client(), moderator.username, STAFF_PASSWORD)
    assert right.status_code == 429
    assert "_auth_user_id" not in right.client.session

    # Someone else in the same building (same address) still signs in.
    colleague = Client()
    response = sign_in(colleague, analyst.username, STAFF_PASSWORD)
    assert response.status_code == 302
    assert colleague.session["_auth_user_id"] == str(analyst.pk)

    failed = AuditEvent.objects.filter(action="auth.sign_in_failed", object_id=str(moderator.pk))
    assert failed.count() == LIMIT + 1  # the twenty wrong tries and the refused right one
    assert failed.first().details["where"] == "staff"
    assert AuditEvent.objects.filter(action="auth.locked_out",
                                     object_id=str(moderator.pk)).exists()
    assert AuditEvent.objects.filter(action="auth.signed_in", actor=analyst).count() == 1


def test_after_the_cool_down_the_right_password_works(make_staff):
    moderator = make_staff("moderator")
    for _ in range(LIMIT):
        sign_in(Client(), moderator.username, "wrong password")
    assert sign_in(Client(), moderator.username, STAFF_PASSWORD).status_code == 429
    # Sixteen minutes pass.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=16))
    client = Client()
    assert sign_in(client, moderator.username, STAFF_PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(moderator.pk)


def test_participant_accounts_are_protected_the_same_way(baseline):
    do_create_participant_account("river-otter", "a long enough password 7")
    url = "/account/sign-in/"
    for _ in range(LIMIT):
        sign_in(Client(), "river-otter", "not it at all", url)
    response = sign_in(Client(), "river-otter", "a long enough password 7", url)
    assert response.status_code == 429
    assert AuditEvent.objects.filter(action="auth.locked_out").first().details["where"] == \
        "participant"


def test_a_failed_sign_in_to_no_account_is_audited_without_the_typed_name(baseline):
    sign_in(Client(), "someone@example.org", "guess")
    event = AuditEvent.objects.get(action="auth.sign_in_failed")
    assert event.details == {"where": "staff", "stage": "password", "known_account": False}
    assert "example.org" not in str(event.details) + event.object_id


def test_receipt_code_guessing_is_throttled_per_address(young_person_story):
    _contribution, real_code = young_person_story
    guesser = Client()
    for n in range(LIMIT):
        wrong = f"ABCD-EFGH-JKMN-PQRS-{n:04d}"
        response = guesser.post("/receipt/", {"code": wrong})
        assert response.status_code == 200
        assert "could not find that receipt code" in response.content.decode()
    refused = guesser.post("/receipt/", {"code": real_code})
    assert refused.status_code == 429
    assert "Too many wrong codes" in refused.content.decode()
    assert AuditEvent.objects.filter(action="code_entry.throttled").count() == 1


def test_a_right_receipt_code_does_not_use_up_the_allowance(young_person_story):
    _contribution, real_code = young_person_story
    for _ in range(LIMIT + 5):
        assert Client().post("/receipt/", {"code": real_code}).status_code == 302


def test_save_and_return_codes_share_the_throttle(young_person_story, make_staff):
    from heard.activities.models import Activity

    from ..activities.activity_helpers import base, make_activity

    consultation = make_activity(Activity.Kind.CONSULTATION, make_staff("facilitator"))
    _contribution, real_code = young_person_story
    for n in range(LIMIT):
        Client().post("/receipt/", {"code": f"ABCD-EFGH-JKMN-PQRS-{n:04d}"})
    response = Client().post(f"{base(consultation)}/continue/", {"code": real_code})
    assert response.status_code == 429
    assert "Too many wrong codes" in response.content.decode()


@pytest.mark.urls("tests.api.urls")
def test_api_token_guessing_is_throttled(moderator):
    from ..api.conftest import Api
    from ..conftest import second_factor_code

    api = Api()
    good = api.post("/staff/token", {"username": moderator.username, "password": STAFF_PASSWORD,
                                     "code": second_factor_code(moderator)}).json()["token"]
    for n in range(LIMIT):
        assert api.get("/staff/metrics", f"guess-{n}").status_code == 401
    refused = api.get("/staff/metrics", good)
    assert refused.status_code == 429
    assert "Too many wrong tokens" in refused.json()["detail"]
    assert AuditEvent.objects.filter(action="api_token.throttled").count() == 1


@pytest.mark.urls("tests.api.urls")
def test_api_token_issue_locks_like_the_web_sign_in(moderator):
    from ..api.conftest import Api

    api = Api()
    for _ in range(LIMIT - 1):
        response = api.post("/staff/token", {"username": moderator.username,
                                             "password": "wrong", "code": "123456"})
        assert response.status_code == 401
    response = api.post("/staff/token", {"username": moderator.username,
                                         "password": STAFF_PASSWORD, "code": "123456"})
    # The twentieth try was the right password with a wrong code: that locks too.
    assert response.status_code == 429
    assert "locked" in response.json()["detail"]


def test_signed_in_staff_are_audited(moderator):
    client_for(moderator)  # force_login goes through django.contrib.auth.login
    event = AuditEvent.objects.get(action="auth.signed_in")
    assert event.actor == moderator and event.object_id == str(moderator.pk)
    assert User.objects.get(pk=moderator.pk).is_active

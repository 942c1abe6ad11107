"""Staff endpoints: tokens, permissions, and audited reads."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.core import signing

from heard.audit.models import AuditEvent
from heard.contributions.actions import do_withdraw_contribution
from heard.contributions.models import Contribution
from tests.conftest import STAFF_PASSWORD, second_factor_code

pytestmark = [pytest.mark.urls("tests.api.urls"), pytest.mark.django_db]


def test_token_is_issued_for_staff_and_audited(api, moderator):
    response = api.post("/staff/token", {"username": moderator.username,
                                         "password": STAFF_PASSWORD,
                                         "code": second_factor_code(moderator)})
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer" and body["token"] and body["expires_at"]
    assert AuditEvent.objects.filter(action="api.token_issued", actor=moderator).exists()


def test_token_refused_for_wrong_password_and_non_staff(api, moderator, outsider):
    for username in (moderator.username, outsider.username):
        password = "wrong" if username == moderator.username else STAFF_PASSWORD
        response = api.post("/staff/token", {"username": username, "password": password,
                                             "code": "123456"})
        assert response.status_code == 401
        assert "password" in response.json()["detail"]
    assert AuditEvent.objects.filter(action="api.token_refused").count() == 2


def test_token_refuses_a_username_no_account_could_have(api):
    """A NUL byte once reached sign-in protection's log, which PostgreSQL cannot store (a 500)."""
    response = api.post("/staff/token", {"username": "mod\u0000erator", "password": "x",
                                         "code": "123456"})
    assert response.status_code == 422
    assert AccessAttempt.objects.count() == 0


def test_token_needs_the_second_factor_too(api, moderator):
    right = second_factor_code(moderator)
    wrong = "000000" if right != "000000" else "111111"
    response = api.post("/staff/token", {"username": moderator.username,
                                         "password": STAFF_PASSWORD, "code": wrong})
    assert response.status_code == 401
    assert "token" not in response.json()
    failed = AuditEvent.objects.get(action="auth.sign_in_failed")
    assert failed.object_id == str(moderator.pk)
    assert failed.details == {"where": "api", "stage": "second_factor", "known_account": True}
    missing = api.post("/staff/token", {"username": moderator.username,
                                        "password": STAFF_PASSWORD})
    assert missing.status_code == 422


@pytest.mark.parametrize("path", ["/staff/moderation", "/staff/contributions/1",
                                  "/staff/metrics"])
@pytest.mark.parametrize("header", [None, "Bearer nonsense", "Basic abc", "Bearer "])
def test_staff_endpoints_need_a_valid_token(api, path, header):
    headers = {"Authorization": header} if header else {}
    response = api.client.get(f"/api{path}", headers=headers)
    assert response.status_code == 401
    assert "token" in response.json()["detail"]


def test_expired_token_is_refused(api, moderator, token_for, monkeypatch):
    token = token_for(moderator)
    assert api.get("/staff/metrics", token).status_code == 200
    real = signing.TimestampSigner.unsign

    def later(self, value, max_age=None):
        return real(self, value, max_age=-1)  # as if eight hours had passed

    monkeypatch.setattr(signing.TimestampSigner, "unsign", later)
    assert api.get("/staff/metrics", token).status_code == 401


def test_changing_password_ends_tokens(api, moderator, token_for):
    token = token_for(moderator)
    moderator.set_password("a different long password 99")
    moderator.save()
    assert api.get("/staff/metrics", token).status_code == 401


def test_moderation_queue_lists_waiting_without_words(api, moderator, token_for,
                                                      young_person_story):
    contribution, _ = young_person_story
    response = api.get("/staff/moderation", token_for(moderator), status="waiting")
    assert response.status_code == 200
    [item] = response.json()["items"]
    assert item["id"] == contribution.pk and item["status"] == "in_moderation"
    assert set(item) == {"id", "activity", "kind", "status", "safety_level", "submitted_at"}
    assert contribution.text not in response.content.decode()
    assert api.get("/staff/moderation", token_for(moderator), status="bogus").status_code == 422


def test_moderation_queue_needs_the_moderate_permission(api, analyst, token_for):
    response = api.get("/staff/moderation", token_for(analyst))
    assert response.status_code == 403
    assert response.json() == {"detail": "Your role does not allow this."}


def test_contribution_detail_is_audited(api, moderator, token_for, young_person_story):
    contribution, _ = young_person_story
    response = api.get(f"/staff/contributions/{contribution.pk}", token_for(moderator))
    assert response.status_code == 200
    assert response.json()["text"] == contribution.text
    assert AuditEvent.objects.filter(action="contribution.viewed", actor=moderator,
                                     object_id=str(contribution.pk)).exists()


def test_contribution_detail_permission_and_missing(api, analyst, moderator, token_for,
                                                    young_person_story):
    contribution, _ = young_person_story
    assert api.get(f"/staff/contributions/{contribution.pk}",
                   token_for(analyst)).status_code == 403
    assert not AuditEvent.objects.filter(action="contribution.viewed").exists()
    token = token_for(moderator)
    assert api.get("/staff/contributions/999999", token).status_code == 404
    assert api.get("/staff/contributions/0", token).status_code == 422
    assert api.get("/staff/contributions/abc", token).status_code == 422
    assert api.get(f"/staff/contributions/{2**70}", token).status_code == 422


def test_withdrawn_contribution_keeps_no_words(api, moderator, token_for, young_person_story):
    contribution, _ = young_person_story
    do_withdraw_contribution(contribution, None)
    token = token_for(moderator)
    body = api.get(f"/staff/contributions/{contribution.pk}", token).json()
    assert body["status"] == "withdrawn" and body["text"] == ""
    assert api.get("/staff/moderation", token).json()["items"] == []


def test_metrics_suppress_small_counts(api, make_staff, token_for, young_person_story,
                                       parent_problem):
    response = api.get("/staff/metrics", token_for(make_staff("service_lead")))
    assert response.status_code == 200
    body = response.json()
    assert body["suppress_below"] == 5
    assert body["total"] == {"key": "total", "label": "All contributions", "value": None,
                             "text": "fewer than 5", "suppressed": True}
    zero = next(c for c in body["by_kind"] if c["key"] == "idea")
    assert zero["value"] == 0 and not zero["suppressed"]
    assert Contribution.objects.count() == 2
    assert api.get("/staff/metrics", token_for(make_staff("facilitator"))).status_code == 200

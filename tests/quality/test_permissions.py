"""Who may see and who may change participation quality."""

from __future__ import annotations

import pytest

from heard.quality.models import ArnsteinRating, LundyAnswer
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
LUNDY_POST = {"step": "lundy", "space_sought-answer": "yes", "space_sought-evidence": "Asked."}
RUNG_POST = {"step": "arnstein", "rung": "informing", "rung-evidence": "Told only."}


def test_moderator_can_view_but_not_edit(activity, moderator):
    client = client_for(moderator)
    assert client.get("/staff/quality/").status_code == 200
    detail = client.get(f"/staff/quality/{activity.slug}/")
    assert detail.status_code == 200
    assert "Save checklist" not in detail.content.decode()
    assert client.post(f"/staff/quality/{activity.slug}/", LUNDY_POST).status_code == 403
    assert client.post(f"/staff/quality/{activity.slug}/", RUNG_POST).status_code == 403
    assert not LundyAnswer.objects.exists() and not ArnsteinRating.objects.exists()


def test_facilitator_sees_the_forms(activity, facilitator):
    detail = client_for(facilitator).get(f"/staff/quality/{activity.slug}/").content.decode()
    assert "Save checklist" in detail and "Save rung" in detail
    assert "<legend" in detail and 'for="space_sought-evidence"' in detail


@pytest.mark.parametrize("url", ["/staff/quality/", "/staff/quality/share-your-experience/"])
def test_outsider_is_refused(activity, outsider, url):
    client = client_for(outsider)
    assert client.get(url).status_code == 403
    assert client.post(url, LUNDY_POST).status_code in (403, 405)
    assert not LundyAnswer.objects.exists()


@pytest.mark.parametrize("url", ["/staff/quality/", "/staff/quality/share-your-experience/"])
def test_anonymous_is_sent_to_sign_in(activity, url):
    response = client_for(None).get(url)
    assert response.status_code == 302
    assert "/staff/sign-in/" in response["Location"]
    post = client_for(None).post(url, LUNDY_POST)
    assert post.status_code == 302
    assert not LundyAnswer.objects.exists()


def test_unknown_activity_is_not_found(facilitator):
    assert client_for(facilitator).get("/staff/quality/no-such-thing/").status_code == 404


STAFF_ROLES = ("facilitator", "moderator", "safeguarding_lead", "analyst", "service_lead",
               "administrator")
EDITORS = {"facilitator", "administrator"}


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_every_staff_role_may_view_and_only_activity_managers_may_edit(activity, make_staff,
                                                                       role):
    client = client_for(make_staff(role))
    assert client.get("/staff/quality/").status_code == 200
    assert client.get(f"/staff/quality/{activity.slug}/").status_code == 200
    response = client.post(f"/staff/quality/{activity.slug}/", RUNG_POST)
    assert response.status_code == (302 if role in EDITORS else 403)
    assert ArnsteinRating.objects.exists() == (role in EDITORS)

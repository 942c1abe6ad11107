"""Every staff URL against every persona: participants and outsiders are refused, and each
staff role sees only what its work needs."""

from __future__ import annotations

import pytest

from ..conftest import STAFF_ROLES, client_for

pytestmark = pytest.mark.django_db

# URL template -> roles allowed. Anyone else signed in gets 403; anonymous visitors are sent to
# sign in.
STAFF_URLS = {
    "/staff/": set(STAFF_ROLES),
    "/staff/moderation/": {"moderator"},
    "/staff/moderation/{id}/": {"moderator"},
    "/staff/activities/share-your-experience/export.csv": {"analyst"},
    "/staff/contributions/{id}/erase/": {"administrator"},
    "/staff/audit/": {"administrator"},
    "/staff/reports/representation/": {"analyst", "service_lead", "facilitator",
                                       "administrator"},
    "/staff/responses/": {"service_lead"},
    "/staff/safeguarding/": {"safeguarding_lead"},
    "/staff/opinions/": {"facilitator", "administrator"},
    "/staff/activities/": {"facilitator", "administrator"},
    "/staff/activities/share-your-experience/": {"facilitator", "administrator"},
    "/staff/activities/share-your-experience/summary.csv": {"facilitator", "administrator"},
}
PUBLIC_URLS = ("/", "/share/share-your-experience/", "/receipt/", "/activities/",
               "/activities/share-your-experience/", "/staff/sign-in/", "/health/")


@pytest.mark.parametrize("url", list(STAFF_URLS))
@pytest.mark.parametrize("persona", ["anonymous", "outsider", *STAFF_ROLES])
def test_staff_url_access(url, persona, make_staff, outsider, young_person_story):
    contribution, _ = young_person_story
    user = None
    if persona == "outsider":
        user = outsider
    elif persona != "anonymous":
        user = make_staff(persona)
    response = client_for(user).get(url.format(id=contribution.pk))
    if persona == "anonymous":
        assert response.status_code == 302
        assert "/staff/sign-in/" in response["Location"]
    elif persona in STAFF_URLS[url]:
        assert response.status_code == 200, f"{persona} should reach {url}"
    else:
        assert response.status_code == 403, f"{persona} must not reach {url}"


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_urls_are_open_to_everyone(url):
    assert client_for(None).get(url).status_code == 200


def test_a_receipt_cannot_reach_someone_elses_contribution(young_person_story, parent_problem,
                                                           client):
    _, code = young_person_story
    other, _ = parent_problem
    client.post("/receipt/", {"code": code})
    assert client.get(f"/receipt/yours/{other.pk}/withdraw/").status_code == 404
    response = client.post(f"/receipt/yours/{other.pk}/consent/",
                           {"purpose": "publish", "given": "yes"})
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.consent_publish is False


def test_receipt_pages_without_a_code_send_you_to_enter_one(young_person_story, client):
    contribution, _ = young_person_story
    for url in ("/receipt/yours/", f"/receipt/yours/{contribution.pk}/withdraw/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].endswith("/receipt/")

"""Every staff URL against every persona: participants and outsiders are refused, and each
staff role sees only what its work needs."""

from __future__ import annotations

from copy import deepcopy

import pytest
from django.contrib.auth.models import User

from heard.activities.defaults import ensure_default_activity
from heard.activities.models import DEFAULT_ACTIVITY_SLUG, Activity
from heard.people.actions import do_create_staff_member
from heard.people.roles import ensure_roles

from ..conftest import (
    ALL_CONSENTS,
    STAFF_PASSWORD,
    STAFF_ROLES,
    YOUNG_PERSON_STORY,
    client_for,
    give_authenticator,
    kept_for_the_module,
    submitted,
)

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


@pytest.fixture(scope="module")
def _people_and_a_story_once(django_db_setup, django_db_blocker):
    """A member of staff for each role (made as `make_staff` makes them, with an authenticator),
    a signed-in outsider and a child's story, built once for the module's 104 access checks and
    rolled back after them; each check's own writes (audit records, sessions) are undone after
    it. The module's other tests make none of these names themselves."""
    with kept_for_the_module(django_db_blocker):
        with django_db_blocker.unblock():
            # As `baseline`: a transactional test before this module empties the tables.
            ensure_default_activity(Activity)
            ensure_roles()
            people = {role: do_create_staff_member(f"{role}-persona", STAFF_PASSWORD, [role],
                                                   None)
                      for role in STAFF_ROLES}
            for user in people.values():
                give_authenticator(user)
            people["outsider"] = User.objects.create_user("outsider", password=STAFF_PASSWORD)
            activity = Activity.objects.get(slug=DEFAULT_ACTIVITY_SLUG)
            story, _ = submitted(activity, "story", YOUNG_PERSON_STORY, ("child_in_care",),
                                 ALL_CONSENTS, equality={"age_band": "12_15"})
        yield people, story


@pytest.fixture
def people_and_a_story(_people_and_a_story_once, db):
    """Copies of the module's objects, so a change in memory does not reach the next test."""
    return deepcopy(_people_and_a_story_once)


@pytest.mark.parametrize("url", list(STAFF_URLS))
@pytest.mark.parametrize("persona", ["anonymous", "outsider", *STAFF_ROLES])
def test_staff_url_access(url, persona, people_and_a_story):
    people, contribution = people_and_a_story
    user = people.get(persona)  # None for the anonymous visitor
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

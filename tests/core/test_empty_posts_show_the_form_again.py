"""A post with nothing in it, to a page whose GET and POST are separate views: the form comes
back with what is missing, nothing is saved, never a server error. (Before the views were split
per verb, an empty post was read as no post at all and showed a blank form.)"""

from __future__ import annotations

import pytest
from django.test import Client

from heard.contributions.models import Contribution
from heard.people.models import Receipt

from ..conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", [
    "/share/share-your-experience/age/",
    "/receipt/",
    "/account/create/",
])
def test_an_empty_post_to_a_participant_page_shows_the_form_with_a_message(activity, url):
    response = Client().post(url, {})
    assert response.status_code in (200, 400)
    assert "There is a problem" in response.content.decode()
    assert Receipt.objects.count() == 0


def test_an_empty_post_to_a_staff_page_shows_the_form_with_a_message(
        young_person_story, moderator, facilitator):
    contribution, _ = young_person_story
    decided = client_for(moderator).post(f"/staff/moderation/{contribution.pk}/", {})
    assert decided.status_code == 200 and "There is a problem" in decided.content.decode()
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.IN_MODERATION
    created = client_for(facilitator).post("/staff/activities/new/", {})
    assert created.status_code == 400 and "There is a problem" in created.content.decode()

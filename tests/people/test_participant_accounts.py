"""Optional participant accounts: no name or email, perspectives remembered, contributions
reachable without a receipt code, and no way into staff pages."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from heard.audit.models import AuditEvent
from heard.contributions.models import Contribution
from heard.people.models import Profile
from heard.people.password_form import USERNAME_MAX_LENGTH, USERNAME_MIN_LENGTH
from heard.people.staff_admin_views import InviteForm

from ..conftest import in_welsh
from ..contributions.test_share_journey import BASE, walk_journey

pytestmark = pytest.mark.django_db
PASSWORD = "purple elephant rides bikes"


def make_account(client: Client, username: str = "sky-walker") -> None:
    response = client.post("/account/create/", {
        "username": username, "password": PASSWORD, "password_again": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/account/created/"
    page = client.get(response["Location"]).content.decode()
    assert "Your account is ready" in page and username in page


def test_account_holder_sees_their_contributions_and_perspectives_are_remembered(baseline):
    client = Client()
    make_account(client)
    walk_journey(client, perspectives=("kinship_carer", "other_family"))
    profile = Profile.objects.get(user__username="sky-walker")
    assert profile.perspectives == ["kinship_carer", "other_family"]
    assert AuditEvent.objects.filter(action="participant_account.created").exists()

    again = Client()
    again.post("/account/sign-in/", {"username": "sky-walker", "password": PASSWORD})
    page = again.get("/receipt/yours/")
    assert page.status_code == 200 and "Waiting to be checked" in page.content.decode()
    who = again.get(f"{BASE}/who/").content.decode()
    assert 'value="kinship_carer" checked' in who
    contribution = Contribution.objects.get()
    assert again.post(f"/receipt/yours/{contribution.pk}/withdraw/",
                      {"confirm": "yes"}).status_code == 302
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.WITHDRAWN
    assert again.get("/staff/").status_code == 403


def test_account_cannot_reach_someone_elses_contribution(baseline, young_person_story):
    client = Client()
    make_account(client)
    other, _ = young_person_story
    assert client.get(f"/receipt/yours/{other.pk}/withdraw/").status_code == 404


@pytest.mark.parametrize("data, message", [
    ({"username": "ab", "password": PASSWORD, "password_again": PASSWORD}, "3 to 40"),
    ({"username": "valid-name", "password": "short", "password_again": "short"}, "too short"),
    ({"username": "valid-name", "password": PASSWORD, "password_again": "different words"},
     "not the same"),
])
def test_bad_account_details_get_clear_messages(baseline, data, message):
    response = Client().post("/account/create/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Profile.objects.exists()


def test_the_username_rule_says_its_lengths_in_each_language(baseline):
    """The lengths in the message are the pattern's own (decision 0057), in English and in
    Welsh, on the participant's page and on the staff invitation alike."""
    data = {"username": "ab", "password": PASSWORD, "password_again": PASSWORD}
    english = Client().post("/account/create/", data).content.decode()
    assert f"Use {USERNAME_MIN_LENGTH} to {USERNAME_MAX_LENGTH} letters" in english
    welsh = in_welsh().post("/account/create/", data).content.decode()
    assert f"rhwng {USERNAME_MIN_LENGTH} a {USERNAME_MAX_LENGTH} o lythrennau" in welsh
    with translation.override("en"):  # the Welsh request left its language in this thread
        invite = InviteForm({"username": "ab", "roles": ["moderator"]})
        assert invite.errors["username"] == [
            f"Use {USERNAME_MIN_LENGTH} to {USERNAME_MAX_LENGTH} letters, numbers, dots, dashes "
            "or underscores."]
    assert not Profile.objects.exists()


def test_a_taken_username_is_refused(baseline):
    make_account(Client(), "taken-name")
    response = Client().post("/account/create/", {
        "username": "Taken-Name", "password": PASSWORD, "password_again": PASSWORD})
    assert "That username is taken" in response.content.decode()

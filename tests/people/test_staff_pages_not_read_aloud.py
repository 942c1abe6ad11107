"""Staff pages have no read-aloud button, from the sign-in page onwards (the button is for the
people who share, decision 0021); the pages on the way in keep the exit button, the pages
behind sign-in drop it for the staff menu (templates/staff/base_any_staff.html)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from heard.people.actions import do_create_staff_member

from ..conftest import STAFF_PASSWORD, client_for
from .test_staff_management import invite

pytestmark = pytest.mark.django_db
READ_ALOUD = 'id="read-aloud-label"'
EXIT = "govuk-exit-this-page"


def _page(client: Client, path: str, heading: str, status: int = 200) -> str:
    response = client.get(path)
    page = response.content.decode()
    assert response.status_code == status and heading in page, (path, page[:400])
    return page


def test_a_participant_page_has_the_read_aloud_button() -> None:
    # Without this, the checks below could pass on a page that never has the button.
    assert READ_ALOUD in _page(Client(), "/", "Be heard")


def test_the_pages_on_the_way_in_are_not_read_aloud_and_keep_the_exit_button(
        moderator: User, administrator: User) -> None:
    newcomer = do_create_staff_member("no-app-yet", STAFF_PASSWORD, ["moderator"], None)
    pages = [
        _page(Client(), "/staff/sign-in/", "Staff sign in"),
        _page(Client(), "/staff/invitation/x/y/", "This invitation link does not work",
              status=400),
        _page(Client(), invite(client_for(administrator), "invited", ["analyst"]),
              "Choose your password"),
        _page(client_for(moderator, second_factor=False), "/staff/two-factor/", "Enter your code"),
        _page(client_for(newcomer), "/staff/two-factor/set-up/", "Set up your authenticator app"),
        _page(client_for(moderator), "/staff/two-factor/recovery-codes/", "Recovery codes"),
    ]
    for page in pages:
        assert READ_ALOUD not in page
        assert EXIT in page


def test_the_pages_behind_sign_in_are_not_read_aloud_and_show_the_staff_menu(
        moderator: User) -> None:
    page = _page(client_for(moderator), "/staff/moderation/", "Moderation")
    assert READ_ALOUD not in page
    assert EXIT not in page
    assert 'aria-label="Staff pages"' in page

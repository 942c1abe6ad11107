"""Administrators invite staff, change roles, disable and reset the second factor, audited."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from heard.audit.models import AuditEvent
from heard.people.actions import (
    LAST_ADMINISTRATOR,
    StaffError,
    do_change_staff_roles,
    do_disable_staff_member,
)

from ..conftest import client_for

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a brand new staff password 31"


def invite(admin_client: Client, username: str, roles: list[str]) -> str:
    response = admin_client.post("/staff/people/invite/", {"username": username, "roles": roles})
    assert response.status_code == 200, response.content.decode()[:400]
    link = re.search(r'data-testid="invitation-link">([^<]+)<', response.content.decode())
    assert link is not None
    return link.group(1).replace("http://testserver", "")


def test_an_invited_person_chooses_a_password_then_sets_up_an_authenticator(administrator):
    admin = client_for(administrator)
    link = invite(admin, "new-moderator", ["moderator"])
    person = User.objects.get(username="new-moderator")
    assert not person.has_usable_password()
    assert list(person.groups.values_list("name", flat=True)) == ["moderator"]

    newcomer = Client()
    assert "Choose your password" in newcomer.get(link).content.decode()
    weak = newcomer.post(link, {"password": "short", "password_again": "short"})
    assert weak.status_code == 400
    accepted = newcomer.post(link, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    assert accepted.status_code == 302 and accepted["Location"] == "/staff/two-factor/set-up/"
    assert newcomer.get("/staff/").status_code == 302  # no staff page before the authenticator

    # The link works once.
    again = Client().get(link)
    assert again.status_code == 400
    assert "does not work" in again.content.decode()
    actions = set(AuditEvent.objects.filter(object_id=str(person.pk))
                  .values_list("action", flat=True))
    assert {"staff.invited", "staff.invitation_accepted", "auth.signed_in"} <= actions


def test_invitation_with_a_taken_name_or_no_role_is_refused(administrator, moderator):
    admin = client_for(administrator)
    taken = admin.post("/staff/people/invite/", {"username": moderator.username,
                                                "roles": ["analyst"]})
    assert taken.status_code == 400 and "That username is taken" in taken.content.decode()
    no_role = admin.post("/staff/people/invite/", {"username": "someone-new"})
    assert no_role.status_code == 400 and "Choose at least one role" in no_role.content.decode()
    assert not User.objects.filter(username="someone-new").exists()


def test_changing_roles_is_audited_and_takes_effect(administrator, moderator):
    admin = client_for(administrator)
    response = admin.post(f"/staff/people/{moderator.pk}/",
                          {"action": "roles", "roles": ["analyst"]})
    assert response.status_code == 302
    assert list(moderator.groups.values_list("name", flat=True)) == ["analyst"]
    event = AuditEvent.objects.get(action="staff.roles_changed")
    assert event.actor == administrator
    assert event.details == {"before": ["moderator"], "after": ["analyst"]}
    assert client_for(moderator).get("/staff/moderation/").status_code == 403


def test_disabling_ends_the_session_at_once(administrator, moderator):
    their_browser = client_for(moderator)
    assert their_browser.get("/staff/moderation/").status_code == 200
    client_for(administrator).post(f"/staff/people/{moderator.pk}/", {"action": "disable"})
    moderator.refresh_from_db()
    assert not moderator.is_active
    response = their_browser.get("/staff/moderation/")
    assert response.status_code == 302 and "/staff/sign-in/" in response["Location"]
    assert AuditEvent.objects.filter(action="staff.disabled", object_id=str(moderator.pk),
                                     actor=administrator).exists()


def test_resetting_the_second_factor_asks_for_a_new_authenticator(administrator, moderator):
    their_browser = client_for(moderator)
    assert their_browser.get("/staff/").status_code == 200
    client_for(administrator).post(f"/staff/people/{moderator.pk}/",
                                   {"action": "reset_second_factor"})
    assert not TOTPDevice.objects.filter(user=moderator).exists()
    response = their_browser.get("/staff/")
    assert response.status_code == 302 and response["Location"].startswith("/staff/two-factor/")
    assert AuditEvent.objects.filter(action="staff.second_factor_reset").count() == 1


def test_the_last_administrator_cannot_be_demoted_or_disabled(administrator):
    admin = client_for(administrator)
    for data in ({"action": "roles", "roles": ["analyst"]}, {"action": "disable"}):
        response = admin.post(f"/staff/people/{administrator.pk}/", data, follow=True)
        assert LAST_ADMINISTRATOR in response.content.decode()
    administrator.refresh_from_db()
    assert administrator.is_active
    assert administrator.groups.filter(name="administrator").exists()
    assert not AuditEvent.objects.filter(action__in=["staff.roles_changed",
                                                     "staff.disabled"]).exists()


def test_with_two_administrators_one_may_step_down(administrator, make_staff):
    second = make_staff("analyst")
    do_change_staff_roles(second, ["analyst", "administrator"], administrator)
    do_change_staff_roles(administrator, ["analyst"], second)
    with pytest.raises(StaffError):
        do_disable_staff_member(second, second)


def test_only_administrators_manage_staff(moderator, outsider, administrator):
    for user in (moderator, outsider):
        client = client_for(user)
        assert client.get("/staff/people/").status_code == 403
        assert client.post(f"/staff/people/{administrator.pk}/",
                           {"action": "disable"}).status_code == 403
    administrator.refresh_from_db()
    assert administrator.is_active


def test_a_signed_out_visitor_is_sent_to_sign_in_from_staff_management(administrator):
    """Like every other staff page: the sign-in page, not a bare 403, and nothing changes."""
    visitor = Client()
    for response in (visitor.get("/staff/people/"), visitor.get("/staff/people/invite/"),
                     visitor.get(f"/staff/people/{administrator.pk}/"),
                     visitor.post(f"/staff/people/{administrator.pk}/", {"action": "disable"})):
        assert response.status_code == 302 and "/staff/sign-in/" in response["Location"]
    administrator.refresh_from_db()
    assert administrator.is_active


def test_participant_accounts_are_not_on_the_staff_page(administrator, outsider):
    admin = client_for(administrator)
    assert outsider.username not in admin.get("/staff/people/").content.decode()
    assert admin.get(f"/staff/people/{outsider.pk}/").status_code == 404

"""`require_permission`, the check every access helper makes before it reaches a row: 403 for
anyone without the permission, nothing at all for someone with it; and `staff_with`, the same
rule in front of a staff page, which first sends a visitor who is not signed in to sign in."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, Permission, User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from heard.core.permissions import require_permission, staff_with

pytestmark = pytest.mark.django_db

ANALYSE = "insight.run_analysis"


def test_someone_with_the_permission_through_a_role_passes(analyst):
    assert require_permission(analyst, ANALYSE) is None


def test_staff_with_other_roles_signed_in_accounts_and_visitors_are_refused(moderator, outsider):
    for user in (moderator, outsider, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            require_permission(user, ANALYSE)


def test_a_permission_given_to_the_account_itself_counts(outsider):
    outsider.user_permissions.add(Permission.objects.get(codename="run_analysis"))
    require_permission(User.objects.get(pk=outsider.pk), ANALYSE)  # fresh: perms are cached


def test_a_superuser_holds_every_permission_and_an_inactive_account_none(analyst):
    boss = User.objects.create_superuser("boss", "boss@example.org", "x" * 16)
    require_permission(boss, "audit.view_audit_log")
    analyst.is_active = False
    with pytest.raises(PermissionDenied):
        require_permission(analyst, ANALYSE)


def test_a_permission_nobody_defined_is_refused_even_to_holders_of_others(analyst):
    with pytest.raises(PermissionDenied):
        require_permission(analyst, "insight.no_such_permission")


@staff_with(ANALYSE)
def _analysts_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse("runs")


def _visit(user) -> HttpResponse:
    request = RequestFactory().get("/staff/analysis/")
    request.user = user
    return _analysts_page(request)


def test_a_staff_page_sends_a_visitor_to_sign_in_first_and_comes_back():
    response = _visit(AnonymousUser())
    assert response.status_code == 302
    assert response["Location"].endswith("?next=/staff/analysis/")


def test_a_staff_page_refuses_the_signed_in_without_the_permission_and_opens_for_the_rest(
        analyst, moderator, outsider):
    for user in (moderator, outsider):
        with pytest.raises(PermissionDenied):
            _visit(user)
    assert _visit(analyst).content == b"runs"

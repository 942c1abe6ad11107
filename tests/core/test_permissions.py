"""`require_permission`, the check every access helper makes before it reaches a row: 403 for
anyone without the permission, nothing at all for someone with it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, Permission, User
from django.core.exceptions import PermissionDenied

from heard.core.permissions import require_permission

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

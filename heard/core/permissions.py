"""The one way an access helper refuses someone a staff permission: 403, whoever they are.
Staff pages check the same permission with their views' decorators first; the helpers check it
again so that a view which forgot its decorator still shows nothing (tests/core: access
helpers). A helper that hides whether a row exists (404 for anyone without the permission, as
`people.access` does for staff accounts) is a different rule and does not use this."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, PermissionsMixin
from django.core.exceptions import PermissionDenied


def require_permission(user: PermissionsMixin | AnonymousUser, permission: str) -> None:
    """Raise PermissionDenied unless `user` holds `permission` ("app_label.codename"), through
    a role, a permission of their own, or as a superuser; an anonymous visitor holds none."""
    if not user.has_perm(permission):
        raise PermissionDenied

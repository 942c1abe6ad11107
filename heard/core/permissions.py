"""Who may reach a staff page, and a staff row: each rule written once.

`staff_with(permission)` guards a staff page: signed in (else to the sign-in page), then the
permission (else 403). `require_permission` is the same 403 inside an access helper, which
checks again so that a view which forgot its decorator still shows nothing (tests/core: access
helpers). A helper that hides whether a row exists (404 for anyone without the permission, as
`people.access` does for staff accounts) is a different rule and uses neither."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.models import AnonymousUser, PermissionsMixin
from django.core.exceptions import PermissionDenied

ViewT = TypeVar("ViewT", bound=Callable[..., Any])


def staff_with(permission: str) -> Callable[[ViewT], ViewT]:
    """A staff page: signed in (else to the sign-in page), then the permission (else 403)."""

    def wrap(view: ViewT) -> ViewT:
        return login_required(permission_required(permission, raise_exception=True)(view))

    return wrap


def require_permission(user: PermissionsMixin | AnonymousUser, permission: str) -> None:
    """Raise PermissionDenied unless `user` holds `permission` ("app_label.codename"), through
    a role, a permission of their own, or as a superuser; an anonymous visitor holds none."""
    if not user.has_perm(permission):
        raise PermissionDenied

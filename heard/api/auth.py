"""Bearer authentication for staff endpoints, and the permission check they share."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja.errors import Throttled
from ninja.security import HttpBearer

from heard.core.permissions import require_permission
from heard.people.roles import is_staff_member
from heard.people.sign_in_guard import token_throttle

from .tokens import user_for_token


class StaffToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        # Wrong tokens are counted per address; past the limit even a right one waits, so a
        # script cannot keep guessing.
        throttle = token_throttle()
        if throttle.is_blocked(request):
            raise Throttled(wait=throttle.duration)
        user = user_for_token(token.strip())
        # Someone whose staff roles were all removed keeps no API access.
        if user is None or not is_staff_member(user):
            throttle.count_wrong_guess(request)
            return None
        return user


def staff_user(request: HttpRequest, permission: str) -> User:
    user = getattr(request, "auth", None)
    if not isinstance(user, User):  # the auth class runs first; this is belt and braces
        raise PermissionDenied
    require_permission(user, permission)
    return user

from __future__ import annotations

from django.http import HttpRequest

from .roles import roles_of


def staff_roles(request: HttpRequest) -> dict[str, object]:
    # Error pages can be drawn before authentication ran (a Host we do not serve is refused by
    # the first middleware), so there may be no request.user yet.
    user = getattr(request, "user", None)
    roles = roles_of(user) if user is not None else []
    return {"staff_roles": roles, "is_staff_member": bool(roles)}

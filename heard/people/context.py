from __future__ import annotations

from django.http import HttpRequest

from .roles import roles_of


def staff_roles(request: HttpRequest) -> dict[str, object]:
    roles = roles_of(request.user)
    return {"staff_roles": roles, "is_staff_member": bool(roles)}

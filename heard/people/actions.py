"""Staff accounts. Passwords are set here and never logged."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, Group, User
from django.db import transaction

from heard.audit.log import record

from .roles import ROLE_NAMES


class StaffError(ValueError):
    pass


@transaction.atomic
def do_create_staff_member(
    username: str, password: str, roles: list[str], actor: AbstractBaseUser | None
) -> User:
    unknown = set(roles) - set(ROLE_NAMES)
    if unknown:
        raise StaffError(f"Unknown role: {', '.join(sorted(unknown))}")
    user, created = User.objects.get_or_create(username=username)
    user.set_password(password)
    user.save()
    user.groups.set(Group.objects.filter(name__in=roles))
    record(actor, "staff.created" if created else "staff.updated", user, roles=sorted(roles))
    return user

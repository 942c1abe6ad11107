"""Staff accounts. Passwords are set here and never logged."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, Group, User
from django.db import transaction

from heard.audit.log import record

from .models import Profile
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


class AccountError(ValueError):
    """A participant account request that cannot be carried out; safe to show."""


@transaction.atomic
def do_create_participant_account(username: str, password: str) -> User:
    """An optional account, so someone can come back without keeping codes. No email, no name."""
    if User.objects.filter(username__iexact=username).exists():
        raise AccountError("That username is taken. Choose another.")
    user = User.objects.create_user(username=username, password=password)
    Profile.objects.create(user=user)
    record(user, "participant_account.created", user)
    return user


@transaction.atomic
def do_remember_self_description(
    user: User, perspectives: list[str], equality: dict[str, str]
) -> None:
    """Offer the same answers next time. Only for participants who chose to have an account."""
    profile, _ = Profile.objects.get_or_create(user=user)
    profile.perspectives = list(perspectives)
    profile.equality = dict(equality)
    profile.save(update_fields=["perspectives", "equality"])
    record(user, "participant_account.profile_updated", profile)

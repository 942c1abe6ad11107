"""Staff accounts. Passwords are set here and never logged."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, Group, User
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from heard.audit.log import record

from .models import Profile
from .roles import ROLE_NAMES
from .two_factor import (
    AUTHENTICATOR_NAME,
    DEMO_AUTHENTICATOR_NAME,
    RECOVERY_CODE_COUNT,
    RECOVERY_NAME,
    authenticator_for,
    base32_key,
)


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


@transaction.atomic
def do_set_staff_email(user: User, email: str, actor: AbstractBaseUser | None) -> None:
    """The address a staff member's work email reaches (a safeguarding lead's alerts go there).
    Checked first: a mistyped address would send alerts nowhere."""
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError as error:
        raise StaffError(f"“{email[:80]}” is not an email address.") from error
    if user.email == email:
        return
    user.email = email
    user.save(update_fields=["email"])
    record(actor, "staff.email_changed", user)


class AccountError(ValueError):
    """A participant account request that cannot be carried out; safe to show."""


@transaction.atomic
def do_create_participant_account(username: str, password: str) -> User:
    """An optional account, so someone can come back without keeping codes. No email, no name."""
    if User.objects.filter(username__iexact=username).exists():
        raise AccountError(gettext("That username is taken. Choose another."))
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


# --- Second factor (issue 12) -------------------------------------------------------------


@transaction.atomic
def do_start_authenticator(user: User) -> TOTPDevice:
    """An unconfirmed authenticator for the set-up page; it counts only once a code from the
    app proves it was added. Reused while set-up is unfinished, so a reload shows the same
    QR code."""
    device = authenticator_for(user, confirmed=False)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
        # Recorded although it does nothing yet: someone who has only the password begins here,
        # and the log should show when an account's set-up was started, not only finished.
        record(user, "staff.second_factor_started", user)
    return device


@transaction.atomic
def do_confirm_authenticator(user: User, device: TOTPDevice) -> list[str]:
    """Make this the staff member's one authenticator, and give them fresh recovery codes."""
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(user)
    record(user, "staff.second_factor_set_up", user, recovery_codes=len(codes))
    return codes


@transaction.atomic
def do_renew_recovery_codes(user: User) -> list[str]:
    codes = _new_recovery_codes(user)
    record(user, "staff.recovery_codes_renewed", user, recovery_codes=len(codes))
    return codes


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def do_reset_second_factor(user: User, actor: User) -> None:
    """For a lost phone: remove the authenticator and recovery codes. Any session verified with
    them stops being verified at once (django-otp looks the device up on every request), and
    the person sets up a new authenticator at their next sign-in."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    record(actor, "staff.second_factor_reset", user)


@transaction.atomic
def do_give_demo_authenticator(user: User) -> str:
    """`heard demo` only: a confirmed authenticator whose key is printed for the demo, marked
    so `heard demo-code` will read it and `check --deploy` warns while one exists."""
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(user=user, name=DEMO_AUTHENTICATOR_NAME, confirmed=True)
    _new_recovery_codes(user)
    record(None, "staff.demo_authenticator_given", user)
    return base32_key(device)


# --- Staff management by administrators (issue 12) -----------------------------------------

ADMINISTRATOR = "administrator"
LAST_ADMINISTRATOR = ("There must always be at least one active administrator. Make someone "
                      "else an administrator first.")


class InvitationTokens(PasswordResetTokenGenerator):
    """One-time invitation links: the token is tied to the password hash and last sign-in, so it
    stops working the moment the invited person sets a password."""

    key_salt = "heard.people.invitation"


invitation_tokens = InvitationTokens()


def _check_roles(roles: list[str]) -> None:
    unknown = set(roles) - set(ROLE_NAMES)
    if unknown:
        raise StaffError(f"Unknown role: {', '.join(sorted(unknown))}")
    if not roles:
        raise StaffError("Choose at least one role.")


@transaction.atomic
def do_invite_staff_member(username: str, roles: list[str], actor: User) -> tuple[User, str]:
    """A new staff account with no password yet, and the token for its one-time link."""
    _check_roles(roles)
    if User.objects.filter(username__iexact=username).exists():
        raise StaffError("That username is taken. Choose another.")
    user = User(username=username)
    user.set_unusable_password()
    user.save()
    user.groups.set(Group.objects.filter(name__in=roles))
    record(actor, "staff.invited", user, roles=sorted(roles))
    return user, invitation_tokens.make_token(user)


@transaction.atomic
def do_renew_invitation(user: User, actor: User) -> str:
    if user.has_usable_password():
        raise StaffError("This person has already accepted their invitation.")
    record(actor, "staff.invitation_renewed", user)
    return invitation_tokens.make_token(user)


@transaction.atomic
def do_accept_invitation(user: User, password: str) -> None:
    user.set_password(password)
    user.save(update_fields=["password"])
    record(user, "staff.invitation_accepted", user)


def _guard_last_administrator(user: User, *, keeps_admin: bool, stays_active: bool) -> None:
    if not user.groups.filter(name=ADMINISTRATOR).exists() or (keeps_admin and stays_active):
        return
    # Lock every active administrator's row, so two administrators removing each other at the
    # same moment cannot both pass this check (PostgreSQL; SQLite writes one at a time anyway).
    others = list(User.objects.select_for_update()
                  .filter(groups__name=ADMINISTRATOR, is_active=True).exclude(pk=user.pk)
                  .values_list("pk", flat=True))
    if user.is_active and not others:
        raise StaffError(LAST_ADMINISTRATOR)


@transaction.atomic
def do_change_staff_roles(user: User, roles: list[str], actor: User) -> None:
    _check_roles(roles)
    _guard_last_administrator(user, keeps_admin=ADMINISTRATOR in roles, stays_active=True)
    before = sorted(user.groups.values_list("name", flat=True))
    user.groups.set(Group.objects.filter(name__in=roles))
    record(actor, "staff.roles_changed", user, before=before, after=sorted(roles))


@transaction.atomic
def do_disable_staff_member(user: User, actor: User) -> None:
    """Disabled people cannot sign in, and their sessions and API tokens stop working."""
    _guard_last_administrator(user, keeps_admin=True, stays_active=False)
    user.is_active = False
    user.save(update_fields=["is_active"])
    record(actor, "staff.disabled", user)


@transaction.atomic
def do_enable_staff_member(user: User, actor: User) -> None:
    user.is_active = True
    user.save(update_fields=["is_active"])
    record(actor, "staff.enabled", user)

"""The second factor every staff member passes before any staff page (django-otp).

A staff member has one authenticator app (a confirmed TOTP device) and a set of single-use
recovery codes (a static device). Passing either marks the session verified the way django-otp
does (`django_otp.login`), and django-otp's middleware reads that back on every request.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from heard.core.numbers import whole_number

from .roles import is_staff_member

STAFF_PREFIX = "/staff/"
AUTHENTICATOR_NAME = "Authenticator app"
# Made only by `heard demo`; its key is in var/demo-credentials.txt, so never in production.
DEMO_AUTHENTICATOR_NAME = "Demo authenticator (heard demo)"
RECOVERY_NAME = "Recovery codes"
RECOVERY_CODE_COUNT = 10
# A 6-digit code or a recovery code, with room for the spaces people type; longer is refused
# before it is checked.
SECOND_FACTOR_CODE_MAX_LENGTH = 40


def authenticator_for(user: User, *, confirmed: bool | None = True) -> TOTPDevice | None:
    found = TOTPDevice.objects.filter(user=user)
    if confirmed is not None:
        found = found.filter(confirmed=confirmed)
    return found.order_by("-id").first()


def recovery_device_for(user: User) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


def base32_key(device: TOTPDevice) -> str:
    """The key as authenticator apps take it when typed in (RFC 4648 base32, no padding)."""
    return base64.b32encode(device.bin_key).decode("ascii").rstrip("=")


def current_demo_code(username: str) -> str | None:
    """Today's code for a demo account, for `heard demo-code`; None for any real account."""
    device = TOTPDevice.objects.filter(user__username=username, confirmed=True,
                                       name=DEMO_AUTHENTICATOR_NAME).first()
    if device is None:
        return None
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:0{device.digits}d}"


def has_second_factor(user: User) -> bool:
    return authenticator_for(user) is not None


def recovery_codes_left(user: User) -> int:
    device = recovery_device_for(user)
    return device.token_set.count() if device is not None else 0


def is_verified(user: AbstractBaseUser | AnonymousUser) -> bool:
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def clean_code(raw: str) -> str:
    return "".join(ch for ch in raw.strip().lower() if ch not in " -")


class TooSoon(Exception):  # noqa: N818 - reads as what happened
    """django-otp makes each wrong code wait longer before the next try (1 s, 2 s, 4 s...)."""


WAIT_MESSAGE = "A wrong code was typed a moment ago. Wait a few seconds, then try again."


def verify_second_factor(user: User, raw_code: str) -> TOTPDevice | StaticDevice | None:
    """The device that accepts this code, checked only against the device it can belong to, so
    django-otp's per-device throttling and replay protection apply. Raises TooSoon while that
    device is throttled, without counting a try."""
    code = clean_code(raw_code)
    if len(code) == 6 and whole_number(code) is not None:
        device: TOTPDevice | StaticDevice | None = authenticator_for(user)
    elif len(code) == 8:
        device = recovery_device_for(user)
    else:
        return None
    if device is None:
        return None
    allowed, _why = device.verify_is_allowed()
    if not allowed:
        raise TooSoon
    return device if device.verify_token(code) else None


def _exempt_paths() -> tuple[str, ...]:
    return (reverse("staff:login"), reverse("staff:logout"), reverse("staff:two-factor"),
            "/staff/invitation/")


class RequireSecondFactorMiddleware:
    """Every page under /staff/ waits until a staff member has passed the second factor. One
    check here, rather than one per view, so a new staff page cannot forget it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._must_verify(request):
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse('staff:two-factor')}?{query}")
        return self.get_response(request)

    def _must_verify(self, request: HttpRequest) -> bool:
        path = request.path
        if not path.startswith(STAFF_PREFIX) or path.startswith(_exempt_paths()):
            return False
        user = request.user
        return user.is_authenticated and is_staff_member(user) and not is_verified(user)

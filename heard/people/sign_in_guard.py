"""Protection against guessing: sign-in lockouts (django-axes) and code-guess throttles.

Passwords and second-factor codes are counted per account by django-axes, in the database, so
every process sees one count (docs/decisions/0010). Receipt codes, save-and-return codes and API
tokens belong to no account, so wrong ones are counted per address with django-ninja's
throttle; 100-bit codes and signed tokens cannot be guessed anyway, this only stops a script
from trying.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext, gettext_noop
from ninja.throttling import SimpleRateThrottle

from heard.audit.log import record

LOCKED_MESSAGE = ("This account is locked for {minutes} minutes because the password or code "
                  "was wrong too many times. Wait, then try again. If it was not you, tell "
                  "your administrator.")
TOO_MANY_CODES = gettext_noop("Too many wrong codes were typed from this connection. Wait "
                              "%(minutes)s minutes, then try again. Your code still works.")


def client_address(request: HttpRequest) -> str | None:
    """The address waitress settled on: it rewrites REMOTE_ADDR from X-Forwarded-For only when
    the request came through HEARD_TRUSTED_PROXY, so a client cannot pick its own address.
    None when there is none (a sign-in made in code); axes stores it in an address column."""
    return request.META.get("REMOTE_ADDR") or None


def cool_off_minutes() -> int:
    return max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))


def locked_message() -> str:
    return LOCKED_MESSAGE.format(minutes=cool_off_minutes())


def lockout_response(request: HttpRequest, original_response: HttpResponse | None = None,
                     credentials: dict[str, Any] | None = None) -> HttpResponse:
    """What a locked-out person sees (django-axes calls this): why, and for how long."""
    message = locked_message()
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=429)
    return render(request, "errors/locked.html", {"message": message}, status=429)


def account_named(username: str | None) -> User | None:
    if not username:
        return None
    return User.objects.filter(username=username).first()


class WrongGuessThrottle(SimpleRateThrottle):
    """Counts only wrong guesses per address, with the history and rate format of the library's
    throttle; a right code never uses up the allowance."""

    def __init__(self, scope: str, rate: str) -> None:
        self.scope = scope
        super().__init__(rate)

    def get_cache_key(self, request: HttpRequest) -> str:
        ident = client_address(request) or "no-address"
        return self.cache_format % {"scope": self.scope, "ident": ident}

    def is_blocked(self, request: HttpRequest) -> bool:
        oldest_counted = time.time() - (self.duration or 0)
        history = self.cache.get(self.get_cache_key(request), [])
        return sum(1 for at in history if at > oldest_counted) >= (self.num_requests or 0)

    def count_wrong_guess(self, request: HttpRequest) -> None:
        self.allow_request(request)  # records this try in the library's history
        if self.is_blocked(request):
            with transaction.atomic():
                record(None, f"{self.scope}.throttled", object_type="address",
                       window_minutes=self.minutes())

    def minutes(self) -> int:
        return max(1, (self.duration or 60) // 60)


def code_throttle() -> WrongGuessThrottle:
    return WrongGuessThrottle("code_entry", settings.HEARD_CODE_GUESS_RATE)


def token_throttle() -> WrongGuessThrottle:
    return WrongGuessThrottle("api_token", settings.HEARD_TOKEN_GUESS_RATE)


def too_many_codes_message() -> str:
    return gettext(TOO_MANY_CODES) % {"minutes": code_throttle().minutes()}

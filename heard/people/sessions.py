"""Shared computers: a children's home, a library, a phone passed round.

What a person types before "Send", and the receipt they entered, live in the server-side
session. So the session must end when they leave ("Exit this page", "I have finished"), when
they stop for a while (idle time, SESSION_COOKIE_AGE), and after a fixed time whatever happens
(HEARD_SESSION_ABSOLUTE_SECONDS), never be carried into a staff sign-in on the same browser,
and no page may be kept in the browser's cache where Back would show it to the next person.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from .roles import is_staff_member

STARTED_KEY = "_heard_started"


class SharedDeviceMiddleware:
    """Ends participant sessions at their absolute lifetime, and keeps every page out of the
    browser's cache. Runs after authentication, so it knows staff from participants."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _past_absolute_lifetime(request):
            request.session.flush()
            request.user = AnonymousUser()
        response = self.get_response(request)
        _mark_start(request)
        # Back must not show a story, a receipt or a staff page to the next person.
        add_never_cache_headers(response)
        return response


def _past_absolute_lifetime(request: HttpRequest) -> bool:
    session = getattr(request, "session", None)
    started = session.get(STARTED_KEY) if session is not None else None
    if not isinstance(started, int | float):
        return False
    expired = time.time() - started > settings.HEARD_SESSION_ABSOLUTE_SECONDS
    # Staff sessions follow the staff sign-in rules, not these.
    return expired and not is_staff_member(request.user)


def _mark_start(request: HttpRequest) -> None:
    """The clock starts when a session first holds anything; an empty one costs nothing."""
    session = getattr(request, "session", None)
    if session is not None and not session.is_empty() and STARTED_KEY not in session:
        session[STARTED_KEY] = int(time.time())


@require_safe
def exit_this_page(request: HttpRequest) -> HttpResponse:
    """The GOV.UK "Exit this page" pattern, with or without JavaScript: the button is a plain
    link here, so this ends the session before the browser moves on to an everyday page."""
    request.session.flush()
    response = HttpResponseRedirect(settings.HEARD_EXIT_URL)
    # Ask the browser to drop its copies of our pages too (honoured on HTTPS and localhost).
    response["Clear-Site-Data"] = '"cache", "storage"'
    return response


def drop_participant_keys(sender: Any, request: HttpRequest, user: Any, **_: Any) -> None:
    """On a staff sign-in, nothing a participant left in this browser's session comes along:
    Django's login already gave it a new key; this empties it of everything but the keys that
    start with "_" (Django's own sign-in keys)."""
    if request is None or not hasattr(request, "session") or not is_staff_member(user):
        return
    for key in [k for k in request.session.keys() if not k.startswith("_")]:  # noqa: SIM118
        del request.session[key]
    request.session.pop(STARTED_KEY, None)

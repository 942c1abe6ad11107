"""An audit row for every sign-in, every failed one and every lockout.

Django and django-axes announce these with signals from deep inside authentication, where no
action function runs, so the rows are written here. They name the account when it exists and
never the typed username (people type passwords into the username box) or the address.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest

from heard.audit.log import record

from .sign_in_guard import account_named, cool_off_minutes


def where(request: HttpRequest | None) -> str:
    path = getattr(request, "path", "") or ""
    if path.startswith("/api/"):
        return "api"
    if path.startswith("/staff/"):
        return "staff"
    return "participant"


def on_signed_in(sender: Any, request: HttpRequest | None, user: User, **_: Any) -> None:
    with transaction.atomic():
        record(user, "auth.signed_in", user, where=where(request))


def on_sign_in_failed(sender: Any, credentials: dict[str, Any],
                      request: HttpRequest | None = None, **_: Any) -> None:
    account = account_named(credentials.get("username"))
    stage = credentials.get("heard_stage", "password")
    with transaction.atomic():
        if account is None:
            record(None, "auth.sign_in_failed", object_type="auth.user", where=where(request),
                   stage=stage, known_account=False)
        else:
            record(None, "auth.sign_in_failed", account, where=where(request), stage=stage,
                   known_account=True)


def on_locked_out(sender: Any, request: HttpRequest | None = None, username: str | None = None,
                  **_: Any) -> None:
    account = account_named(username)
    place, minutes = where(request), cool_off_minutes()
    with transaction.atomic():
        if account is None:
            record(None, "auth.locked_out", object_type="auth.user", known_account=False,
                   where=place, cool_off_minutes=minutes)
        else:
            record(None, "auth.locked_out", account, known_account=True, where=place,
                   cool_off_minutes=minutes)


def connect() -> None:
    from axes.signals import user_locked_out
    from django.contrib.auth.signals import user_logged_in, user_login_failed

    user_logged_in.connect(on_signed_in, dispatch_uid="heard.audit.signed_in")
    user_login_failed.connect(on_sign_in_failed, dispatch_uid="heard.audit.sign_in_failed")
    user_locked_out.connect(on_locked_out, dispatch_uid="heard.audit.locked_out")

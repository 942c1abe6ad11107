"""The second-factor step after the password, and setting up an authenticator app."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

import segno
from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_GET, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from heard.audit.log import record
from heard.core.posted import PostedForm, RawText
from heard.core.verbs import by_verb

from .actions import do_confirm_authenticator, do_renew_recovery_codes, do_start_authenticator
from .sign_in_guard import lockout_response
from .two_factor import (
    SECOND_FACTOR_CODE_MAX_LENGTH,
    WAIT_MESSAGE,
    TooSoon,
    authenticator_for,
    base32_key,
    clean_code,
    has_second_factor,
    is_verified,
    recovery_codes_left,
    verify_second_factor,
)

WRONG_CODE = "That code is not right. Check your authenticator app and try again."
RECOVERY_CODES_KEY = "heard.new_recovery_codes"


class CodeForm(forms.Form):
    code = forms.CharField(max_length=SECOND_FACTOR_CODE_MAX_LENGTH, strip=True,
                           error_messages={"required": "Enter the 6-digit code from your "
                                                       "authenticator app, or a recovery code."})


class NextForm(PostedForm):
    """Where to go after the second factor: from the form, or else from the address."""

    next = RawText()


def _next_url(request: HttpRequest) -> str:
    wanted = NextForm(request.POST).value("next") or NextForm(request.GET).value("next")
    if wanted and url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return wanted
    return reverse("staff:dashboard")


def _with_next(name: str, request: HttpRequest) -> str:
    return f"{reverse(name)}?{urlencode({'next': _next_url(request)})}"


def _refuse_code(request: HttpRequest, user: User) -> None:
    """A wrong second factor counts towards the same lockout as a wrong password."""
    user_login_failed.send(sender=__name__, request=request,
                           credentials={"username": user.get_username(),
                                        "heard_stage": "second_factor"})


def _locked(request: HttpRequest, user: User) -> bool:
    return not AxesProxyHandler.is_allowed(request, {"username": user.get_username()})


Gate = Callable[[HttpRequest, User], "HttpResponse | None"]
GatedView = Callable[[HttpRequest, User], HttpResponse]


def _behind(gate: Gate) -> Callable[[GatedView], Callable[[HttpRequest], HttpResponse]]:
    """A page for a signed-in member of staff that first passes this page's gate (which may
    send them elsewhere); the view gets the user."""

    def decorate(view: GatedView) -> Callable[[HttpRequest], HttpResponse]:
        @login_required
        @wraps(view)
        def page(request: HttpRequest) -> HttpResponse:
            user = request.user
            assert isinstance(user, User)  # login_required
            return gate(request, user) or view(request, user)

        return page

    return decorate


def _second_factor_gate(request: HttpRequest, user: User) -> HttpResponse | None:
    """Someone with no authenticator sets one up first; someone already through goes on."""
    if not has_second_factor(user):
        return redirect(_with_next("staff:two-factor-set-up", request))
    if is_verified(user):
        return redirect(_next_url(request))
    return None


def _second_factor_page(request: HttpRequest, form: CodeForm) -> HttpResponse:
    return render(request, "staff/two_factor.html", {"form": form, "next": _next_url(request)},
                  status=400 if form.errors else 200)


@require_GET
@_behind(_second_factor_gate)
def show_second_factor(request: HttpRequest, user: User) -> HttpResponse:
    return _second_factor_page(request, CodeForm())


@require_POST
@_behind(_second_factor_gate)
def check_second_factor(request: HttpRequest, user: User) -> HttpResponse:
    if _locked(request, user):
        return lockout_response(request)
    form = CodeForm(request.POST)
    if form.is_valid():
        try:
            device = verify_second_factor(user, form.cleaned_data["code"])
        except TooSoon:
            form.add_error("code", WAIT_MESSAGE)
        else:
            if device is not None:
                return _passed(request, user, device)
            form.add_error("code", WRONG_CODE)
            _refuse_code(request, user)
            if getattr(request, "axes_locked_out", False):
                return lockout_response(request)
    return _second_factor_page(request, form)


second_factor = by_verb(get=show_second_factor, post=check_second_factor)


def _passed(request: HttpRequest, user: User, device: object) -> HttpResponse:
    otp_login(request, device)
    used_recovery = isinstance(device, StaticDevice)
    with transaction.atomic():
        record(user, "auth.second_factor_passed", user,
               method="recovery_code" if used_recovery else "authenticator")
    if used_recovery:
        left = recovery_codes_left(user)
        messages.warning(request, f"You used a recovery code. You have {left} left. Make new "
                                  "ones from your dashboard if you are running low.")
    return redirect(_next_url(request))


def _set_up_gate(request: HttpRequest, user: User) -> HttpResponse | None:
    # Someone who already has an authenticator proves it before adding another, so a stolen
    # password alone can never swap in the thief's phone.
    if has_second_factor(user) and not is_verified(user):
        return redirect(_with_next("staff:two-factor", request))
    return None


def _set_up_page(request: HttpRequest, user: User, device: Any, form: CodeForm) -> HttpResponse:
    uri = device.config_url
    return render(request, "staff/two_factor_set_up.html", {
        "form": form, "next": _next_url(request),
        "qr_code": segno.make(uri, error="m").svg_data_uri(scale=5, border=4),
        "secret": _grouped(base32_key(device)),
        "replacing": has_second_factor(user),
    }, status=400 if form.errors else 200)


@require_GET
@_behind(_set_up_gate)
def show_set_up(request: HttpRequest, user: User) -> HttpResponse:
    return _set_up_page(request, user, do_start_authenticator(user), CodeForm())


@require_POST
@_behind(_set_up_gate)
def confirm_set_up(request: HttpRequest, user: User) -> HttpResponse:
    device = do_start_authenticator(user)
    form = CodeForm(request.POST)
    if form.is_valid():
        if _locked(request, user):
            return lockout_response(request)
        if device.verify_token(clean_code(form.cleaned_data["code"])):
            codes = do_confirm_authenticator(user, device)
            otp_login(request, device)
            request.session[RECOVERY_CODES_KEY] = codes
            return redirect(_with_next("staff:recovery-codes", request))
        form.add_error("code", WRONG_CODE)
        _refuse_code(request, user)
    return _set_up_page(request, user, device, form)


set_up = by_verb(get=show_set_up, post=confirm_set_up)


def _grouped(text: str) -> str:
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


def _recovery_gate(request: HttpRequest, user: User) -> HttpResponse | None:
    if not is_verified(user):
        return redirect(_with_next("staff:two-factor", request))
    return None


@require_GET
@_behind(_recovery_gate)
def show_recovery_codes(request: HttpRequest, user: User) -> HttpResponse:
    """New recovery codes are shown once, straight after they are made, and never again."""
    codes = request.session.pop(RECOVERY_CODES_KEY, None)
    return render(request, "staff/recovery_codes.html", {
        "codes": codes, "left": recovery_codes_left(user), "next": _next_url(request),
        "authenticator": authenticator_for(user)})


@require_POST
@_behind(_recovery_gate)
def renew_recovery_codes(request: HttpRequest, user: User) -> HttpResponse:
    request.session[RECOVERY_CODES_KEY] = do_renew_recovery_codes(user)
    return redirect(_with_next("staff:recovery-codes", request))


recovery_codes = by_verb(get=show_recovery_codes, post=renew_recovery_codes)

"""Optional participant accounts: a username and password, nothing identifying."""

from __future__ import annotations

from django import forms
from django.contrib.auth import login
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST, require_safe

from heard.core.verbs import by_verb, form_acted

from .actions import AccountError, do_create_participant_account
from .password_form import (
    USERNAME_MAX_LENGTH,
    USERNAME_PATTERN,
    USERNAME_RULE,
    NewPasswordForm,
)


class CreateAccountForm(NewPasswordForm):
    username = forms.RegexField(
        regex=USERNAME_PATTERN, max_length=USERNAME_MAX_LENGTH,
        error_messages={"required": _("Choose a username."),
                        "invalid": USERNAME_RULE},
    )
    field_order = ["username", "password", "password_again"]


def _create_page(request: HttpRequest, form: CreateAccountForm) -> HttpResponse:
    return render(request, "account/create.html", {"form": form})


@require_GET
def show_create_account(request: HttpRequest) -> HttpResponse:
    return _create_page(request, CreateAccountForm())


@require_POST
def make_account(request: HttpRequest) -> HttpResponse:
    form = CreateAccountForm(request.POST)
    user = form_acted(form, lambda: do_create_participant_account(
        form.cleaned_data["username"], form.cleaned_data["password"]),
        AccountError, field="username")
    if user is None:
        return _create_page(request, form)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("account:created")


create_account = by_verb(get=show_create_account, post=make_account)


@require_safe
def account_created(request: HttpRequest) -> HttpResponse:
    """Say it worked, and what to do next: without this, a new account looked like nothing
    had happened."""
    if not request.user.is_authenticated:
        return redirect("account:create")
    return render(request, "account/created.html", {})


class ParticipantSignIn(LoginView):
    template_name = "account/sign_in.html"
    next_page = "receipt:view"

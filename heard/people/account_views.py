"""Optional participant accounts: a username and password, nothing identifying."""

from __future__ import annotations

from django import forms
from django.contrib.auth import login
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from .actions import AccountError, do_create_participant_account
from .password_form import NewPasswordForm


class CreateAccountForm(NewPasswordForm):
    username = forms.RegexField(
        regex=r"^[A-Za-z0-9_.-]{3,40}$", max_length=40,
        error_messages={"required": _("Choose a username."),
                        "invalid": _("Use 3 to 40 letters, numbers, dots, dashes or underscores.")},
    )
    field_order = ["username", "password", "password_again"]


@require_http_methods(["GET", "POST"])
def create_account(request: HttpRequest) -> HttpResponse:
    form = CreateAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = do_create_participant_account(form.cleaned_data["username"],
                                                 form.cleaned_data["password"])
        except AccountError as error:
            form.add_error("username", str(error))
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("account:created")
    return render(request, "account/create.html", {"form": form})


def account_created(request: HttpRequest) -> HttpResponse:
    """Say it worked, and what to do next: without this, a new account looked like nothing
    had happened."""
    if not request.user.is_authenticated:
        return redirect("account:create")
    return render(request, "account/created.html", {})


class ParticipantSignIn(LoginView):
    template_name = "account/sign_in.html"
    next_page = "receipt:view"

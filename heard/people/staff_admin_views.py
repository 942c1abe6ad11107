"""Administrators manage staff: invite, change roles, disable, reset the second factor."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.views.decorators.http import require_GET, require_POST, require_safe

from heard.core.permissions import staff_with
from heard.core.verbs import by_step, by_verb, form_acted

from .access import MANAGE, get_staff_account_for, invited_account, staff_accounts_for
from .actions import (
    StaffError,
    do_accept_invitation,
    do_change_staff_roles,
    do_disable_staff_member,
    do_enable_staff_member,
    do_invite_staff_member,
    do_renew_invitation,
    do_reset_second_factor,
)
from .password_form import USERNAME_MAX_LENGTH, USERNAME_PATTERN, USERNAME_RULE, NewPasswordForm
from .roles import ROLE_NAMES, signed_in
from .two_factor import has_second_factor

ROLE_LABELS = {
    "facilitator": "Facilitator: runs activities and events",
    "moderator": "Moderator: reviews and redacts before anything is published",
    "safeguarding_lead": "Safeguarding lead: acts on risk",
    "analyst": "Analyst: finds themes in what was said",
    "service_lead": "Service lead: answers “you said, we did”",
    "administrator": "Administrator: manages staff, activities and the audit log",
}
ROLE_CHOICES = [(role, ROLE_LABELS.get(role, role)) for role in ROLE_NAMES]


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        choices=ROLE_CHOICES, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one role."})


class InviteForm(RolesForm):
    username = forms.RegexField(
        regex=USERNAME_PATTERN, max_length=USERNAME_MAX_LENGTH,
        error_messages={"required": "Enter a username.",
                        "invalid": USERNAME_RULE})
    field_order = ["username", "roles"]


class SetPasswordForm(NewPasswordForm):
    def __init__(self, user: User, *args: object, **kwargs: object) -> None:
        self.user = user
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def password_owner(self) -> User | None:
        return self.user


def _invitation_link(request: HttpRequest, user: User, token: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return request.build_absolute_uri(reverse("staff:invitation", args=[uid, token]))


@staff_with(MANAGE)
@require_safe
def staff_list(request: HttpRequest) -> HttpResponse:
    rows = [{"user": user, "roles": sorted(user.groups.values_list("name", flat=True)),
             "second_factor": has_second_factor(user),
             "invited": not user.has_usable_password()}
            for user in staff_accounts_for(request.user).prefetch_related("groups")]
    return render(request, "staff/people/list.html", {"rows": rows})


def _invite_page(request: HttpRequest, form: InviteForm) -> HttpResponse:
    return render(request, "staff/people/invite.html", {"form": form},
                  status=400 if form.errors else 200)


@staff_with(MANAGE)
@require_GET
def show_invite(request: HttpRequest) -> HttpResponse:
    return _invite_page(request, InviteForm())


@staff_with(MANAGE)
@require_POST
def send_invitation(request: HttpRequest) -> HttpResponse:
    form = InviteForm(request.POST)
    invited = form_acted(form, lambda: do_invite_staff_member(
        form.cleaned_data["username"], form.cleaned_data["roles"], signed_in(request)),
        StaffError, field="username")
    if invited is None:
        return _invite_page(request, form)
    user, token = invited
    return render(request, "staff/people/invited.html",
                  {"member": user, "link": _invitation_link(request, user, token)})


invite = by_verb(get=show_invite, post=send_invitation)


def _member_page(request: HttpRequest, person: User, form: RolesForm | None = None) -> HttpResponse:
    roles = sorted(person.groups.values_list("name", flat=True))
    form = form or RolesForm(initial={"roles": roles})
    return render(request, "staff/people/member.html", {
        "member": person, "roles": roles, "form": form,
        "second_factor": has_second_factor(person),
        "invited": not person.has_usable_password()}, status=400 if form.errors else 200)


@staff_with(MANAGE)
@require_GET
def show_member(request: HttpRequest, user_id: int) -> HttpResponse:
    return _member_page(request, get_staff_account_for(signed_in(request), user_id))


Change = Callable[[HttpRequest, User, User], HttpResponse | str]


def _change(change: Change) -> Callable[..., HttpResponse]:
    """One button on a staff member's page: the change answers with what it did (shown on the
    page afresh) or a page of its own; a refusal is shown as the reason."""

    @staff_with(MANAGE)
    @require_POST
    def view(request: HttpRequest, user_id: int) -> HttpResponse:
        actor = signed_in(request)
        person = get_staff_account_for(actor, user_id)
        try:
            done = change(request, person, actor)
        except StaffError as error:
            messages.error(request, str(error))
            return redirect("staff:member", user_id=person.pk)
        if isinstance(done, HttpResponse):
            return done
        messages.success(request, done)
        return redirect("staff:member", user_id=person.pk)

    return view


def _change_roles(request: HttpRequest, person: User, actor: User) -> HttpResponse | str:
    form = RolesForm(request.POST)
    if not form.is_valid():
        return _member_page(request, person, form)
    do_change_staff_roles(person, form.cleaned_data["roles"], actor)
    return f"{person.username}'s roles are changed."


def _disable(request: HttpRequest, person: User, actor: User) -> str:
    do_disable_staff_member(person, actor)
    return f"{person.username} can no longer sign in."


def _enable(request: HttpRequest, person: User, actor: User) -> str:
    do_enable_staff_member(person, actor)
    return f"{person.username} can sign in again."


def _reset_second_factor(request: HttpRequest, person: User, actor: User) -> str:
    do_reset_second_factor(person, actor)
    return (f"{person.username} will set up a new authenticator app "
            "when they next sign in.")


def _renew_invitation(request: HttpRequest, person: User, actor: User) -> HttpResponse:
    token = do_renew_invitation(person, actor)
    return render(request, "staff/people/invited.html",
                  {"member": person, "link": _invitation_link(request, person, token)})


def _choose_what_to_change(request: HttpRequest, person: User, actor: User) -> str:
    raise StaffError("Choose what to change.")


member = by_verb(get=show_member, post=by_step({
    "roles": _change(_change_roles), "disable": _change(_disable),
    "enable": _change(_enable), "reset_second_factor": _change(_reset_second_factor),
    "renew_invitation": _change(_renew_invitation)},
    unknown=_change(_choose_what_to_change), field="action"))




def _accept_page(request: HttpRequest, user: User, form: SetPasswordForm) -> HttpResponse:
    return render(request, "staff/people/accept.html", {"form": form, "member": user},
                  status=400 if form.errors else 200)


def _invitation_used(request: HttpRequest) -> HttpResponse:
    return render(request, "staff/people/invitation_used.html", status=400)


@require_GET
def show_invitation(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    user = invited_account(uidb64, token)
    if user is None:
        return _invitation_used(request)
    return _accept_page(request, user, SetPasswordForm(user))


@require_POST
def accept(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    user = invited_account(uidb64, token)
    if user is None:
        return _invitation_used(request)
    form = SetPasswordForm(user, request.POST)
    if not form.is_valid():
        return _accept_page(request, user, form)
    do_accept_invitation(user, form.cleaned_data["password"])
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("staff:two-factor-set-up")


accept_invitation = by_verb(get=show_invitation, post=accept)

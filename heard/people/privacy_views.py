"""People's rights over their data, and the privacy page.

With their receipt code entered (or signed in to their own account) a person can download a
copy of everything Heard holds about them, as a page and as JSON, and can delete all of it.
The public privacy page says who is responsible, how long each kind of data is kept, and how to
complain. Administrators set the retention periods on the staff page.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST, require_safe

from heard.audit.log import record
from heard.core.numbers import whole_number
from heard.core.organisation import organisation_name
from heard.core.permissions import staff_with
from heard.core.posted import ConfirmForm, PostedForm, RawText
from heard.core.verbs import by_verb

from .erasure import Subject, describe_subject, do_erase_person
from .receipt_session import session_receipt_id
from .retention import KINDS, MAX_DAYS, RetentionError, do_set_retention, rules
from .roles import participant_account, signed_in


def subject_for(request: HttpRequest) -> Subject | None:
    """The person behind this request: the receipt they entered, their own account, and what
    this browser was used for. None when they have shown neither a code nor an account."""
    receipt_id = session_receipt_id(request)
    account = participant_account(request)
    if not receipt_id and account is None:
        return None
    return Subject(
        receipt_ids={int(receipt_id)} if receipt_id else set(),
        user_ids={account.pk} if account is not None else set(),
        session_keys={request.session.session_key} if request.session.session_key else set())


def _sections(subject: Subject) -> list[dict[str, Any]]:
    return [{"title": s.title, "note": s.note, "rows": s.rows} for s in describe_subject(subject)]


def readable(value: Any) -> str:
    """One value as plain words for the page, in its language (the JSON keeps the values as
    they are). Keys inside a value are marked in the stores with gettext_noop, like the rows'
    keys; dates are written by Django's localisation ("4 Rhagfyr 2026" in Welsh)."""
    if value is None or value == "" or value == [] or value == {}:
        return gettext("None")
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "j F Y, H:i")
    if isinstance(value, dict):
        return "; ".join(f"{gettext(str(k))}: {readable(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return "; ".join(readable(v) for v in value)
    return str(value)


def _signed_in_subject(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Pages about the person this browser has shown to be (by receipt code or account)."""

    @wraps(view)
    def page(request: HttpRequest) -> HttpResponse:
        subject = subject_for(request)
        if subject is None:
            return redirect("receipt:enter")
        return view(request, subject)

    return page


def _looked_at(request: HttpRequest, subject: Subject, shown_as: str) -> list[dict[str, Any]]:
    """Everything Heard holds about the person, with their look at it audited."""
    sections = _sections(subject)
    record(request.user, "person.data_viewed", object_type="people.person", format=shown_as,
           sections=len(sections))
    return sections


@_signed_in_subject
@require_safe
def your_data(request: HttpRequest, subject: Subject) -> HttpResponse:
    sections = _looked_at(request, subject, "page")
    for section in sections:
        section["rows"] = [[(key, readable(value)) for key, value in row.items()]
                           for row in section["rows"]]
    return render(request, "receipt/your_data.html", {"sections": sections,
                                                      "made_at": timezone.now()})


@_signed_in_subject
@require_safe
def your_data_json(request: HttpRequest, subject: Subject) -> HttpResponse:
    sections = _looked_at(request, subject, "json")
    body = json.dumps({"service": settings.HEARD_SERVICE_NAME, "made_at": timezone.now(),
                       "controller": settings.HEARD_CONTROLLER, "sections": sections},
                      cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="heard-your-data.json"'
    return response


@require_GET
@_signed_in_subject
def show_delete_everything(request: HttpRequest, subject: Subject) -> HttpResponse:
    return render(request, "receipt/delete_everything.html", {})


@require_POST
@_signed_in_subject
def erase_everything(request: HttpRequest, subject: Subject) -> HttpResponse:
    if not ConfirmForm(request.POST).is_valid():
        return render(request, "receipt/delete_everything.html", {
            "error": gettext("Tick the box if you want us to delete everything.")}, status=400)
    report = do_erase_person(subject, request.user, reason="asked by the person")
    # This browser forgets them too: a new, empty session, as after "Exit this page".
    request.session.flush()
    request.user = AnonymousUser()  # the account is gone; this page must not name it
    return render(request, "receipt/deleted.html", {"report": report})


delete_everything = by_verb(get=show_delete_everything, post=erase_everything)


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    controller = dict(settings.HEARD_CONTROLLER)
    if controller.get("name") == settings.HEARD_ORGANISATION:
        controller["name"] = organisation_name()  # in the page's language
    return render(request, "privacy.html", {
        "rules": rules(), "controller": controller,
        "idle_minutes": settings.SESSION_COOKIE_AGE // 60,
        "absolute_hours": round(settings.HEARD_SESSION_ABSOLUTE_SECONDS / 3600, 1)})


MANAGE_PRIVACY = "people.manage_privacy"


class RetentionForm(PostedForm):
    """A kind of record and how many days to keep it; the action checks both."""
    kind = RawText()
    days = RawText()


def _retention_page(request: HttpRequest, error: str = "", error_kind: str = "") -> HttpResponse:
    return render(request, "staff/retention.html", {
        "rules": rules(), "error": error, "error_kind": error_kind, "max_days": MAX_DAYS},
        status=400 if error else 200)


@staff_with(MANAGE_PRIVACY)
@require_GET
def show_retention(request: HttpRequest) -> HttpResponse:
    return _retention_page(request)


@staff_with(MANAGE_PRIVACY)
@require_POST
def set_retention(request: HttpRequest) -> HttpResponse:
    form = RetentionForm(request.POST)
    kind = form.value("kind")
    try:
        days = _days(form.value("days").strip())
        do_set_retention(kind, days, signed_in(request))
    except RetentionError as problem:
        return _retention_page(request, str(problem), kind)
    messages.success(request, f"Saved: {KINDS[kind].label}, "
                     f"{'the default' if days is None else f'{days:,} days'}.")
    return redirect("staff:retention")


retention_settings = by_verb(get=show_retention, post=set_retention)


def _days(raw: str) -> int | None:
    if raw == "":
        return None
    days = whole_number(raw, most_digits=6)
    if days is None:
        raise RetentionError(f"Give a number of days from 1 to {MAX_DAYS:,}, or leave it empty "
                             "for the default.")
    return days

"""Codebook pages for analysts: the list of codes, one code, coding contributions by hand, and
agreement between coders and with the machine's themes. Writes go through codebook_actions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from heard.activities.models import Activity
from heard.audit.log import record
from heard.contributions.access import checked_words

from .codebook import agreement_rows, codable, my_codes, reviewed_by, theme_rows, to_code
from .codebook_actions import CodebookError, do_code_contribution, do_create_code, do_update_code
from .models import Code
from .views import ANALYSE

PER_PAGE = 20
FIELDS = ("name", "definition", "examples")
FILTERS = ("activity", "uncoded", "page")
# Analysts read only what a moderator has checked for names and contact details.
WAITING_TEXT = ("These words are waiting for a moderator to check them for names and contact "
                "details. Come back to them later.")


def _analyst(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # login_required and the permission check come first
    return user


def _id(raw: str | None) -> int:
    """A database id from a form, or 0 (which matches nothing). Only plain ASCII digits,
    and few enough to fit the database's integer: "²" or a 30-digit number is simply no id."""
    return int(raw) if raw and raw.isascii() and raw.isdigit() and len(raw) <= 18 else 0


def _values(request: HttpRequest) -> dict[str, str]:
    return {field: request.POST.get(field, "") for field in FIELDS}


@login_required
@permission_required(ANALYSE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def codebook(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {"codes": Code.objects.all(), "values": {}}
    if request.method == "POST":
        try:
            code = do_create_code(**_values(request), analyst=_analyst(request))
        except CodebookError as error:
            context.update(error=str(error), error_field=error.field,
                           values=_values(request))
            return render(request, "insight/codebook.html", context)
        messages.success(request, f"Added the code “{code.name}”.")
        return redirect("staff:codebook")
    return render(request, "insight/codebook.html", context)


@login_required
@permission_required(ANALYSE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def code_detail(request: HttpRequest, code_id: int) -> HttpResponse:
    code = get_object_or_404(Code, pk=code_id)
    context: dict[str, Any] = {"code": code, "values": {f: getattr(code, f) for f in FIELDS},
                               "uses": code.applications.filter(
                                   contribution__in=codable().values("pk")).count()}
    if request.method == "POST":
        try:
            do_update_code(code, **_values(request), analyst=_analyst(request))
        except CodebookError as error:
            code.refresh_from_db()
            context.update(error=str(error), error_field=error.field,
                           values=_values(request))
            return render(request, "insight/code.html", context)
        messages.success(request, "Saved.")
        return redirect("staff:code", code_id=code.pk)
    return render(request, "insight/code.html", context)


def _activity(request: HttpRequest) -> Activity | None:
    slug = request.GET.get("activity", "")
    return Activity.objects.filter(slug=slug).first() if slug else None


@login_required
@permission_required(ANALYSE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def coding(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _save_coding(request)
    analyst, activity = _analyst(request), _activity(request)
    uncoded = request.GET.get("uncoded") == "1"
    page = Paginator(to_code(activity, analyst, uncoded), PER_PAGE).get_page(
        request.GET.get("page"))
    shown = list(page.object_list)
    mine, seen = my_codes(analyst, [c.pk for c in shown]), reviewed_by(analyst, shown)
    if shown:
        # Analysts read people's (redacted) words here, so each look is on the record.
        record(analyst, "codebook.coding_viewed", object_type="insight.coding",
               contributions=[c.pk for c in shown])
    return render(request, "insight/coding.html", {
        "codes": Code.objects.all(), "page": page, "activities": Activity.objects.all(),
        "activity": activity, "uncoded": uncoded,
        "filters": _filters(request.GET, with_page=True),
        "page_filters": _filters(request.GET, with_page=False),
        "rows": [{"contribution": c, "text": checked_words(c)[1] or WAITING_TEXT,
                  "mine": mine[c.pk],
                  "reviewed": c.pk in seen} for c in shown]})


def _filters(source: Mapping[str, str], with_page: bool) -> str:
    """The filters to keep when moving between pages or after saving; only our own names
    go back into an address, so a redirect built from them stays on this site."""
    names = FILTERS if with_page else FILTERS[:2]
    return urlencode([(k, source[k]) for k in names if source.get(k)])


def _save_coding(request: HttpRequest) -> HttpResponse:
    back = reverse("staff:coding") + "?" + _filters(
        dict(parse_qsl(request.POST.get("filters", ""))), with_page=True)
    contribution = codable().filter(pk=_id(request.POST.get("contribution"))).first()
    raw = request.POST.getlist("codes")
    codes = list(Code.objects.filter(pk__in=[_id(r) for r in raw]))
    try:
        if contribution is None:
            raise CodebookError("This contribution cannot be coded: it has been withdrawn, "
                                "or it is not shared for analysis.")
        if len(codes) != len(set(raw)):
            raise CodebookError("Choose codes from the list. One of them no longer exists.")
        do_code_contribution(contribution, codes, _analyst(request))
    except CodebookError as error:
        messages.error(request, str(error))
        return redirect(back)
    messages.success(request, f"Saved your codes for contribution {contribution.pk}.")
    return redirect(back + f"#contribution-{contribution.pk}")


@login_required
@permission_required(ANALYSE, raise_exception=True)
@require_GET
def agreement(request: HttpRequest) -> HttpResponse:
    activity = _activity(request)
    rows, coders = agreement_rows(activity)
    themes = theme_rows(activity)
    return render(request, "insight/agreement.html", {
        "rows": rows, "coders": coders, "themes": themes, "activity": activity,
        "activities": Activity.objects.all()})

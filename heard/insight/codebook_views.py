"""Codebook pages for analysts: the list of codes, one code, coding contributions by hand, and
agreement between coders and with the machine's themes. Writes go through codebook_actions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from heard.activities.models import Activity
from heard.audit.log import record
from heard.contributions.access import checked_words
from heard.core.permissions import staff_with
from heard.core.verbs import acted, by_verb
from heard.people.roles import signed_in

from .codebook import agreement_rows, my_codes, reviewed_by, theme_rows, to_code, uses_of
from .codebook_actions import CodebookError, do_code_contribution, do_create_code, do_update_code
from .forms import CodeForm, CodingFilterForm, CodingForm, first_error
from .models import Code
from .views import ANALYSE

PER_PAGE = 20
FIELDS = ("name", "definition", "examples")
FILTERS = ("activity", "uncoded", "page")
# Analysts read only what a moderator has checked for names and contact details.
WAITING_TEXT = ("These words are waiting for a moderator to check them for names and contact "
                "details. Come back to them later.")



def _code_page(request: HttpRequest, template: str, context: dict[str, Any],
               error: CodebookError | None = None, typed: dict[str, str] | None = None
               ) -> HttpResponse:
    if error is not None:
        context.update(error=str(error), error_field=error.field, values=typed)
    return render(request, template, context)


def _codebook_context() -> dict[str, Any]:
    return {"codes": Code.objects.all(), "values": {}}


def _code_context(code: Code) -> dict[str, Any]:
    return {"code": code, "values": {f: getattr(code, f) for f in FIELDS},
            "uses": uses_of(code)}


@staff_with(ANALYSE)
@require_GET
def show_codebook(request: HttpRequest) -> HttpResponse:
    return _code_page(request, "insight/codebook.html", _codebook_context())


@staff_with(ANALYSE)
@require_POST
def create_code(request: HttpRequest) -> HttpResponse:
    typed = CodeForm(request.POST).typed()
    try:
        code = do_create_code(**typed, analyst=signed_in(request))
    except CodebookError as error:
        return _code_page(request, "insight/codebook.html", _codebook_context(), error, typed)
    messages.success(request, f"Added the code “{code.name}”.")
    return redirect("staff:codebook")


codebook = by_verb(get=show_codebook, post=create_code)


@staff_with(ANALYSE)
@require_GET
def show_code(request: HttpRequest, code_id: int) -> HttpResponse:
    code = get_object_or_404(Code, pk=code_id)
    return _code_page(request, "insight/code.html", _code_context(code))


@staff_with(ANALYSE)
@require_POST
def update_code(request: HttpRequest, code_id: int) -> HttpResponse:
    code = get_object_or_404(Code, pk=code_id)
    context = _code_context(code)
    typed = CodeForm(request.POST).typed()
    try:
        do_update_code(code, **typed, analyst=signed_in(request))
    except CodebookError as error:
        code.refresh_from_db()
        return _code_page(request, "insight/code.html", context, error, typed)
    messages.success(request, "Saved.")
    return redirect("staff:code", code_id=code.pk)


code_detail = by_verb(get=show_code, post=update_code)


def _activity(query: CodingFilterForm) -> Activity | None:
    slug = query.value("activity")
    return Activity.objects.filter(slug=slug).first() if slug else None


@staff_with(ANALYSE)
@require_GET
def show_coding(request: HttpRequest) -> HttpResponse:
    query = CodingFilterForm(request.GET)
    analyst, activity = signed_in(request), _activity(query)
    uncoded = query.value("uncoded") == "1"
    page = Paginator(to_code(activity, analyst, uncoded), PER_PAGE).get_page(
        query.value("page") or None)
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


@staff_with(ANALYSE)
@require_POST
def save_coding(request: HttpRequest) -> HttpResponse:
    form = CodingForm(request.POST)
    form.is_valid()
    back = reverse("staff:coding") + "?" + _filters(
        dict(parse_qsl(form.cleaned_data.get("filters", ""))), with_page=True)
    if form.errors:
        messages.error(request, first_error(form))
        return redirect(back)
    contribution = form.cleaned_data["contribution"]

    def save() -> str:
        do_code_contribution(contribution, form.cleaned_data["codes"], signed_in(request))
        return f"Saved your codes for contribution {contribution.pk}."

    if not acted(request, save, CodebookError):
        return redirect(back)
    return redirect(back + f"#contribution-{contribution.pk}")


coding = by_verb(get=show_coding, post=save_coding)


@staff_with(ANALYSE)
@require_GET
def agreement(request: HttpRequest) -> HttpResponse:
    activity = _activity(CodingFilterForm(request.GET))
    rows, coders = agreement_rows(activity)
    themes = theme_rows(activity)
    return render(request, "insight/agreement.html", {
        "rows": rows, "coders": coders, "themes": themes, "activity": activity,
        "activities": Activity.objects.all()})

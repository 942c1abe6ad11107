"""Analyst pages: runs with progress, themes with quotes and the perspective lens, and edits."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST, require_safe

from heard.activities.models import Activity
from heard.audit.log import record
from heard.contributions.access import quotes_from
from heard.core.permissions import staff_with
from heard.core.verbs import by_verb
from heard.pagination import paginate
from heard.people.roles import signed_in

from .access import (
    ANALYSE,
    active_run_for,
    campaign_count,
    get_run_for,
    get_theme_for,
    recent_runs_for,
    theme_still_exists,
    themes_of,
)
from .actions import (
    InsightError,
    do_lock_theme,
    do_merge_themes,
    do_move_contribution,
    do_rename_theme,
    do_split_theme,
    do_start_analysis,
)
from .campaigns import campaign_member_ids, campaigns_in_theme, voices
from .forms import (
    MergeForm,
    MoveForm,
    RenameForm,
    RunForm,
    RunFormatForm,
    SplitForm,
    first_error,
)
from .lens import lens_rows, lens_svg
from .members import capture_of, live_members, member_rows, perspective_counts
from .models import Theme
from .runs import embedder_choices

MEMBERS_PER_PAGE = 25



def _runs_page(request: HttpRequest, typed: Mapping[str, Any]) -> HttpResponse:
    return render(request, "insight/runs.html", {
        "runs": recent_runs_for(request.user), "typed": typed,
        "activities": Activity.objects.all(), "embedders": embedder_choices(),
        "active": active_run_for(request.user)},
        status=400 if typed else 200)


@staff_with(ANALYSE)
@require_GET
def show_runs(request: HttpRequest) -> HttpResponse:
    return _runs_page(request, {})


@staff_with(ANALYSE)
@require_POST
def start_run(request: HttpRequest) -> HttpResponse:
    form = RunForm(request.POST)
    try:
        if not form.is_valid():
            raise InsightError(first_error(form))
        run = do_start_analysis(form.cleaned_data["scope"], form.cleaned_data["embedder"],
                                form.cleaned_data["k"], signed_in(request))
    except InsightError as error:
        messages.error(request, str(error))
        return _runs_page(request, form.data)  # shown again as chosen
    return redirect("staff:run", run_id=run.pk)


runs = by_verb(get=show_runs, post=start_run)


@staff_with(ANALYSE)
@require_safe
def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    run = get_run_for(request.user, run_id)
    if RunFormatForm(request.GET).value("format") == "json":
        return JsonResponse({"status": run.status, "progress": run.progress,
                             "message": run.message})
    themes = list(themes_of(run))
    return render(request, "insight/run.html", {"run": run, "themes": themes,
                                                "campaign_count": campaign_count(run)})


@staff_with(ANALYSE)
@require_GET
def theme_detail(request: HttpRequest, theme_id: int) -> HttpResponse:
    theme = get_theme_for(request.user, theme_id)
    record(request.user, "theme.viewed", theme, key=theme.key)
    rows = lens_rows({} if theme.stale else theme.lens)
    pagination = paginate(live_members(theme), request.GET, MEMBERS_PER_PAGE)
    campaigns = campaigns_in_theme(theme)
    names = {t.key: t.shown_label for t in themes_of(theme.run)}
    return render(request, "insight/theme.html", {
        "theme": theme, "quotes": _quotes(theme), "lens": rows, "svg": lens_svg(rows),
        "pagination": pagination,
        "members": member_rows(list(pagination.page), perspective_counts(theme), names,
                               campaign_member_ids(theme.run)),
        "others": themes_of(theme.run).exclude(pk=theme.pk),
        "campaigns": campaigns, "voices": voices(theme.size, campaigns),
        "capture": capture_of(theme)})


def _quotes(theme: Theme) -> list[str]:
    """Only consented, redacted words, read now: a withdrawn quote is simply gone."""
    return quotes_from(list(theme.quote_ids))


# Theme edits: one view per verb, each a POST with its form. Every one answers with the theme
# page again (or the theme it merged into), with what happened as a message; an InsightError
# (from a form or an action) becomes that message and changes nothing.
def _theme_edit(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @staff_with(ANALYSE)
    @require_POST
    @wraps(view)
    def edit(request: HttpRequest, theme_id: int, **options: Any) -> HttpResponse:
        theme = get_theme_for(request.user, theme_id)
        try:
            return view(request, theme, **options)
        except InsightError as error:
            messages.error(request, str(error))
            return _back_to(theme)
    return edit


def _back_to(theme: Theme) -> HttpResponse:
    if not theme_still_exists(theme):
        return redirect("staff:run", run_id=theme.run_id)
    return redirect("staff:theme", theme_id=theme.pk)


def _saved(request: HttpRequest, theme: Theme) -> HttpResponse:
    messages.success(request, "Saved.")
    return _back_to(theme)


FormT = TypeVar("FormT", bound=forms.Form)


def _valid(form: FormT) -> FormT:
    if not form.is_valid():
        raise InsightError(first_error(form))
    return form


@_theme_edit
def theme_rename(request: HttpRequest, theme: Theme) -> HttpResponse:
    form = RenameForm(request.POST)
    form.is_valid()  # any text: the action says what a usable name is
    do_rename_theme(theme, form.cleaned_data.get("label", ""), signed_in(request))
    return _saved(request, theme)


@_theme_edit
def theme_lock(request: HttpRequest, theme: Theme, lock: bool) -> HttpResponse:
    do_lock_theme(theme, lock, signed_in(request))
    return _saved(request, theme)


@_theme_edit
def theme_merge(request: HttpRequest, theme: Theme) -> HttpResponse:
    form = _valid(MergeForm(theme, request.POST))
    target = form.cleaned_data["target"]
    if not form.confirmed():
        return _confirm(request, theme, "merge", target)
    do_merge_themes(theme, target, signed_in(request))
    messages.success(request, "Merged.")
    return redirect("staff:theme", theme_id=target.pk)


@_theme_edit
def theme_move(request: HttpRequest, theme: Theme) -> HttpResponse:
    form = _valid(MoveForm(theme, request.POST))
    do_move_contribution(form.cleaned_data["assignment"], form.cleaned_data["target"],
                         signed_in(request))
    return _saved(request, theme)


@_theme_edit
def theme_split(request: HttpRequest, theme: Theme) -> HttpResponse:
    if not SplitForm(request.POST).confirmed():
        return _confirm(request, theme, "split")
    new = do_split_theme(theme, signed_in(request))
    messages.success(request, f"Split: the new theme is “{new.label}”.")
    return _back_to(theme)


def _confirm(request: HttpRequest, theme: Theme, step: str,
             target: Theme | None = None) -> HttpResponse:
    """Merging and splitting change what many people's words are filed under, and later
    analyses keep the change: the analyst says yes on a page of its own first."""
    return render(request, "insight/confirm.html", {"theme": theme, "step": step,
                                                    "target": target})

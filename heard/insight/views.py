"""Analyst pages: runs with progress, themes with quotes and the perspective lens, and edits."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from heard.activities.models import Activity
from heard.audit.log import record
from heard.contributions.models import Contribution
from heard.pagination import paginate

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
from .lens import lens_rows, lens_svg
from .members import live_members, member_rows, perspective_counts
from .models import AnalysisRun, Assignment, Theme
from .runs import embedder_choices

ANALYSE = "insight.run_analysis"
MEMBERS_PER_PAGE = 25


def _analyst(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # login_required and the permission check come first
    return user


@login_required
@permission_required(ANALYSE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def runs(request: HttpRequest) -> HttpResponse:
    typed: QueryDict | dict[str, str] = {}
    if request.method == "POST":
        try:
            run = do_start_analysis(*_run_choice(request), _analyst(request))
        except InsightError as error:
            messages.error(request, str(error))
            typed = request.POST  # shown again as chosen
        else:
            return redirect("staff:run", run_id=run.pk)
    return render(request, "insight/runs.html", {
        "runs": AnalysisRun.objects.select_related("activity")[:50], "typed": typed,
        "activities": Activity.objects.all(), "embedders": embedder_choices(),
        "active": AnalysisRun.objects.filter(status__in=("queued", "running")).first()},
        status=400 if typed else 200)


def _run_choice(request: HttpRequest) -> tuple[Activity | None, str, int | None]:
    slug = request.POST.get("scope", "all")
    activity = None if slug == "all" else Activity.objects.filter(slug=slug).first()
    if slug != "all" and activity is None:
        raise InsightError("Choose what to analyse from the list.")
    raw_k = request.POST.get("k", "").strip()
    if raw_k and not raw_k.isdigit():
        raise InsightError("The number of themes must be a whole number, or left empty.")
    return activity, request.POST.get("embedder", ""), int(raw_k) if raw_k else None


@login_required
@permission_required(ANALYSE, raise_exception=True)
def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    run = get_object_or_404(AnalysisRun.objects.select_related("activity"), pk=run_id)
    if request.GET.get("format") == "json":
        return JsonResponse({"status": run.status, "progress": run.progress,
                             "message": run.message})
    themes = list(run.themes.all())
    return render(request, "insight/run.html", {"run": run, "themes": themes,
                                                "campaign_count": run.campaigns.count()})


@login_required
@permission_required(ANALYSE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def theme_detail(request: HttpRequest, theme_id: int) -> HttpResponse:
    theme = get_object_or_404(Theme.objects.select_related("run__activity"), pk=theme_id)
    if request.method == "POST":
        return _edit(request, theme)
    record(request.user, "theme.viewed", theme, key=theme.key)
    rows = lens_rows({} if theme.stale else theme.lens)
    pagination = paginate(live_members(theme), request.GET, MEMBERS_PER_PAGE)
    campaigns = campaigns_in_theme(theme)
    names = {t.key: t.shown_label for t in theme.run.themes.all()}
    return render(request, "insight/theme.html", {
        "theme": theme, "quotes": _quotes(theme), "lens": rows, "svg": lens_svg(rows),
        "pagination": pagination,
        "members": member_rows(list(pagination.page), perspective_counts(theme), names,
                               campaign_member_ids(theme.run)),
        "others": theme.run.themes.exclude(pk=theme.pk),
        "campaigns": campaigns, "voices": voices(theme.size, campaigns)})


def _quotes(theme: Theme) -> list[str]:
    """Only consented, redacted words, read now: a withdrawn quote is simply gone."""
    rows = Contribution.objects.filter(pk__in=theme.quote_ids)
    return [q for q in (c.quote_text() for c in rows) if q]


def _edit(request: HttpRequest, theme: Theme) -> HttpResponse:
    analyst, step = _analyst(request), request.POST.get("step", "")
    others = theme.run.themes.exclude(pk=theme.pk)
    try:
        if step == "rename":
            do_rename_theme(theme, request.POST.get("label", ""), analyst)
        elif step in {"lock", "unlock"}:
            do_lock_theme(theme, step == "lock", analyst)
        elif step == "merge":
            target = others.filter(pk=_int(request.POST.get("target"))).first()
            if target is None:
                raise InsightError("Choose a theme to merge into.")
            if request.POST.get("confirm") != "yes":
                return _confirm(request, theme, "merge", target)
            do_merge_themes(theme, target, analyst)
            messages.success(request, "Merged.")
            return redirect("staff:theme", theme_id=target.pk)
        elif step == "move":
            target = others.filter(pk=_int(request.POST.get("target"))).first()
            assignment = Assignment.objects.filter(theme=theme, pk=_int(
                request.POST.get("assignment"))).first()
            if target is None or assignment is None:
                raise InsightError("Choose a contribution and a theme to move it to.")
            do_move_contribution(assignment, target, analyst)
        elif step == "split":
            if request.POST.get("confirm") != "yes":
                return _confirm(request, theme, "split")
            new = do_split_theme(theme, analyst)
            messages.success(request, f"Split: the new theme is “{new.label}”.")
        else:
            raise InsightError("Choose what to change.")
    except InsightError as error:
        messages.error(request, str(error))
    else:
        if step != "split":
            messages.success(request, "Saved.")
    if not Theme.objects.filter(pk=theme.pk).exists():
        return redirect("staff:run", run_id=theme.run_id)
    return redirect("staff:theme", theme_id=theme.pk)


def _confirm(request: HttpRequest, theme: Theme, step: str,
             target: Theme | None = None) -> HttpResponse:
    """Merging and splitting change what many people's words are filed under, and later
    analyses keep the change: the analyst says yes on a page of its own first."""
    return render(request, "insight/confirm.html", {"theme": theme, "step": step,
                                                    "target": target})


def _int(raw: str | None) -> int:
    return int(raw) if raw and raw.isdigit() else 0

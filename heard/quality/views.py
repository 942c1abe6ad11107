"""Participation quality pages. Thin: actions write, `summary` gathers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from heard.activities.models import Activity
from heard.people.roles import signed_in

from . import session
from .actions import (
    LundyEntry,
    QualityError,
    as_uuid,
    do_record_influence,
    do_record_lundy,
    do_set_arnstein_rung,
)
from .frameworks import ANSWERS, ARNSTEIN, LUNDY, LUNDY_ITEMS
from .models import ArnsteinRating, InfluenceAnswer, LundyAnswer
from .summary import summaries, summary_for, tokenism_days

VIEW_PERMISSIONS = ("contributions.view_contribution_stats", "engagement.manage_activity")
EDIT_PERMISSION = "engagement.manage_activity"


# Participants ---------------------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
def influence(request: HttpRequest, slug: str) -> HttpResponse:
    activity = get_object_or_404(Activity, slug=slug)
    if not session.may_answer(request, activity.pk):
        return redirect("share:start", slug=slug)
    previous = session.answer_id(request, activity.pk)
    error = ""
    if request.method == "POST":
        try:
            answer = do_record_influence(activity, request.POST.get("score"), previous)
        except QualityError as problem:
            error = problem.problems.get("score", str(problem))
        else:
            session.remember_answer(request, activity.pk, str(answer.pk))
            messages.success(request, gettext("Thank you. We have saved your answer."))
            return redirect("quality:influence", slug=slug)
    known = as_uuid(previous)
    current = (InfluenceAnswer.objects.filter(pk=known, activity=activity)
               .values_list("score", flat=True).first() if known else None)
    return render(request, "quality/influence.html", {
        "activity": activity, "influence_error": error, "influence_current": current,
        "influence_posted": request.POST.get("score", ""),
    })


# Staff ----------------------------------------------------------------------------------------

def _check_can_view(user: AbstractBaseUser | AnonymousUser) -> None:
    if not isinstance(user, User) or not any(user.has_perm(p) for p in VIEW_PERMISSIONS):
        raise PermissionDenied



@login_required
@require_http_methods(["GET"])
def quality_list(request: HttpRequest) -> HttpResponse:
    _check_can_view(request.user)
    found = summaries(list(Activity.objects.order_by("title")))
    return render(request, "quality/list.html", {
        "summaries": found, "warned": sum(1 for s in found if s.warnings),
        "days": tokenism_days(), "can_edit": request.user.has_perm(EDIT_PERMISSION)})


@login_required
@require_http_methods(["GET", "POST"])
def quality_activity(request: HttpRequest, slug: str) -> HttpResponse:
    _check_can_view(request.user)
    activity = get_object_or_404(Activity, slug=slug)
    posted: dict[str, Any] | None = None
    problems: dict[str, str] = {}
    step = ""
    if request.method == "POST":
        if not request.user.has_perm(EDIT_PERMISSION):
            raise PermissionDenied
        step = request.POST.get("step", "")
        try:
            if step == "lundy":
                entries = {key: LundyEntry(request.POST.get(f"{key}-answer", ""),
                                           request.POST.get(f"{key}-evidence", ""))
                           for key in LUNDY_ITEMS}
                changed = do_record_lundy(activity, entries, signed_in(request))
                messages.success(request, "Checklist saved." if changed else
                                 "Nothing had changed, so nothing was saved.")
            elif step == "arnstein":
                do_set_arnstein_rung(activity, request.POST.get("rung", ""),
                                     request.POST.get("rung-evidence", ""), signed_in(request))
                messages.success(request, "Rung on the ladder saved.")
            else:
                raise QualityError({"step": "Choose what to save."})
        except QualityError as problem:
            problems = problem.problems
            posted = request.POST.dict()
        else:
            return redirect("quality:activity", slug=slug)
    rating = ArnsteinRating.objects.filter(activity=activity).first()
    lundy_posted = posted if step == "lundy" else None
    rung_posted = posted if step == "arnstein" else None
    return render(request, "quality/activity.html", {
        "activity": activity, "summary": summary_for(activity), "days": tokenism_days(),
        "can_edit": request.user.has_perm(EDIT_PERMISSION),
        "elements": _lundy_rows(activity, lundy_posted, problems),
        "rungs": _rung_rows(), "rating": rating,
        "rung_value": rung_posted.get("rung", "") if rung_posted else
        (rating.rung if rating else ""),
        "rung_evidence": rung_posted.get("rung-evidence", "") if rung_posted else
        (rating.evidence if rating else ""),
        "problems": problems, "answer_choices": ANSWERS,
        "error_links": [(f"#{field}", message) for field, message in problems.items()],
    })


def _lundy_rows(activity: Activity, posted: dict[str, Any] | None,
                problems: dict[str, str]) -> list[dict[str, Any]]:
    saved = {a.item: a for a in LundyAnswer.objects.filter(activity=activity)
             .select_related("updated_by")}
    elements = []
    for element in LUNDY:
        items = []
        for item in element.items:
            answer = saved.get(item.key)
            items.append({
                "key": item.key, "question": item.question, "saved": answer,
                "answer": posted.get(f"{item.key}-answer", "") if posted is not None
                else (answer.answer if answer else ""),
                "evidence": posted.get(f"{item.key}-evidence", "") if posted is not None
                else (answer.evidence if answer else ""),
                "answer_error": problems.get(f"{item.key}-answer", ""),
                "evidence_error": problems.get(f"{item.key}-evidence", ""),
            })
        elements.append({"key": element.key, "name": element.name,
                         "summary": element.summary, "items": items})
    return elements


def _rung_rows() -> list[Any]:
    return list(reversed(ARNSTEIN))  # the top of the ladder first, as it is drawn


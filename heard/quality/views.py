"""Participation quality pages. Thin: actions write, `summary` gathers."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from heard.activities.models import Activity
from heard.core.posted import TypedForm
from heard.core.verbs import by_step, by_verb
from heard.people.roles import signed_in

from . import session
from .access import (
    arnstein_rating,
    can_edit,
    check_can_edit,
    check_can_view,
    influence_score,
    lundy_answers,
)
from .actions import (
    QualityError,
    as_uuid,
    do_record_influence,
    do_record_lundy,
    do_set_arnstein_rung,
)
from .forms import ArnsteinForm, InfluenceForm, LundyForm
from .frameworks import ANSWERS, ARNSTEIN, LOW_INFLUENCE_MEAN, LUNDY, MIN_ANSWERS_FOR_MEAN
from .summary import summaries, summary_for, tokenism_days

# When the pages show an average sense of influence and when they warn about it, named on the
# pages from the rule itself.
MEAN_RULE = {"min_answers": MIN_ANSWERS_FOR_MEAN, "low_mean": LOW_INFLUENCE_MEAN}

# Participants ---------------------------------------------------------------------------------

def _may_answer(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Only someone who has just shared in this activity is asked how much difference it made."""

    @wraps(view)
    def page(request: HttpRequest, slug: str) -> HttpResponse:
        activity = get_object_or_404(Activity, slug=slug)
        if not session.may_answer(request, activity.pk):
            return redirect("share:start", slug=slug)
        return view(request, activity)

    return page


def _influence_page(request: HttpRequest, activity: Activity, error: str = "",
                    posted: str = "") -> HttpResponse:
    current = influence_score(activity, as_uuid(session.answer_id(request, activity.pk)))
    return render(request, "quality/influence.html", {
        "activity": activity, "influence_error": error, "influence_current": current,
        "influence_posted": posted,
    })


@require_GET
@_may_answer
def show_influence(request: HttpRequest, activity: Activity) -> HttpResponse:
    return _influence_page(request, activity)


@require_POST
@_may_answer
def record_influence(request: HttpRequest, activity: Activity) -> HttpResponse:
    score = InfluenceForm(request.POST).value("score")
    try:
        answer = do_record_influence(activity, score, session.answer_id(request, activity.pk))
    except QualityError as problem:
        return _influence_page(request, activity, problem.problems.get("score", str(problem)),
                               posted=score)
    session.remember_answer(request, activity.pk, str(answer.pk))
    messages.success(request, gettext("Thank you. We have saved your answer."))
    return redirect("quality:influence", slug=activity.slug)


influence = by_verb(get=show_influence, post=record_influence)


# Staff ----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def quality_list(request: HttpRequest) -> HttpResponse:
    check_can_view(request.user)
    found = summaries(list(Activity.objects.order_by("title")))
    return render(request, "quality/list.html", {
        "summaries": found, "warned": sum(1 for s in found if s.warnings),
        "days": tokenism_days(), "can_edit": can_edit(request.user), **MEAN_RULE})


def _quality_page(request: HttpRequest, activity: Activity, step: str = "",
                  problems: dict[str, str] | None = None) -> HttpResponse:
    """The page; after a refused save, the part that was saved shows what was typed."""
    problems = problems or {}
    posted = TypedForm(request.POST).typed() if problems else None
    rating = arnstein_rating(activity)
    lundy_posted = posted if step == "lundy" else None
    rung_posted = posted if step == "arnstein" else None
    return render(request, "quality/activity.html", {
        "activity": activity, "summary": summary_for(activity), "days": tokenism_days(),
        "can_edit": can_edit(request.user), **MEAN_RULE,
        "elements": _lundy_rows(activity, lundy_posted, problems),
        "rungs": _rung_rows(), "rating": rating,
        "rung_value": rung_posted.get("rung", "") if rung_posted else
        (rating.rung if rating else ""),
        "rung_evidence": rung_posted.get("rung-evidence", "") if rung_posted else
        (rating.evidence if rating else ""),
        "problems": problems, "answer_choices": ANSWERS,
        "error_links": [(f"#{field}", message) for field, message in problems.items()],
    })


@login_required
@require_GET
def show_quality_activity(request: HttpRequest, slug: str) -> HttpResponse:
    check_can_view(request.user)
    return _quality_page(request, get_object_or_404(Activity, slug=slug))


Save = Callable[[HttpRequest, Activity], str]


def _save(step: str, save: Save) -> Callable[..., HttpResponse]:
    """One of the page's two save buttons: it says what was saved, or shows the page again
    with what was typed and each problem beside its field."""

    @login_required
    @require_POST
    def view(request: HttpRequest, slug: str) -> HttpResponse:
        check_can_edit(request.user)
        activity = get_object_or_404(Activity, slug=slug)
        try:
            messages.success(request, save(request, activity))
        except QualityError as problem:
            return _quality_page(request, activity, step, problem.problems)
        return redirect("quality:activity", slug=slug)

    return view


def _save_lundy(request: HttpRequest, activity: Activity) -> str:
    changed = do_record_lundy(activity, LundyForm(request.POST).entries(), signed_in(request))
    return "Checklist saved." if changed else "Nothing had changed, so nothing was saved."


def _save_arnstein(request: HttpRequest, activity: Activity) -> str:
    form = ArnsteinForm(request.POST)
    do_set_arnstein_rung(activity, form.value("rung"), form.value("rung-evidence"),
                         signed_in(request))
    return "Rung on the ladder saved."


def _choose_what_to_save(request: HttpRequest, activity: Activity) -> str:
    raise QualityError({"step": "Choose what to save."})


quality_activity = by_verb(get=show_quality_activity, post=by_step(
    {"lundy": _save("lundy", _save_lundy), "arnstein": _save("arnstein", _save_arnstein)},
    unknown=_save("", _choose_what_to_save)))


def _lundy_rows(activity: Activity, posted: dict[str, Any] | None,
                problems: dict[str, str]) -> list[dict[str, Any]]:
    saved = lundy_answers(activity)
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


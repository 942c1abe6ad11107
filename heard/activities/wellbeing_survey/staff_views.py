"""Facilitators' pages for a wellbeing survey: its waves, the reference figures to compare with,
and the results across waves (page and CSV). Views read forms and call actions."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from heard.activities.models import Activity
from heard.analysis.wellbeing_waves import REFERENCE_COLUMNS, parse_reference, parse_reference_csv
from heard.audit.log import record
from heard.core import csv_safe
from heard.core.suppression import suppress_below
from heard.core.verbs import by_step, by_verb
from heard.people.roles import facilitator_page, signed_in

from .access import get_survey
from .actions import (
    WellbeingError,
    do_add_wave,
    do_load_wellbeing_references,
    do_remove_wellbeing_reference,
    open_wave,
)
from .forms import ReferenceForm, ReferenceUploadForm, RemoveReferenceForm, WaveForm
from .questions import ALL_QUESTIONS, QUESTION_TEXT
from .results import CSV_HEADER, csv_rows, group_label, survey_results

QUESTION_KEYS = [q.key for q in ALL_QUESTIONS]


def _blank_forms() -> dict[str, Any]:
    return {"wave": WaveForm(prefix="wave"), "reference": ReferenceForm(prefix="ref"),
            "upload": ReferenceUploadForm(prefix="upload")}


def _survey_page(request: HttpRequest, activity: Activity, forms: dict[str, Any],
                 problems: list[str]) -> HttpResponse:
    return render(request, "wellbeing/staff/survey.html", {
        "activity": activity, "waves": activity.waves.order_by("number"),
        "open_wave": open_wave(activity), "forms": forms, "problems": problems,
        "references": [(ref, QUESTION_TEXT.get(ref.question, ref.question))
                       for ref in activity.wellbeing_references.all()],
        "columns": REFERENCE_COLUMNS,
        "question_keys": ALL_QUESTIONS},
        status=400 if problems or any(f.errors for f in forms.values()) else 200)


@facilitator_page
@require_GET
def show_manage(request: HttpRequest, slug: str) -> HttpResponse:
    return _survey_page(request, get_survey(slug, drafts=True), _blank_forms(), [])


Step = Callable[[HttpRequest, Activity, dict[str, Any], User], tuple[bool, list[str]]]


def _survey_step(step: Step) -> Callable[..., HttpResponse]:
    """One button on the survey page as a POST view: done, the page afresh with what changed;
    refused, the forms again with what was typed and why."""

    @facilitator_page
    @require_POST
    @wraps(step)
    def view(request: HttpRequest, slug: str) -> HttpResponse:
        activity = get_survey(slug, drafts=True)
        forms = _blank_forms()
        try:
            done, problems = step(request, activity, forms, signed_in(request))
        except WellbeingError as error:
            done, problems = False, [str(error)]
        if done:
            return redirect("wellbeing_staff:survey", slug=slug)
        return _survey_page(request, activity, forms, problems)

    return view


def _remove_reference(request: HttpRequest, activity: Activity, forms: dict[str, Any],
                      user: User) -> tuple[bool, list[str]]:
    form = RemoveReferenceForm(request.POST)
    reference = (activity.wellbeing_references.filter(pk=form.cleaned_data["reference"]).first()
                 if form.is_valid() else None)
    if reference is None:
        return False, ["That reference figure is not in this survey."]
    do_remove_wellbeing_reference(reference, user)
    messages.success(request, "Reference figure removed.")
    return True, []


def _choose_what_to_do(request: HttpRequest, activity: Activity, forms: dict[str, Any],
                       user: User) -> tuple[bool, list[str]]:
    return False, ["Choose what to do."]


def _add_wave(request: HttpRequest, activity: Activity, forms: dict[str, Any],
              user: User) -> tuple[bool, list[str]]:
    form = forms["wave"] = WaveForm(request.POST, prefix="wave")
    if not form.is_valid():
        return False, []
    wave = do_add_wave(activity, form.cleaned_data["opens_on"], form.cleaned_data["closes_on"],
                       user)
    messages.success(request, f"Wave {wave.number} added.")
    return True, []


def _add_reference(request: HttpRequest, activity: Activity, forms: dict[str, Any],
                   user: User) -> tuple[bool, list[str]]:
    form = forms["reference"] = ReferenceForm(request.POST, prefix="ref")
    if not form.is_valid():
        return False, []
    data = form.cleaned_data
    row, problems = parse_reference(data["question"], data["share_positive"].strip(),
                                    data["source"].strip(), data["year"].strip(), QUESTION_KEYS)
    if row is None:
        return False, [problem[0].upper() + problem[1:] for problem in problems]
    do_load_wellbeing_references(activity, [row], user)
    messages.success(request, "Reference figure saved.")
    return True, []


def _upload(request: HttpRequest, activity: Activity, forms: dict[str, Any],
            user: User) -> tuple[bool, list[str]]:
    form = forms["upload"] = ReferenceUploadForm(request.POST, request.FILES, prefix="upload")
    if not form.is_valid():
        return False, []
    rows, problems = parse_reference_csv(form.cleaned_data["file"], QUESTION_KEYS)
    if problems:
        return False, ["Nothing was saved. " + problems[0], *problems[1:20]]
    saved = do_load_wellbeing_references(activity, rows, user)
    messages.success(request, f"{saved} reference figure(s) saved.")
    return True, []


manage = by_verb(get=show_manage, post=by_step(
    {"wave": _survey_step(_add_wave), "reference": _survey_step(_add_reference),
     "upload": _survey_step(_upload), "remove": _survey_step(_remove_reference)},
    unknown=_survey_step(_choose_what_to_do)))


@facilitator_page
@require_GET
def results(request: HttpRequest, slug: str) -> HttpResponse:
    activity = get_survey(slug, drafts=True)
    record(request.user, "wellbeing_results.viewed", activity)
    found = survey_results(activity)
    questions = [(question, [(group_label(row), row, list(zip(row.cells, row.changes,
                                                                  strict=True)))
                             for row in question.rows]) for question in found.questions]
    return render(request, "wellbeing/staff/results.html", {
        "activity": activity, "waves": found.waves, "questions": questions,
        "threshold": suppress_below()})


@facilitator_page
@require_GET
def results_csv(request: HttpRequest, slug: str) -> HttpResponse:
    activity = get_survey(slug, drafts=True)
    record(request.user, "wellbeing_results.exported", activity)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{activity.slug}-wellbeing.csv"'
    writer = csv_safe.writer(response)
    writer.writerow(CSV_HEADER)
    writer.writerows(csv_rows(survey_results(activity)))
    return response

"""Facilitators' pages for a wellbeing survey: its waves, the reference figures to compare with,
and the results across waves (page and CSV). Views read forms and call actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from heard.activities.models import Activity
from heard.analysis.wellbeing_waves import REFERENCE_COLUMNS, parse_reference, parse_reference_csv
from heard.audit.log import record
from heard.core import csv_safe
from heard.core.suppression import suppress_below

from .access import get_survey
from .actions import (
    WellbeingError,
    do_add_wave,
    do_load_wellbeing_references,
    do_remove_wellbeing_reference,
    open_wave,
)
from .forms import ReferenceForm, ReferenceUploadForm, WaveForm
from .questions import ALL_QUESTIONS, QUESTION_TEXT
from .results import CSV_HEADER, csv_rows, group_label, survey_results

MANAGE = "engagement.manage_activity"
QUESTION_KEYS = [q.key for q in ALL_QUESTIONS]


def _staff(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # the permission check comes first
    return user


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    activity = get_survey(slug, drafts=True)
    forms = {"wave": WaveForm(prefix="wave"), "reference": ReferenceForm(prefix="ref"),
             "upload": ReferenceUploadForm(prefix="upload")}
    problems: list[str] = []
    if request.method == "POST":
        done, problems = _handle(request, activity, forms)
        if done:
            return redirect("wellbeing_staff:survey", slug=slug)
    return render(request, "wellbeing/staff/survey.html", {
        "activity": activity, "waves": activity.waves.order_by("number"),
        "open_wave": open_wave(activity), "forms": forms, "problems": problems,
        "references": [(ref, QUESTION_TEXT.get(ref.question, ref.question))
                       for ref in activity.wellbeing_references.all()],
        "columns": REFERENCE_COLUMNS,
        "question_keys": ALL_QUESTIONS},
        status=400 if problems or any(f.errors for f in forms.values()) else 200)


def _handle(request: HttpRequest, activity: Activity,
            forms: dict) -> tuple[bool, list[str]]:
    """Carry out the step the facilitator chose. (done, problems to show)."""
    step, user = request.POST.get("step"), _staff(request)
    try:
        if step == "wave":
            return _add_wave(request, activity, forms, user)
        if step == "reference":
            return _add_reference(request, activity, forms, user)
        if step == "upload":
            return _upload(request, activity, forms, user)
        if step == "remove":
            reference = activity.wellbeing_references.filter(
                pk=int(request.POST.get("reference", "0") or 0)).first()
            if reference is None:
                return False, ["That reference figure is not in this survey."]
            do_remove_wellbeing_reference(reference, user)
            messages.success(request, "Reference figure removed.")
            return True, []
    except (WellbeingError, ValueError) as error:
        return False, [str(error)]
    return False, ["Choose what to do."]


def _add_wave(request: HttpRequest, activity: Activity, forms: dict,
              user: User) -> tuple[bool, list[str]]:
    form = forms["wave"] = WaveForm(request.POST, prefix="wave")
    if not form.is_valid():
        return False, []
    wave = do_add_wave(activity, form.cleaned_data["opens_on"], form.cleaned_data["closes_on"],
                       user)
    messages.success(request, f"Wave {wave.number} added.")
    return True, []


def _add_reference(request: HttpRequest, activity: Activity, forms: dict,
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


def _upload(request: HttpRequest, activity: Activity, forms: dict,
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


@login_required
@permission_required(MANAGE, raise_exception=True)
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


@login_required
@permission_required(MANAGE, raise_exception=True)
def results_csv(request: HttpRequest, slug: str) -> HttpResponse:
    activity = get_survey(slug, drafts=True)
    record(request.user, "wellbeing_results.exported", activity)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{activity.slug}-wellbeing.csv"'
    writer = csv_safe.writer(response)
    writer.writerow(CSV_HEADER)
    writer.writerows(csv_rows(survey_results(activity)))
    return response

"""Participants' pages: say your age band (and who you are, if you like), answer the questions
for that band on one page, and a thank-you page. Works without JavaScript."""

from __future__ import annotations

import secrets

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from heard.activities import flow
from heard.activities.models import Activity
from heard.people.models import format_receipt_code

from .access import get_survey
from .actions import WellbeingError, do_submit_wellbeing_response, open_wave
from .questions import BAND_LABELS, COMMENT_QUESTION, PERSPECTIVE_CHOICES, QUESTION_SETS, SCALES


def start(request: HttpRequest, slug: str) -> HttpResponse:
    activity = get_survey(slug)
    return _start_page(request, activity, "")


def _start_page(request: HttpRequest, activity: Activity, error: str) -> HttpResponse:
    return render(request, "wellbeing/start.html", {
        "activity": activity, "open": _taking_answers(activity), "error": error,
        "bands": list(BAND_LABELS.items()), "perspectives": list(PERSPECTIVE_CHOICES.items())},
        status=400 if error else 200)


def _taking_answers(activity: Activity) -> bool:
    return activity.is_accepting() and open_wave(activity) is not None


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, slug: str) -> HttpResponse:
    activity = get_survey(slug)
    data = request.POST if request.method == "POST" else request.GET
    band, perspective = data.get("band"), data.get("perspective", "")
    if band is None or band not in QUESTION_SETS or perspective not in PERSPECTIVE_CHOICES:
        return _start_page(request, activity, _("Choose how old you are."))
    error = ""
    if request.method == "POST":
        try:
            sent = do_submit_wellbeing_response(activity, band, perspective, request.POST,
                                         request.POST.get("comment", ""), request.user,
                                         send_token=request.POST.get("send_token", ""))
        except WellbeingError as problem:
            error = str(problem)
        else:
            flow.hand_over(request, format_receipt_code(sent.code) if sent.code else None,
                           sent.urgent)
            return redirect("wellbeing:thanks", slug=slug)
    return render(request, "wellbeing/answer.html", {
        "activity": activity, "open": _taking_answers(activity), "band": band,
        "perspective": perspective, "questions": QUESTION_SETS[band], "scale": SCALES[band],
        "comment_question": COMMENT_QUESTION, "chosen": request.POST, "error": error,
        "send_token": request.POST.get("send_token") or secrets.token_urlsafe(24)},
        status=400 if error else 200)


def thanks(request: HttpRequest, slug: str) -> HttpResponse:
    """Shows the receipt code for what they wrote once, and help at once if it needs it."""
    code, urgent = flow.take_over(request)
    return render(request, "wellbeing/thanks.html", {"activity": get_survey(slug),
                                                     "code": code, "urgent": urgent})

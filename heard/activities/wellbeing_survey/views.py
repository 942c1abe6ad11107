"""Participants' pages: say your age band (and who you are, if you like), answer the questions
for that band on one page, and a thank-you page. Works without JavaScript."""

from __future__ import annotations

import secrets

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from heard.activities.models import Activity
from heard.activities.participant_session import hand_over, take_over
from heard.core.verbs import by_verb
from heard.people.models import format_receipt_code

from .access import get_survey
from .actions import WellbeingError, do_submit_wellbeing_response, open_wave
from .forms import WhoForm
from .questions import BAND_LABELS, COMMENT_QUESTION, PERSPECTIVE_CHOICES, QUESTION_SETS, SCALES


@require_GET
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


def _answer_page(request: HttpRequest, activity: Activity, who: WhoForm,
                 error: str = "") -> HttpResponse:
    # After a refusal the answers show again as they were chosen.
    chosen = who.data if error else {}
    band = who.value("band")
    return render(request, "wellbeing/answer.html", {
        "activity": activity, "open": _taking_answers(activity), "band": band,
        "perspective": who.value("perspective"), "questions": QUESTION_SETS[band],
        "scale": SCALES[band], "comment_question": COMMENT_QUESTION, "chosen": chosen,
        "error": error,
        "send_token": who.value("send_token") or secrets.token_urlsafe(24)},
        status=400 if error else 200)


def _chose_who(who: WhoForm) -> bool:
    # An empty band is a choice ("I would rather not say"); no band at all is not.
    return (who.given("band") and who.value("band") in QUESTION_SETS
            and who.value("perspective") in PERSPECTIVE_CHOICES)


def _survey_and_who(request: HttpRequest, slug: str, who: WhoForm
                    ) -> tuple[Activity, WhoForm] | HttpResponse:
    """The survey and who is answering (the age band picks the questions); without a band
    chosen, back to the start page to choose one."""
    activity = get_survey(slug)
    if not _chose_who(who):
        return _start_page(request, activity, _("Choose how old you are."))
    return activity, who


@require_GET
def show_questions(request: HttpRequest, slug: str) -> HttpResponse:
    if isinstance(answering := _survey_and_who(request, slug, WhoForm(request.GET)), HttpResponse):
        return answering
    return _answer_page(request, *answering)


@require_POST
def send_answers(request: HttpRequest, slug: str) -> HttpResponse:
    if isinstance(answering := _survey_and_who(request, slug, WhoForm(request.POST)), HttpResponse):
        return answering
    activity, who = answering
    # The answers are read by the action, which knows each band's questions and their scales.
    try:
        sent = do_submit_wellbeing_response(activity, who.value("band"), who.value("perspective"),
                                            who.data, who.value("comment"), request.user,
                                            send_token=who.value("send_token"))
    except WellbeingError as problem:
        return _answer_page(request, activity, who, error=str(problem))
    hand_over(request, activity, format_receipt_code(sent.code) if sent.code else None,
              sent.urgent)
    return redirect("wellbeing:thanks", slug=slug)


answer = by_verb(get=show_questions, post=send_answers)


@require_GET
def thanks(request: HttpRequest, slug: str) -> HttpResponse:
    """Shows the receipt code for what they wrote once, and help at once if it needs it."""
    activity = get_survey(slug)
    code, urgent = take_over(request, activity)
    return render(request, "wellbeing/thanks.html", {"activity": activity, "code": code,
                                                     "urgent": urgent})

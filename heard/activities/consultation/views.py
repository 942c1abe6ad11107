"""A consultation for participants: questions, who you are, consent, check, send. Answers can be
saved part-way and picked up again with the receipt code. Works without JavaScript."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST, require_safe

from heard.activities import flow
from heard.activities.access import (
    DRAFT,
    draft_for_code,
    drafts_for_receipt,
    receipt_answered,
    session_draft,
)
from heard.activities.answers import (
    EngagementError,
    clean_answers,
    closed_message,
)
from heard.activities.consultation.actions import (
    answers_to_keep,
    do_go_on_from_questions,
    do_save_consultation_response,
    do_submit_consultation_response,
)
from heard.activities.consultation.forms import AnswersForm
from heard.activities.models import Activity, ConsultationResponse
from heard.activities.participant_session import hand_over, take_over
from heard.activities.steps import FlowSteps
from heard.contributions import help_now
from heard.contributions.access import on_receipt
from heard.contributions.forms import ReceiptForm
from heard.core.verbs import by_verb
from heard.people import send_once
from heard.people.models import format_receipt_code, receipt_code_for_token
from heard.people.receipt_session import session_receipt
from heard.people.retention import days_for
from heard.people.sign_in_guard import code_throttle, too_many_codes_message

FLOW = "consultation"
KIND = Activity.Kind.CONSULTATION


STEPS = FlowSteps(FLOW, KIND, first_page="engagement:consultation",
                  own_step=("answers", "engagement:consultation-questions"),
                  names="engagement:consultation",
                  noun="consultation")
_activity = STEPS.activity
_closed = STEPS.closed
_needs = STEPS.needs


@require_safe
def start(request: HttpRequest, slug: str) -> HttpResponse:
    activity = _activity(slug)
    return render(request, "engagement/consultation/start.html", {
        "activity": activity, "accepting": activity.is_accepting(),
        "closed_message": closed_message(activity), "count": activity.questions.count()})


def _question_rows(activity: Activity, raw: dict[str, list[str]]) -> list[dict[str, Any]]:
    return [{"question": q, "values": raw.get(str(q.pk), []),
             "text": "\n".join(raw.get(str(q.pk), []))} for q in activity.questions.all()]


def _questions_page(request: HttpRequest, activity: Activity, raw: dict[str, list[str]],
                    error: str = "") -> HttpResponse:
    return render(request, "engagement/consultation/questions.html", {
        "activity": activity, "rows": _question_rows(activity, raw), "error": error,
        "saved": session_draft(request, activity) is not None,
        "max_length": settings.HEARD_MAX_TEXT_LENGTH}, status=400 if error else 200)


@require_GET
def show_questions(request: HttpRequest, slug: str) -> HttpResponse:
    activity = _activity(slug)
    if (blocked := _closed(request, activity)) is not None:
        return blocked
    return _questions_page(request, activity, flow.load(request, FLOW, activity).get("answers", {}))


@require_POST
def answer_questions(request: HttpRequest, slug: str) -> HttpResponse:
    activity = _activity(slug)
    form = AnswersForm(request.POST)
    raw = form.raw_answers()
    try:
        return _after_questions(request, activity, form, raw, flow.load(request, FLOW, activity))
    except EngagementError as problem:
        return _questions_page(request, activity, raw, str(problem))


questions = by_verb(get=show_questions, post=answer_questions)


def _after_questions(request: HttpRequest, activity: Activity, form: AnswersForm,
                     raw: dict[str, list[str]], state: dict[str, Any]) -> HttpResponse:
    if not form.saving():
        held = do_go_on_from_questions(activity, raw, request.user, state.get("held", {}),
                                       response=session_draft(request, activity))
        flow.save(request, FLOW, activity, answers=raw, held=held)
        return redirect(STEPS.page("who"), slug=activity.slug)
    response, code = do_save_consultation_response(
        activity, answers_to_keep(activity, raw),
        request.user, response=session_draft(request, activity),
        perspectives=state.get("perspectives"), consents=state.get("consents"),
        held=state.get("held", {}))
    DRAFT.remember(request, activity, response)
    flow.save(request, FLOW, activity, answers=raw, held=response.held)
    hand_over(request, activity, format_receipt_code(code) if code else None,
              bool(response.held))
    return redirect("engagement:consultation-saved", slug=activity.slug)


@require_safe
def saved(request: HttpRequest, slug: str) -> HttpResponse:
    activity = _activity(slug)
    code, urgent = take_over(request, activity)
    return render(request, "engagement/consultation/saved.html", {
        "activity": activity, "code": code, "urgent": urgent,
        "keep_days": days_for("saved_answers")})


@require_POST
def send(request: HttpRequest, slug: str) -> HttpResponse:
    if isinstance(sending := STEPS.sending(request, slug, _sent_already), HttpResponse):
        return sending
    try:
        return _send(request, *sending)
    except EngagementError as error:
        messages.error(request, str(error))
        return redirect(STEPS.page("check"), slug=slug)


show_check = STEPS.check_page("engagement/consultation/check.html", lambda activity, state: {
    "rows": _question_rows(activity, state["answers"]), "held_urgent": bool(state.get("held"))})


check = by_verb(get=show_check, post=send)


def _sent_already(request: HttpRequest, activity: Activity) -> HttpResponse | None:
    """A repeat press of Send: the first press's answers were saved; show its receipt. (Saved
    answers sent again are refused by the lock on the draft instead.)"""
    earlier = send_once.earlier_press(request)
    if earlier is None or not receipt_answered(earlier.receipt, activity):
        return None
    flow.clear(request, FLOW, activity)
    urgent = help_now.any_urgent(on_receipt(earlier.receipt))
    hand_over(request, activity, format_receipt_code(earlier.code), urgent)
    return redirect(STEPS.page("done"), slug=activity.slug)


def _send(request: HttpRequest, activity: Activity, state: dict[str, Any]) -> HttpResponse:
    answers = clean_answers(activity, state["answers"], complete=True)
    token = send_once.posted_token(request)
    sent = do_submit_consultation_response(
        activity, answers, state["perspectives"], state["consents"], request.user,
        response=session_draft(request, activity),
        code=receipt_code_for_token(token) if token and token == state.get(send_once.FIELD)
        else None, held=state.get("held", {}))
    flow.clear(request, FLOW, activity)
    DRAFT.forget(request, activity)
    hand_over(request, activity, format_receipt_code(sent.code) if sent.code else None,
              sent.urgent)
    return redirect(STEPS.page("done"), slug=activity.slug)


def _resume_page(request: HttpRequest, activity: Activity, form: ReceiptForm,
                 status: int = 200) -> HttpResponse:
    return render(request, "engagement/consultation/resume.html",
                  {"activity": activity, "form": form}, status=status)


@require_GET
def show_resume(request: HttpRequest, slug: str) -> HttpResponse:
    """Come back with the receipt code: straight on when it was already entered on the receipt
    page, else the page to type it."""
    activity = _activity(slug)
    receipt_drafts = [d for d in _drafts_in_session(request) if d.activity_id == activity.pk]
    if receipt_drafts:
        return _pick_up(request, activity, receipt_drafts[0])
    return _resume_page(request, activity, ReceiptForm())


@require_POST
def resume_with_code(request: HttpRequest, slug: str) -> HttpResponse:
    activity = _activity(slug)
    form = ReceiptForm(request.POST)
    if code_throttle().is_blocked(request):
        form.is_valid()
        form.add_error("code", too_many_codes_message())
        return _resume_page(request, activity, form, status=429)
    if form.is_valid():
        response = draft_for_code(activity, form.cleaned_data["code"])
        if response is not None and response.is_draft():
            request.session.cycle_key()
            return _pick_up(request, activity, response)
        if response is None:
            code_throttle().count_wrong_guess(request)
        form.add_error("code", _("These answers have already been sent. Go to “Come back with "
                                 "your code” to see them.") if response is not None else
                       _("We could not find saved answers for that code in this "
                         "consultation. Check the code and try again."))
    return _resume_page(request, activity, form, status=400)


resume = by_verb(get=show_resume, post=resume_with_code)


def _drafts_in_session(request: HttpRequest) -> list[ConsultationResponse]:
    return drafts_for_receipt(session_receipt(request))


def _pick_up(request: HttpRequest, activity: Activity,
             response: ConsultationResponse) -> HttpResponse:
    if (blocked := _closed(request, activity)) is not None:
        return blocked
    DRAFT.remember(request, activity, response)
    flow.clear(request, FLOW, activity)
    flow.save(request, FLOW, activity, **flow.state_from_draft(response))
    messages.success(request, _("Welcome back. Your saved answers are below."))
    return redirect("engagement:consultation-questions", slug=activity.slug)

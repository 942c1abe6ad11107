"""Participant pages. Plain forms and full page loads, so everything works without JavaScript;
refreshing a page shows what others have done since."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from heard.core.vocab import PERSPECTIVE_ROWS
from heard.people.sign_in_guard import code_throttle, too_many_codes_message

from . import queries
from .access import (
    REGISTRATION,
    find_session,
    find_solution,
    find_topic,
    get_event,
    get_session,
    registration_by_code,
    registration_for,
)
from .actions import (
    OpenSpaceError,
    do_add_session_notes,
    do_answer_closing_question,
    do_cast_dot,
    do_join_session,
    do_leave_session,
    do_propose_topic,
    do_sign_up,
    do_toggle_interest,
)
from .forms import (
    ClosingAnswerForm,
    CodeForm,
    DotForm,
    InterestForm,
    JoinOrLeaveForm,
    ProposeTopicForm,
    RegisterForm,
    SessionNotesForm,
)
from .models import TOPIC_MAX_LENGTH, ClosingAnswer, OpenSpaceEvent, Registration, SessionNote

HELP_NOW_KEY = "open_space_help_now"


def _render(request: HttpRequest, event: OpenSpaceEvent, template: str, status: int = 200,
            **context: Any) -> HttpResponse:
    context.setdefault("registration", registration_for(request, event))
    # The level of the risk last written: a concern gets help, immediate risk also an alert.
    level = request.session.pop(HELP_NOW_KEY, "")
    context["help_now"] = level in ("immediate", "concern")
    context["help_now_urgent"] = level == "immediate"
    return render(request, f"open_space/{template}", {
        "event": event, "activity": event.activity, "phase": event.phase, **context},
        status=status)


def _registered(request: HttpRequest, event: OpenSpaceEvent) -> Registration | None:
    return registration_for(request, event)


def event_home(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event(slug)
    return _render(request, event, "event.html")


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event(slug)
    if _registered(request, event):
        return redirect("open_space:event", slug=slug)
    if event.phase == OpenSpaceEvent.Phase.CLOSED:
        return _send_to_outcomes(request, event)
    error = ""
    form = RegisterForm(request.POST)
    if request.method == "POST":
        try:
            sign_up = do_sign_up(event, form.perspectives_chosen(), form.value("access_needs"),
                                 form.consents(), request.user)
        except OpenSpaceError as problem:
            error = str(problem)
        else:
            REGISTRATION.remember(request, event, sign_up.registration)
            _help_if_at_risk(request, sign_up.safety_level)
            return _render(request, event, "registered.html", code=sign_up.code,
                           registration=sign_up.registration)
    return _render(request, event, "register.html", error=error, form_data=request.POST,
                   perspective_rows=PERSPECTIVE_ROWS, chosen=form.perspectives_chosen())


def _help_if_at_risk(request: HttpRequest, level: str) -> None:
    """What someone wrote about their access needs was triaged; help if it found risk."""
    if level in ("immediate", "concern"):
        request.session[HELP_NOW_KEY] = level


@require_http_methods(["GET", "POST"])
def come_back(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event(slug)
    error = ""
    throttle = code_throttle()
    if request.method == "POST" and throttle.is_blocked(request):
        return _render(request, event, "come_back.html", error=too_many_codes_message(),
                       status=429)
    if request.method == "POST":
        registration = registration_by_code(event, CodeForm(request.POST).value("code"))
        if registration is None:
            throttle.count_wrong_guess(request)
            error = gettext("We could not find that code for this event. Check it and try again.")
        else:
            REGISTRATION.remember(request, event, registration)
            messages.success(request, gettext("Welcome back."))
            return redirect("open_space:event", slug=slug)
    return _render(request, event, "come_back.html", error=error)


def _send_to_sign_up(request: HttpRequest, event: OpenSpaceEvent) -> HttpResponse:
    """Topics, sessions and notes are people's own words, seen before moderation, so only the
    people taking part see them: anyone else is asked to sign up first."""
    if event.phase == OpenSpaceEvent.Phase.CLOSED:
        return _send_to_outcomes(request, event)
    messages.error(request, gettext("Sign up for the event first. It takes a minute."))
    return redirect("open_space:register", slug=event.slug)


def _send_to_outcomes(request: HttpRequest, event: OpenSpaceEvent) -> HttpResponse:
    """Once the event has finished there is nothing to sign up for: show what it came up with
    instead of a form that can only say no."""
    messages.info(request, gettext("This event has finished. Here is what it came up with."))
    return redirect("open_space:outcomes", slug=event.slug)


def outcomes(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event(slug)
    if event.phase != OpenSpaceEvent.Phase.CLOSED:
        messages.info(request, gettext("The event has not finished yet. What it comes up with "
                                       "will be shown here when it has."))
        return redirect("open_space:event", slug=slug)
    return _render(request, event, "outcomes.html", outcomes=queries.outcomes(event))


@require_http_methods(["GET", "POST"])
def topics(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event(slug)
    registration = _registered(request, event)
    if registration is None:
        return _send_to_sign_up(request, event)
    proposal = ProposeTopicForm(request.POST)
    title = proposal.value("title")
    if request.method == "POST" and proposal.value("step") == "propose":
        try:
            topic = do_propose_topic(event, registration, title, request.user)
        except OpenSpaceError as error:
            # Shown beside the box with what they typed still in it, not lost to a redirect.
            return _topics_page(request, event, registration, title=title,
                                title_error=str(error), status=400)
        _thank(request, topic.contribution, gettext("Thank you. Your topic is on the list."))
        return redirect("open_space:topics", slug=slug)
    if request.method == "POST":
        _interest_step(request, event, registration)
        return redirect("open_space:topics", slug=slug)
    return _topics_page(request, event, registration)


def _topics_page(request: HttpRequest, event: OpenSpaceEvent, registration: Registration,
                 status: int = 200, **context: Any) -> HttpResponse:
    liked = set(registration.interests.values_list("topic_id", flat=True))
    return _render(request, event, "topics.html", status=status,
                   topics=queries.visible_topics(event), liked=liked,
                   registration=registration, topic_max=TOPIC_MAX_LENGTH, **context)


def _interest_step(request: HttpRequest, event: OpenSpaceEvent,
                   registration: Registration) -> None:
    form = InterestForm(request.POST)
    try:
        if form.value("step") != "interest":
            raise OpenSpaceError(gettext("Choose what to do."))
        chosen = find_topic(event, form.value("topic"))
        if chosen is None:
            raise OpenSpaceError(gettext("That topic is not part of this event."))
        liked = do_toggle_interest(chosen, registration, request.user)
        title = chosen.title_for(registration)
        messages.success(request, (gettext("You said you are interested in “%(title)s”.") if liked
                                   else gettext("You are no longer marked as interested in "
                                                "“%(title)s”.")) % {"title": title})
    except OpenSpaceError as error:
        messages.error(request, str(error))


def _most_worrying(contributions: list[Any]) -> Any:
    rank = {"immediate": 2, "concern": 1}
    return max(contributions, key=lambda c: rank.get(c.safety_level, 0))


def _thank(request: HttpRequest, contribution: Any, thanks: str) -> None:
    """Anything that raised a safeguarding concern gets help now, not just thanks."""
    if contribution.safety_level in ("immediate", "concern"):
        request.session[HELP_NOW_KEY] = contribution.safety_level
    messages.success(request, thanks)


@require_http_methods(["GET", "POST"])
def agenda(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event(slug)
    registration = _registered(request, event)
    if registration is None:
        return _send_to_sign_up(request, event)
    if request.method == "POST":
        _agenda_step(request, event, registration)
        return redirect("open_space:agenda", slug=slug)
    return _render(request, event, "agenda.html", rows=queries.agenda(event, registration),
                   rooms=list(event.rooms.all()), registration=registration)


def _agenda_step(request: HttpRequest, event: OpenSpaceEvent, registration: Registration) -> None:
    form = JoinOrLeaveForm(request.POST)
    session = find_session(event, form.value("session"))
    step = form.value("step")
    try:
        if session is None:
            raise OpenSpaceError(gettext("That session is not part of this event."))
        if step not in ("join", "leave"):
            raise OpenSpaceError(gettext("Choose join or leave."))
        if step == "leave":
            do_leave_session(session, registration, request.user)
            messages.success(request, gettext("You have left “%(topic)s”.")
                             % {"topic": session.topic.title_for(registration)})
        else:
            do_join_session(session, registration, request.user)
            messages.success(request, gettext("You are in “%(topic)s”. Open the session to find "
                                              "its meeting link and notes.")
                             % {"topic": session.topic.title_for(registration)})
    except OpenSpaceError as error:
        messages.error(request, str(error))


@require_http_methods(["GET", "POST"])
def session_page(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
    event = get_event(slug)
    session = get_session(event, session_id)
    registration = _registered(request, event)
    if registration is None:
        return _send_to_sign_up(request, event)
    entries = SessionNotesForm(request.POST).entries()
    if request.method == "POST":
        try:
            notes = do_add_session_notes(session, registration, entries, request.user)
        except OpenSpaceError as error:
            messages.error(request, str(error))
        else:
            _thank(request, _most_worrying([n.contribution for n in notes]),
                   gettext("Thank you. Your notes are saved."))
            return redirect("open_space:session", slug=slug, session_id=session.pk)
    is_member = session.memberships.filter(registration=registration).exists()
    shown = list(queries.visible_notes(session.notes.all()))
    return _render(request, event, "session.html", session=session, is_member=is_member,
                   notes_by_field=[(label, [n for n in shown if n.field == code])
                                   for code, label in SessionNote.Field.choices],
                   fields=SessionNote.Field.choices, entries=entries,
                   members=session.memberships.count(), registration=registration)


@require_http_methods(["GET", "POST"])
def vote(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event(slug)
    registration = _registered(request, event)
    if registration is None:
        return _send_to_sign_up(request, event)
    if request.method == "POST":
        note = find_solution(event, DotForm(request.POST).value("solution"))
        try:
            if note is None:
                raise OpenSpaceError(gettext("That solution is not part of this event."))
            do_cast_dot(note, registration, request.user)
            messages.success(request, gettext("Your dot is on that solution."))
        except OpenSpaceError as error:
            messages.error(request, str(error))
        return redirect("open_space:vote", slug=slug)
    dotted = set(registration.votes.values_list("note_id", flat=True))
    solutions = queries.ranked_solutions(event)
    solutions.sort(key=lambda n: n.pk)  # the order they were written, so votes do not snowball
    return _render(request, event, "vote.html", solutions=solutions, dotted=dotted,
                   dots_left=max(event.dots_per_person - len(dotted), 0),
                   registration=registration)


@require_http_methods(["GET", "POST"])
def closing(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event(slug)
    registration = _registered(request, event)
    if registration is None:
        return _send_to_sign_up(request, event)
    text = ClosingAnswerForm(request.POST).value("answer")
    if request.method == "POST":
        try:
            answer = do_answer_closing_question(registration, text, request.user)
        except OpenSpaceError as error:
            messages.error(request, str(error))
        else:
            _thank(request, answer.contribution, gettext("Thank you for your answer."))
            return redirect("open_space:closing", slug=slug)
    answered = ClosingAnswer.objects.filter(registration=registration).exists()
    return _render(request, event, "closing.html", answered=answered, text=text,
                   registration=registration)

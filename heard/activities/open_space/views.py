"""Participant pages. Plain forms and full page loads, so everything works without JavaScript;
refreshing a page shows what others have done since."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST, require_safe

from heard.contributions import help_now
from heard.core.verbs import acted, by_step, by_verb
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
    RegisterForm,
    SessionForm,
    SessionNotesForm,
    TopicTitleForm,
)
from .models import (
    TOPIC_MAX_LENGTH,
    OpenSpaceEvent,
    Registration,
    Session,
    SessionNote,
)

HELP_NOW = help_now.HelpNow("open_space_help_now")


def _render(request: HttpRequest, event: OpenSpaceEvent, template: str, status: int = 200,
            **context: Any) -> HttpResponse:
    context.setdefault("registration", registration_for(request, event))
    # The level of the risk last written: a concern gets help, immediate risk also an alert.
    shown = HELP_NOW.take(request)
    context["help_now"], context["help_now_urgent"] = shown.needed, shown.urgent
    return render(request, f"open_space/{template}", {
        "event": event, "activity": event.activity, "phase": event.phase, **context},
        status=status)


def _registered(request: HttpRequest, event: OpenSpaceEvent) -> Registration | None:
    return registration_for(request, event)


@require_safe
def event_home(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event(slug)
    return _render(request, event, "event.html")


def _refuse_sign_up(request: HttpRequest, event: OpenSpaceEvent) -> HttpResponse | None:
    """Someone already signed up goes to the event; a finished event shows its outcomes."""
    if _registered(request, event):
        return redirect("open_space:event", slug=event.slug)
    if event.phase == OpenSpaceEvent.Phase.CLOSED:
        return _send_to_outcomes(request, event)
    return None


def _sign_up_page(request: HttpRequest, event: OpenSpaceEvent, form: RegisterForm,
                  error: str = "") -> HttpResponse:
    return _render(request, event, "register.html", error=error, form_data=form.data,
                   perspective_rows=PERSPECTIVE_ROWS, chosen=form.perspectives_chosen())


@require_GET
def show_sign_up(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event(slug)
    return _refuse_sign_up(request, event) or _sign_up_page(request, event, RegisterForm())


@require_POST
def sign_up(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event(slug)
    if refused := _refuse_sign_up(request, event):
        return refused
    form = RegisterForm(request.POST)
    try:
        done = do_sign_up(event, form.perspectives_chosen(), form.value("access_needs"),
                          form.consents(), request.user)
    except OpenSpaceError as problem:
        return _sign_up_page(request, event, form, error=str(problem))
    REGISTRATION.remember(request, event, done.registration)
    _help_if_at_risk(request, done.safety_level)
    return _render(request, event, "registered.html", code=done.code,
                   registration=done.registration)


register = by_verb(get=show_sign_up, post=sign_up)


def _help_if_at_risk(request: HttpRequest, level: str) -> None:
    """What someone wrote about their access needs was triaged; help if it found risk."""
    HELP_NOW.remember(request, level)


@require_GET
def show_come_back(request: HttpRequest, slug: str) -> HttpResponse:
    return _render(request, get_event(slug), "come_back.html")


@require_POST
def come_back_with_code(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event(slug)
    throttle = code_throttle()
    if throttle.is_blocked(request):
        return _render(request, event, "come_back.html", error=too_many_codes_message(),
                       status=429)
    registration = registration_by_code(event, CodeForm(request.POST).value("code"))
    if registration is None:
        throttle.count_wrong_guess(request)
        return _render(request, event, "come_back.html", error=gettext(
            "We could not find that code for this event. Check it and try again."))
    REGISTRATION.remember(request, event, registration)
    messages.success(request, gettext("Welcome back."))
    return redirect("open_space:event", slug=slug)


come_back = by_verb(get=show_come_back, post=come_back_with_code)


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


@require_safe
def outcomes(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event(slug)
    if event.phase != OpenSpaceEvent.Phase.CLOSED:
        messages.info(request, gettext("The event has not finished yet. What it comes up with "
                                       "will be shown here when it has."))
        return redirect("open_space:event", slug=slug)
    return _render(request, event, "outcomes.html", outcomes=queries.outcomes(event))


def _taking_part(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Pages for people signed up to the event: the view gets the event and their registration;
    anyone else is asked to sign up first."""

    @wraps(view)
    def page(request: HttpRequest, slug: str, **kwargs: Any) -> HttpResponse:
        event = get_event(slug)
        registration = _registered(request, event)
        if registration is None:
            return _send_to_sign_up(request, event)
        return view(request, event, registration, **kwargs)

    return page


@require_GET
@_taking_part
def show_topics(request: HttpRequest, event: OpenSpaceEvent,
                registration: Registration) -> HttpResponse:
    return _topics_page(request, event, registration)


@require_POST
@_taking_part
def propose_topic(request: HttpRequest, event: OpenSpaceEvent,
                  registration: Registration) -> HttpResponse:
    title = TopicTitleForm(request.POST).value("title")
    try:
        topic = do_propose_topic(event, registration, title, request.user)
    except OpenSpaceError as error:
        # Shown beside the box with what they typed still in it, not lost to a redirect.
        return _topics_page(request, event, registration, title=title,
                            title_error=str(error), status=400)
    _thank(request, topic.contribution.safety_level,
           gettext("Thank you. Your topic is on the list."))
    return redirect("open_space:topics", slug=event.slug)


@require_POST
@_taking_part
def toggle_interest(request: HttpRequest, event: OpenSpaceEvent,
                    registration: Registration) -> HttpResponse:
    chosen = find_topic(event, InterestForm(request.POST).value("topic"))
    if chosen is None:
        messages.error(request, gettext("That topic is not part of this event."))
        return redirect("open_space:topics", slug=event.slug)

    def toggle() -> str:
        liked = do_toggle_interest(chosen, registration, request.user)
        return ((gettext("You said you are interested in “%(title)s”.") if liked
                 else gettext("You are no longer marked as interested in “%(title)s”."))
                % {"title": chosen.title_for(registration)})

    acted(request, toggle, OpenSpaceError)
    return redirect("open_space:topics", slug=event.slug)


def _choose_what_to_do(page: str) -> Callable[..., HttpResponse]:
    """A post whose button this page does not have: say so, change nothing."""

    @require_POST
    def refuse(request: HttpRequest, slug: str, **kwargs: Any) -> HttpResponse:
        messages.error(request, gettext("Choose what to do."))
        return redirect(page, slug=slug, **kwargs)

    return refuse


topics = by_verb(get=show_topics, post=by_step(
    {"propose": propose_topic, "interest": toggle_interest},
    unknown=_choose_what_to_do("open_space:topics")))


def _topics_page(request: HttpRequest, event: OpenSpaceEvent, registration: Registration,
                 status: int = 200, **context: Any) -> HttpResponse:
    liked = queries.topics_liked_by(registration)
    return _render(request, event, "topics.html", status=status,
                   topics=queries.visible_topics(event), liked=liked,
                   registration=registration, topic_max=TOPIC_MAX_LENGTH, **context)


def _thank(request: HttpRequest, level: str, thanks: str) -> None:
    """Anything that raised a safeguarding concern gets help now, not just thanks."""
    HELP_NOW.remember(request, level)
    messages.success(request, thanks)


@require_GET
@_taking_part
def show_agenda(request: HttpRequest, event: OpenSpaceEvent,
                registration: Registration) -> HttpResponse:
    return _render(request, event, "agenda.html", rows=queries.agenda(event, registration),
                   rooms=list(event.rooms.all()), registration=registration)


Found = TypeVar("Found")


def _of_this_event(found: Found | None, missing: str) -> Found:
    """The session or solution a button named, or the refusal that it is not in this event."""
    if found is None:
        raise OpenSpaceError(missing)
    return found


def _join_or_leave(joining: bool) -> Callable[..., HttpResponse]:
    """The agenda's join and leave buttons: the same checks, then the one action or the other."""

    @require_POST
    @_taking_part
    def view(request: HttpRequest, event: OpenSpaceEvent,
             registration: Registration) -> HttpResponse:
        def act() -> str:
            session = _of_this_event(
                find_session(event, SessionForm(request.POST).value("session")),
                gettext("That session is not part of this event."))
            (do_join_session if joining else do_leave_session)(
                session, registration, request.user)
            topic = {"topic": session.topic.title_for(registration)}
            return (gettext("You are in “%(topic)s”. Open the session to find its meeting link "
                            "and notes.") % topic
                    if joining else gettext("You have left “%(topic)s”.") % topic)

        acted(request, act, OpenSpaceError)
        return redirect("open_space:agenda", slug=event.slug)

    return view


join_session, leave_session = _join_or_leave(True), _join_or_leave(False)


@require_POST
def _choose_join_or_leave(request: HttpRequest, slug: str) -> HttpResponse:
    messages.error(request, gettext("Choose join or leave."))
    return redirect("open_space:agenda", slug=slug)


agenda = by_verb(get=show_agenda, post=by_step(
    {"join": join_session, "leave": leave_session}, unknown=_choose_join_or_leave))


def _session_or_sign_up(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A session page: the session must be part of the event (404 if not), and the person
    signed up to it."""

    @wraps(view)
    def page(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
        event = get_event(slug)
        session = get_session(event, session_id)
        registration = _registered(request, event)
        if registration is None:
            return _send_to_sign_up(request, event)
        return view(request, event, session, registration)

    return page


def _session_page(request: HttpRequest, event: OpenSpaceEvent, session: Session,
                  registration: Registration, entries: dict[str, str]) -> HttpResponse:
    room = queries.session_room(session, registration)
    return _render(request, event, "session.html", session=session, is_member=room.is_member,
                   notes_by_field=[(label, [n for n in room.notes if n.field == code])
                                   for code, label in SessionNote.Field.choices],
                   fields=SessionNote.Field.choices, entries=entries,
                   members=room.members, registration=registration)


@require_GET
@_session_or_sign_up
def show_session(request: HttpRequest, event: OpenSpaceEvent, session: Session,
                 registration: Registration) -> HttpResponse:
    return _session_page(request, event, session, registration,
                         SessionNotesForm().entries())


@require_POST
@_session_or_sign_up
def add_session_notes(request: HttpRequest, event: OpenSpaceEvent, session: Session,
                      registration: Registration) -> HttpResponse:
    entries = SessionNotesForm(request.POST).entries()
    try:
        notes = do_add_session_notes(session, registration, entries, request.user)
    except OpenSpaceError as error:
        messages.error(request, str(error))
        return _session_page(request, event, session, registration, entries)
    _thank(request, help_now.most_worrying(n.contribution.safety_level for n in notes),
           gettext("Thank you. Your notes are saved."))
    return redirect("open_space:session", slug=event.slug, session_id=session.pk)


session_page = by_verb(get=show_session, post=add_session_notes)


@require_GET
@_taking_part
def show_vote(request: HttpRequest, event: OpenSpaceEvent,
              registration: Registration) -> HttpResponse:
    dotted = queries.solutions_dotted_by(registration)
    solutions = queries.ranked_solutions(event)
    solutions.sort(key=lambda n: n.pk)  # the order they were written, so votes do not snowball
    return _render(request, event, "vote.html", solutions=solutions, dotted=dotted,
                   dots_left=max(event.dots_per_person - len(dotted), 0),
                   registration=registration)


@require_POST
@_taking_part
def cast_dot(request: HttpRequest, event: OpenSpaceEvent,
             registration: Registration) -> HttpResponse:
    def act() -> str:
        note = _of_this_event(find_solution(event, DotForm(request.POST).value("solution")),
                              gettext("That solution is not part of this event."))
        do_cast_dot(note, registration, request.user)
        return gettext("Your dot is on that solution.")

    acted(request, act, OpenSpaceError)
    return redirect("open_space:vote", slug=event.slug)


vote = by_verb(get=show_vote, post=cast_dot)


def _closing_page(request: HttpRequest, event: OpenSpaceEvent, registration: Registration,
                  text: str) -> HttpResponse:
    answered = queries.has_answered_closing(registration)
    return _render(request, event, "closing.html", answered=answered, text=text,
                   registration=registration)


@require_GET
@_taking_part
def show_closing(request: HttpRequest, event: OpenSpaceEvent,
                 registration: Registration) -> HttpResponse:
    return _closing_page(request, event, registration, "")


@require_POST
@_taking_part
def answer_closing(request: HttpRequest, event: OpenSpaceEvent,
                   registration: Registration) -> HttpResponse:
    text = ClosingAnswerForm(request.POST).value("answer")
    try:
        answer = do_answer_closing_question(registration, text, request.user)
    except OpenSpaceError as error:
        messages.error(request, str(error))
        return _closing_page(request, event, registration, text)
    _thank(request, answer.contribution.safety_level, gettext("Thank you for your answer."))
    return redirect("open_space:closing", slug=event.slug)


closing = by_verb(get=show_closing, post=answer_closing)

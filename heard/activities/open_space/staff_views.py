"""Facilitators' pages: set up an event, build the agenda, run the phases, read the report."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from heard.audit.log import record
from heard.core.numbers import whole_number
from heard.core.posted import TypedForm
from heard.core.verbs import Buttons, by_verb
from heard.core.vocab import GROUP_LABELS, PERSPECTIVE_LABELS
from heard.date_input import parse_date_parts
from heard.people.roles import facilitator_page, signed_in

from . import queries
from .access import (
    find_room,
    find_session,
    find_slot,
    find_topic,
    get_event,
    registrations_of,
)
from .actions import (
    OpenSpaceError,
    do_add_room,
    do_add_time_slot,
    do_advance_phase,
    do_apply_allocation,
    do_create_event,
    do_propose_topic,
    do_schedule_session,
    do_set_event_welsh,
    do_set_session_open,
)
from .forms import (
    ApplyAllocationForm,
    EventForm,
    ProposeForm,
    RoomForm,
    ScheduleForm,
    SessionForm,
    TimeSlotForm,
    TopicTitleForm,
    WelshWordingForm,
)
from .models import MAX_DOTS_PER_PERSON, OpenSpaceEvent, Session


def _count(raw: str) -> int:
    """A typed count (dots, places); 0, which the actions refuse with their own message, when
    it is not a whole number."""
    return whole_number(raw) or 0


def _when(day: date, raw: str) -> datetime:
    try:
        clock = time.fromisoformat(raw.strip())
    except ValueError:
        raise OpenSpaceError("Enter times like 10:30.") from None
    return timezone.make_aware(datetime.combine(day, clock))


def _day(form: EventForm) -> date:
    """The event's date from the three GOV.UK date boxes."""
    try:
        return parse_date_parts(*(part.strip() for part in form.date_parts()),
                                subject="The date of the event")
    except ValidationError as error:
        raise OpenSpaceError(" ".join(error.messages)) from None


def _events_page(request: HttpRequest, form: EventForm, error: str = "") -> HttpResponse:
    listing = OpenSpaceEvent.objects.select_related("activity").order_by("-starts_at")
    return render(request, "staff/open_space/events.html", {
        "events": listing, "error": error, "form_data": form.data,
        "date_typed": form.date_parts(), "max_dots": MAX_DOTS_PER_PERSON})


@facilitator_page
@require_GET
def show_events(request: HttpRequest) -> HttpResponse:
    return _events_page(request, EventForm())


@facilitator_page
@require_POST
def create_event(request: HttpRequest) -> HttpResponse:
    form = EventForm(request.POST)
    try:
        day = _day(form)
        event = do_create_event(
            form.value("title"), form.value("opening_question"),
            form.value("closing_question"), _when(day, form.value("starts")),
            _when(day, form.value("ends")), signed_in(request),
            dots_per_person=_count(form.value("dots") or "3"))
    except OpenSpaceError as problem:
        return _events_page(request, form, error=str(problem))
    return redirect("open_space_staff:manage", slug=event.slug)


events = by_verb(get=show_events, post=create_event)


@facilitator_page
@require_GET
def show_manage(request: HttpRequest, slug: str) -> HttpResponse:
    return _manage_page(request, get_event(slug))


def _manage_page(request: HttpRequest, event: OpenSpaceEvent) -> HttpResponse:
    record(request.user, "open_space.viewed", event)
    proposals = _proposals(request, event)
    # After an error the forms show what was typed, not empty boxes.
    typed = TypedForm(request.POST).typed()
    return render(request, "staff/open_space/manage.html", {
        "typed": typed, "typed_step": typed.get("step", ""),
        "event": event, "activity": event.activity,
        "rows": queries.agenda(event), "rooms": event.rooms.all(), "slots": event.slots.all(),
        "topics": queries.visible_topics(event),
        "registrations": registrations_of(event),
        "by_perspective": [(PERSPECTIVE_LABELS[code], n) for code, n in
                           queries.registrations_by_perspective(event.activity).items()],
        "group_labels": GROUP_LABELS, "modes": Session.Mode.choices, "proposals": proposals,
        "next_phase": _phase_label(event.next_phase())})


def _phase_label(phase: str | None) -> str:
    return str(dict(OpenSpaceEvent.Phase.choices).get(phase or "", ""))


def _proposals(request: HttpRequest, event: OpenSpaceEvent) -> list[dict[str, object]]:
    """The allocation helper's proposal for the slot asked for in ?propose=, shown for review."""
    slot = find_slot(event, ProposeForm(request.GET).value("propose"))
    if slot is None:
        return []
    result = queries.allocation_for_slot(slot)
    sessions = {s.pk: s for s in slot.sessions.select_related("topic", "room")}
    rows = [{"slot": slot, "session": sessions[sid],
             "people": [pid for pid, where in result.placed.items() if where == sid]}
            for sid in sessions]
    return [{"slot": slot, "rows": rows, "unplaced": result.unplaced,
             "placed": result.placed}]


Step = Callable[[HttpRequest, OpenSpaceEvent], str]


def _advance(request: HttpRequest, event: OpenSpaceEvent) -> str:
    event = do_advance_phase(event, signed_in(request))
    return f"The event is now at: {event.get_phase_display().lower()}."


def _room(request: HttpRequest, event: OpenSpaceEvent) -> str:
    form = RoomForm(request.POST)
    room = do_add_room(event, form.value("name"), form.value("link"), signed_in(request))
    return f"Room “{room.name}” added."


def _welsh(request: HttpRequest, event: OpenSpaceEvent) -> str:
    form = WelshWordingForm(request.POST)
    room_ids = list(event.rooms.values_list("pk", flat=True))
    do_set_event_welsh(event, form.value("opening_question_cy"),
                       form.value("closing_question_cy"), form.room_names(room_ids),
                       signed_in(request))
    return "Welsh wording saved."


def _slot(request: HttpRequest, event: OpenSpaceEvent) -> str:
    day = timezone.localtime(event.starts_at).date()
    form = TimeSlotForm(request.POST)
    slot = do_add_time_slot(event, _when(day, form.value("starts")),
                            _when(day, form.value("ends")), signed_in(request))
    return f"Time slot {slot} added."


def _topic(request: HttpRequest, event: OpenSpaceEvent) -> str:
    title = TopicTitleForm(request.POST).value("title")
    topic = do_propose_topic(event, None, title, signed_in(request))
    return f"Topic “{topic.title}” added."


def _schedule(request: HttpRequest, event: OpenSpaceEvent) -> str:
    form = ScheduleForm(request.POST)
    topic = find_topic(event, form.value("topic"))
    room = find_room(event, form.value("room"))
    slot = find_slot(event, form.value("slot"))
    if topic is None or room is None or slot is None:
        raise OpenSpaceError("Choose a topic, a room and a time slot.")
    session = do_schedule_session(topic, room, slot, form.value("mode"),
                                  form.value("shared_group"), _count(form.value("capacity")),
                                  signed_in(request))
    return f"“{topic.title}” is in {session.room.name} at {slot}."


def _open_or_close(request: HttpRequest, event: OpenSpaceEvent) -> str:
    form = SessionForm(request.POST)
    session = find_session(event, form.value("session"))
    if session is None:
        raise OpenSpaceError("That session is not part of this event.")
    is_open = form.value("step") == "open_session"
    do_set_session_open(session, is_open, signed_in(request))
    return f"“{session.topic.title}” is {'open' if is_open else 'closed'} now."


def _apply(request: HttpRequest, event: OpenSpaceEvent) -> str:
    slot = find_slot(event, ApplyAllocationForm(request.POST).value("slot"))
    if slot is None:
        raise OpenSpaceError("Choose a time slot.")
    result = queries.allocation_for_slot(slot)
    placed = do_apply_allocation(slot, result.placed, signed_in(request))
    return f"Placed {placed} {'person' if placed == 1 else 'people'} in sessions at {slot}."


STEPS: dict[str, Step] = {
    "advance": _advance, "room": _room, "welsh": _welsh, "slot": _slot, "topic": _topic,
    "schedule": _schedule, "open_session": _open_or_close, "close_session": _open_or_close,
    "apply": _apply}

_buttons = Buttons(guard=facilitator_page, load=get_event, page=_manage_page,
                   back="open_space_staff:manage", refused=OpenSpaceError)
manage = by_verb(get=show_manage,
                 post=_buttons.post({name: _buttons.step(step) for name, step in STEPS.items()}))


@facilitator_page
@require_GET
def report(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event(slug)
    record(request.user, "open_space.report_viewed", event)
    return render(request, "staff/open_space/report.html", {
        "event": event, "activity": event.activity,
        "sessions": queries.report_sessions(event),
        "solutions": queries.ranked_solutions(event),
        "modes": queries.compare_modes(event),
        "closing_answers": registrations_of(event).filter(closing_answer__isnull=False).count(),
        "registrations": registrations_of(event).count()})

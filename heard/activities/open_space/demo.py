"""A finished demo Open Space event, written through the same actions as real use, so its notes
pass safety checks and wait in the moderation queue like any other contribution."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from heard.activities.models import Activity

from .actions import (
    do_add_room,
    do_add_session_notes,
    do_add_time_slot,
    do_advance_phase,
    do_answer_closing_question,
    do_apply_allocation,
    do_cast_dot,
    do_create_event,
    do_propose_topic,
    do_register,
    do_schedule_session,
    do_toggle_interest,
)
from .models import OpenSpaceEvent, Registration, Session, SessionNote
from .queries import allocation_for_slot

DEMO_TITLE = "Open Space: leaving care well"
ALL_CONSENTS = {"analysis": True, "quote": True, "publish": True}
# Who came, the sessions they held with the notes each wrote, and the closing answers: words a
# writer can review and change without reading Python.
DEMO = json.loads(Path(__file__).with_name("demo_event.json").read_text(encoding="utf-8"))


def load_open_space_demo() -> str:
    if Activity.objects.filter(kind=Activity.Kind.OPEN_SPACE, title=DEMO_TITLE).exists():
        return "The demo Open Space event is already loaded."
    facilitator = User.objects.filter(username="facilitator").first()
    slug = _load(facilitator)
    return f"Loaded a finished demo Open Space event at /events/{slug}/."


@transaction.atomic
def _load(facilitator: User | None) -> str:
    day = timezone.localdate() - timedelta(days=14)
    event = do_create_event(
        DEMO_TITLE, "What would make leaving care go well?",
        "What is one thing that should change first?", _at(day, 10), _at(day, 13), facilitator)
    people = [do_register(event, p["perspectives"], "", ALL_CONSENTS, None)[0]
              for p in DEMO["people"]]
    topics = [do_propose_topic(event, people[i % len(people)], row["topic"], None)
              for i, row in enumerate(DEMO["sessions"])]
    for person, row in zip(people, DEMO["people"], strict=True):
        for index in row["interested_in"]:
            if not topics[index].interests.filter(registration=person).exists():
                do_toggle_interest(topics[index], person, None)
    rooms = [do_add_room(event, name, f"https://meet.example.org/demo-{n}", facilitator)
             for n, name in enumerate(("Oak room", "Ash room", "Elm room"))]
    slots = [do_add_time_slot(event, _at(day, 10, 30), _at(day, 11, 15), facilitator),
             do_add_time_slot(event, _at(day, 11, 30), _at(day, 12, 15), facilitator)]
    sessions = [do_schedule_session(topics[i], rooms[row["room"]], slots[row["slot"]], row["mode"],
                                    row["shared_group"], 6, facilitator)
                for i, row in enumerate(DEMO["sessions"])]
    event = do_advance_phase(event, facilitator)  # sessions running
    for slot in slots:
        do_apply_allocation(slot, allocation_for_slot(slot).placed, facilitator)
    for session, row in zip(sessions, DEMO["sessions"], strict=True):
        _write_notes(session, row["notes"])
    event = do_advance_phase(event, facilitator)  # dot-voting
    _vote(event, people)
    event = do_advance_phase(event, facilitator)  # closing round
    answers = DEMO["closing_answers"]
    for n, person in enumerate(people):
        do_answer_closing_question(person, answers[n % len(answers)], None)
    do_advance_phase(event, facilitator)  # finished
    return event.slug



def _write_notes(session: Session, notes: dict[str, str]) -> None:
    writer = Registration.objects.filter(memberships__session=session).first()
    if writer is None:
        return
    # Every note field, in the form's order; a missing or misspelt one fails here, not quietly.
    entries = {field: notes[field] for field in SessionNote.Field.values}
    do_add_session_notes(session, writer, entries, None)


def _vote(event: OpenSpaceEvent, people: list[Registration]) -> None:
    """Spread everyone's dots over the solutions in a fixed pattern, so the ranking is the same
    each time the demo loads."""
    solutions = list(SessionNote.objects.filter(session__topic__event=event,
                                                field=SessionNote.Field.SOLUTION)
                     .order_by("id"))
    for n, person in enumerate(people):
        wanted = [solutions[(n + step * 2) % len(solutions)] for step in range(6)]
        for note in list(dict.fromkeys(wanted))[:event.dots_per_person]:
            do_cast_dot(note, person, None)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))

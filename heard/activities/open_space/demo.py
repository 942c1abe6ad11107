"""A finished demo Open Space event, written through the same actions as real use, so its notes
pass safety checks and wait in the moderation queue like any other contribution."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

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
# (perspectives, indexes of topics they are interested in)
DEMO_PEOPLE: tuple[tuple[tuple[str, ...], tuple[int, ...]], ...] = (
    (("care_leaver",), (0, 1)), (("care_leaver",), (1, 3)), (("child_in_care",), (0, 4)),
    (("care_leaver",), (3, 5)), (("adopted",), (4, 2)), (("parent_father",), (2, 5)),
    (("parent_mother",), (2, 0)), (("kinship_carer",), (5, 2)), (("foster_carer",), (0, 3)),
    (("social_worker",), (1, 4)), (("social_worker",), (3, 2)), (("professional_iro",), (5, 1)),
    (("care_leaver", "social_worker"), (4, 1)), (("professional_education",), (0, 5)),
)
# (topic, room, slot, mode, shared group, notes: problem, help, solution, who should act)
DEMO_SESSIONS: tuple[tuple[str, int, int, str, str, tuple[str, str, str, str]], ...] = (
    ("Keeping the same worker", 0, 0, "mixed", "", (
        "Young people get a new worker every few months and have to tell their story again.",
        "One person who stays, even when the social worker changes.",
        "Give every young person a named trusted adult who stays until they are 25.",
        "Heads of service, when they plan caseloads.")),
    ("Money when you leave care", 1, 0, "shared", "care_experienced", (
        "Care leavers run out of money in the first month of their own flat.",
        "Clear information about grants before moving, in plain words.",
        "A leaving care money guide written with care leavers, given at 16.",
        "The leaving care team, with care leavers checking it.")),
    ("Dads in meetings", 2, 0, "mixed", "", (
        "Fathers are not invited to reviews, or hear about them too late.",
        "Invitations sent to both parents by default.",
        "Change the review invitation letter so both parents are always asked.",
        "Independent reviewing officers and business support.")),
    ("Being heard at review meetings", 0, 1, "mixed", "", (
        "Reviews are full of adults talking about you, not to you.",
        "Young people choosing where the meeting is and who comes.",
        "Let every young person chair part of their own review if they want to.",
        "Independent reviewing officers.")),
    ("Brothers and sisters", 1, 1, "mixed", "", (
        "Siblings are placed apart and lose touch.",
        "Regular, planned time together that does not get cancelled.",
        "A promise that sibling contact is never cancelled for staff reasons.",
        "Placement team managers.")),
    ("What professionals find hard", 2, 1, "shared", "professional", (
        "Workers have too many cases to build real relationships.",
        "Protected time for direct work with children.",
        "Cap caseloads so every worker has one afternoon a week for direct work.",
        "Director of children's services.")),
)


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
    people = [do_register(event, list(p), "", ALL_CONSENTS, None)[0] for p, _ in DEMO_PEOPLE]
    topics = [do_propose_topic(event, people[i % len(people)], row[0], None)
              for i, row in enumerate(DEMO_SESSIONS)]
    for person, (_, wanted) in zip(people, DEMO_PEOPLE, strict=True):
        for index in wanted:
            if not topics[index].interests.filter(registration=person).exists():
                do_toggle_interest(topics[index], person, None)
    rooms = [do_add_room(event, name, f"https://meet.example.org/demo-{n}", facilitator)
             for n, name in enumerate(("Oak room", "Ash room", "Elm room"))]
    slots = [do_add_time_slot(event, _at(day, 10, 30), _at(day, 11, 15), facilitator),
             do_add_time_slot(event, _at(day, 11, 30), _at(day, 12, 15), facilitator)]
    sessions = [do_schedule_session(topics[i], rooms[room], slots[slot], mode, group, 6,
                                    facilitator)
                for i, (_, room, slot, mode, group, _notes) in enumerate(DEMO_SESSIONS)]
    event = do_advance_phase(event, facilitator)  # sessions running
    for slot in slots:
        do_apply_allocation(slot, allocation_for_slot(slot).placed, facilitator)
    for session, row in zip(sessions, DEMO_SESSIONS, strict=True):
        _write_notes(session, row[5])
    event = do_advance_phase(event, facilitator)  # dot-voting
    _vote(event, people)
    event = do_advance_phase(event, facilitator)  # closing round
    for n, person in enumerate(people):
        do_answer_closing_question(person, CLOSING_ANSWERS[n % len(CLOSING_ANSWERS)], None)
    do_advance_phase(event, facilitator)  # finished
    return event.slug


CLOSING_ANSWERS = (
    "Keep the same trusted adult.", "Ask dads as well as mums.",
    "Give care leavers money advice early.", "Let young people run their reviews.",
    "Stop cancelling time with brothers and sisters.", "Give workers time to listen.",
)


def _write_notes(session: Session, texts: tuple[str, str, str, str]) -> None:
    writer = Registration.objects.filter(memberships__session=session).first()
    if writer is None:
        return
    entries = dict(zip(SessionNote.Field.values, texts, strict=True))
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

"""Read-only views of an Open Space event: the agenda grid, the event report, counts for the
facilitator dashboard, and the allocation helper's input."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet

from heard.activities.models import Activity, KeyMessage
from heard.activities.registry import published_answers
from heard.analysis.allocation import Allocation, Person, SessionSpec, propose_allocation
from heard.contributions.models import OPEN_FLAG_STATUSES, Contribution
from heard.core.vocab import GROUP_LABELS, PERSPECTIVES
from heard.safety.shown_text import words_for_others

from .models import (
    ClosingAnswer,
    OpenSpaceEvent,
    Registration,
    Room,
    Session,
    SessionNote,
    TimeSlot,
    Topic,
)


def registrations_by_perspective(activity: Activity) -> dict[str, int]:
    """How many registered people hold each perspective (a person may hold several), in the
    order of the perspective list. Perspectives no one holds are left out."""
    counts: Counter[str] = Counter()
    for perspectives in Registration.objects.filter(event__activity=activity).values_list(
            "perspectives", flat=True):
        counts.update(set(perspectives))
    return {code: counts[code] for code in PERSPECTIVES if counts[code]}


def visible_notes(notes: QuerySet[SessionNote]) -> QuerySet[SessionNote]:
    """Notes shown back to the group and in the report: not withdrawn, erased or rejected, and
    never while a safeguarding flag is open, because a disclosure is for the safeguarding lead,
    not for a room of people."""
    return (notes.exclude(contribution__status__in=(*Contribution.GONE_STATUSES,
                                                    Contribution.Status.REJECTED))
            .exclude(contribution__safeguarding_flags__status__in=OPEN_FLAG_STATUSES)
            .select_related("contribution", "session__topic").distinct())


def visible_topics(event: OpenSpaceEvent) -> QuerySet[Topic]:
    """Topics in the marketplace, held back on the same terms as notes."""
    return (event.topics.exclude(contribution__status__in=(*Contribution.GONE_STATUSES,
                                                           Contribution.Status.REJECTED))
            .exclude(contribution__safeguarding_flags__status__in=OPEN_FLAG_STATUSES)
            .annotate(interested=Count("interests", distinct=True)).distinct())


@dataclass
class Cell:
    room: Room
    session: Session | None
    members: int = 0
    mine: bool = False

    @property
    def places_left(self) -> int:
        return max(self.session.capacity - self.members, 0) if self.session else 0


@dataclass
class AgendaRow:
    slot: TimeSlot
    cells: list[Cell] = field(default_factory=list)


def agenda(event: OpenSpaceEvent, registration: Registration | None = None) -> list[AgendaRow]:
    """Time slots down, rooms across, as on the wall at a real Open Space."""
    rooms = list(event.rooms.all())
    sessions = {(s.slot_id, s.room_id): s for s in Session.objects.filter(topic__event=event)
                .select_related("topic").annotate(member_count=Count("memberships"))}
    mine = set(registration.memberships.values_list("session_id", flat=True)) \
        if registration else set()
    rows = []
    for slot in event.slots.all():
        row = AgendaRow(slot)
        for room in rooms:
            session = sessions.get((slot.pk, room.pk))
            row.cells.append(Cell(room, session,
                                  getattr(session, "member_count", 0),
                                  session is not None and session.pk in mine))
        rows.append(row)
    return rows


def ranked_solutions(event: OpenSpaceEvent) -> list[SessionNote]:
    notes = visible_notes(SessionNote.objects.filter(session__topic__event=event,
                                                     field=SessionNote.Field.SOLUTION))
    return list(notes.annotate(dots=Count("votes", distinct=True))
                .select_related("session__room", "session__slot").order_by("-dots", "id"))


def mode_key(session: Session) -> str:
    if session.mode == Session.Mode.SHARED:
        return f"Shared experience: {GROUP_LABELS.get(session.shared_group, '').lower()} only"
    return "Mixed sessions"


@dataclass
class ModeSummary:
    label: str
    sessions: int = 0
    notes: int = 0
    solutions: int = 0
    dots: int = 0
    dots_from: Counter[str] = field(default_factory=Counter)
    top_solution: str = ""

    @property
    def dots_per_solution(self) -> str:
        return f"{self.dots / self.solutions:.1f}" if self.solutions else "none"

    @property
    def dots_from_text(self) -> str:
        return "; ".join(f"{GROUP_LABELS.get(g, 'Did not say')}: {n}"
                         for g, n in sorted(self.dots_from.items())) or "none"


def compare_modes(event: OpenSpaceEvent) -> list[ModeSummary]:
    """How results differ between mixed and shared-experience sessions."""
    summaries: dict[str, ModeSummary] = {}
    for session in Session.objects.filter(topic__event=event).select_related("topic"):
        summaries.setdefault(mode_key(session), ModeSummary(mode_key(session))).sessions += 1
    for note in visible_notes(SessionNote.objects.filter(session__topic__event=event)):
        summaries[mode_key(note.session)].notes += 1
    for solution in ranked_solutions(event):
        summary = summaries[mode_key(solution.session)]
        summary.solutions += 1
        summary.dots += solution.dots  # type: ignore[attr-defined]
        if not summary.top_solution and solution.dots:  # type: ignore[attr-defined]
            summary.top_solution = words_for_others(solution.contribution)
        for voter in Registration.objects.filter(votes__note=solution):
            summary.dots_from.update(sorted(voter.groups() - {"dual"}) or ["not_said"])
    return sorted(summaries.values(), key=lambda s: (s.label != "Mixed sessions", s.label))


def allocation_for_slot(slot: TimeSlot) -> Allocation:
    """Run the allocation helper for one time slot. Preferences come from the topics people said
    they were interested in, oldest interest first."""
    sessions = list(slot.sessions.select_related("topic"))
    by_topic: dict[int, list[int]] = {}
    for session in sessions:
        by_topic.setdefault(session.topic_id, []).append(session.pk)
    specs = [SessionSpec(s.pk, s.capacity if s.is_open else 0,
                         s.shared_group if s.mode == Session.Mode.SHARED else "")
             for s in sessions]
    people = []
    for registration in Registration.objects.filter(event_id=slot.event_id).prefetch_related(
            "interests"):
        wanted = [sid for interest in registration.interests.all()
                  for sid in by_topic.get(interest.topic_id, [])]
        people.append(Person(registration.pk, frozenset(registration.groups()),
                             tuple(dict.fromkeys(wanted))))
    return propose_allocation(people, specs)


@dataclass
class Outcomes:
    """What a finished event came up with, as anyone may see it: only words that were
    published (consent, moderation and a closed safeguarding question), and how many others
    there were, so the page never pretends there was nothing."""

    topics: list[tuple[str, int]]  # published words, people who wanted to go
    topics_not_shown: int
    ranking: list[tuple[str, int]]  # published idea, dots it got; most dots first
    ideas_not_shown: int
    key_messages: list[KeyMessage]
    reflections: list[KeyMessage]
    responses: Sequence[Any]  # the published "you said, we did" answers to the event


def outcomes(event: OpenSpaceEvent) -> Outcomes:
    topics = list(visible_topics(event).select_related("contribution").order_by(
        "-interested", "id"))
    solutions = ranked_solutions(event)
    published = set(Contribution.objects.published().filter(
        pk__in=[t.contribution_id for t in topics] + [s.contribution_id for s in solutions]
    ).values_list("pk", flat=True))
    shown_topics = [(t.contribution.public_text, t.interested)  # type: ignore[attr-defined]
                    for t in topics if t.contribution_id in published]
    ranking = [(s.contribution.public_text, s.dots)  # type: ignore[attr-defined]
               for s in solutions if s.contribution_id in published]
    messages = list(event.activity.key_messages.filter(published=True))
    return Outcomes(
        topics=shown_topics, topics_not_shown=len(topics) - len(shown_topics),
        ranking=ranking, ideas_not_shown=len(solutions) - len(ranking),
        key_messages=[m for m in messages if m.kind == KeyMessage.Kind.KEY_MESSAGE],
        reflections=[m for m in messages if m.kind == KeyMessage.Kind.REFLECTION],
        responses=published_answers(event.activity))


# What one registered person has done, for their own pages: the topics they said they would
# join, the solutions they gave a dot to, whether they answered the closing question.

def topics_liked_by(registration: Registration) -> set[int]:
    return set(registration.interests.values_list("topic_id", flat=True))


def solutions_dotted_by(registration: Registration) -> set[int]:
    return set(registration.votes.values_list("note_id", flat=True))


def has_answered_closing(registration: Registration) -> bool:
    return ClosingAnswer.objects.filter(registration=registration).exists()


@dataclass(frozen=True)
class SessionRoom:
    """A session's page as one participant sees it: the notes the group may see, whether this
    person has a place, and how many places are taken."""

    notes: list[SessionNote]
    is_member: bool
    members: int


def session_room(session: Session, registration: Registration) -> SessionRoom:
    return SessionRoom(notes=list(visible_notes(session.notes.all())),
                       is_member=session.memberships.filter(registration=registration).exists(),
                       members=session.memberships.count())


@dataclass(frozen=True)
class ReportSession:
    """One session in the facilitator's report: who was in the room (a count), and the notes
    shown, under each heading of the notes template."""

    session: Session
    mode: str
    members: int
    fields: list[tuple[str, list[SessionNote]]]


def report_sessions(event: OpenSpaceEvent) -> list[ReportSession]:
    sessions = (Session.objects.filter(topic__event=event).annotate(
        member_count=Count("memberships", distinct=True))
        .select_related("topic", "room", "slot").order_by("slot__starts_at", "room_id"))
    notes = list(visible_notes(SessionNote.objects.filter(session__topic__event=event)))
    return [ReportSession(s, mode_key(s), s.member_count,
                          [(str(label), [n for n in notes if n.session_id == s.pk
                                         and n.field == code])
                           for code, label in SessionNote.Field.choices])
            for s in sessions]

"""Every write to an Open Space event. Each runs in one transaction and writes its audit row.

Words people write (topics, session notes, closing answers) become contributions through
`do_submit_contribution`, so they are triaged for risk, checked for personal data and queued for
moderation like anything else shared in Heard. Audit rows never hold those words.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlparse

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from heard.activities.actions import unique_slug
from heard.activities.models import Activity
from heard.audit.log import record
from heard.contributions.actions import (
    ContributionError,
    NewContribution,
    do_screen_participant_text,
    do_submit_contribution,
)
from heard.contributions.models import Contribution
from heard.core.limits import NOTE_MAX_LENGTH, refuse_long
from heard.core.model_parts import longest
from heard.core.vocab import GROUP_LABELS, PERSPECTIVES
from heard.people.models import Receipt, hash_receipt_code, new_receipt_code

from .models import (
    ACCESS_NEEDS_MAX_LENGTH,
    MAX_DOTS_PER_PERSON,
    TOPIC_MAX_LENGTH,
    ClosingAnswer,
    OpenSpaceEvent,
    Registration,
    Room,
    Session,
    SessionMembership,
    SessionNote,
    SolutionVote,
    TimeSlot,
    Topic,
    TopicInterest,
)

Actor = AbstractBaseUser | AnonymousUser | None
Phase = OpenSpaceEvent.Phase
# Topics may be proposed before the event and while sessions run, as Open Space intends.
TOPIC_PHASES = (Phase.MARKETPLACE, Phase.SESSIONS)
JOIN_PHASES = (Phase.MARKETPLACE, Phase.SESSIONS)
NOTE_KINDS: dict[str, str] = {
    SessionNote.Field.PROBLEM: Contribution.Kind.PROBLEM,
    SessionNote.Field.HELP: Contribution.Kind.IDEA,
    SessionNote.Field.SOLUTION: Contribution.Kind.IDEA,
    SessionNote.Field.WHO_ACTS: Contribution.Kind.IDEA,
}


class OpenSpaceError(ValueError):
    """A request that cannot be carried out; the message is safe to show to the person."""


# --- Setting up (facilitators) ---------------------------------------------------------------

@transaction.atomic
def do_create_event(title: str, opening_question: str, closing_question: str,
                    starts_at: datetime, ends_at: datetime, facilitator: User | None,
                    dots_per_person: int = 3) -> OpenSpaceEvent:
    if not (title.strip() and opening_question.strip() and closing_question.strip()):
        raise OpenSpaceError("Give the event a title, an opening question and a closing "
                             "question.")
    if ends_at <= starts_at:
        raise OpenSpaceError("The event must end after it starts.")
    if not 1 <= dots_per_person <= MAX_DOTS_PER_PERSON:
        raise OpenSpaceError(f"Give each person between 1 and {MAX_DOTS_PER_PERSON} dots to vote "
                             "with.")
    refuse_long(OpenSpaceError, ("the title", title, longest(Activity, "title")))
    activity = Activity.objects.create(
        slug=unique_slug(title, "open-space"), title=title.strip(),
        purpose=opening_question.strip(), kind=Activity.Kind.OPEN_SPACE,
        status=Activity.Status.OPEN, run_by="Participation team",
    )
    event = OpenSpaceEvent.objects.create(
        activity=activity, opening_question=opening_question.strip(),
        closing_question=closing_question.strip(), starts_at=starts_at, ends_at=ends_at,
        dots_per_person=dots_per_person)
    record(facilitator, "open_space.created", event, activity=activity.slug)
    return event


@transaction.atomic
def do_advance_phase(event: OpenSpaceEvent, facilitator: User | None) -> OpenSpaceEvent:
    """Move the event on one step. Closing it also closes its activity to new contributions."""
    event = OpenSpaceEvent.objects.select_for_update().get(pk=event.pk)
    following = event.next_phase()
    if following is None:
        raise OpenSpaceError("This event has already finished.")
    event.phase = following
    event.save(update_fields=["phase"])
    if following == Phase.CLOSED:
        event.activity.status = Activity.Status.CLOSED
        event.activity.save(update_fields=["status"])
    record(facilitator, "open_space.phase_changed", event, phase=following)
    return event


@transaction.atomic
def do_set_event_welsh(event: OpenSpaceEvent, opening_cy: str, closing_cy: str,
                       room_names_cy: dict[int, str], facilitator: User | None) -> OpenSpaceEvent:
    """The Welsh wording of the event's questions and room names. Empty leaves the English
    showing on Welsh pages."""
    rooms = {room.pk: room for room in event.rooms.all()}
    if set(room_names_cy) - set(rooms):
        raise OpenSpaceError("One of the rooms is not part of this event. Nothing was saved.")
    names = {pk: " ".join(name.split()) for pk, name in room_names_cy.items()}
    limit = longest(Room, "name_cy")
    if any(len(name) > limit for name in names.values()):
        raise OpenSpaceError(f"Give each Welsh room name {limit} characters or fewer.")
    event.opening_question_cy = opening_cy.strip()
    event.closing_question_cy = closing_cy.strip()
    event.save(update_fields=["opening_question_cy", "closing_question_cy"])
    for pk, name in names.items():
        Room.objects.filter(pk=pk).update(name_cy=name)
    activity = event.activity
    if activity.purpose == event.opening_question:
        # The event was made with the opening question as the activity's purpose: keep the
        # Welsh of both the same, so the activity list reads the same as the event page.
        activity.purpose_cy = event.opening_question_cy
        activity.save(update_fields=["purpose_cy"])
    record(facilitator, "open_space.welsh_set", event, rooms=len(names))
    return event


@transaction.atomic
def do_add_room(event: OpenSpaceEvent, name: str, meeting_link: str,
                facilitator: User | None) -> Room:
    name = " ".join(name.split())
    limit = longest(Room, "name")
    if not name or len(name) > limit:
        raise OpenSpaceError(f"Give the room a name of {limit} characters or fewer.")
    parsed = urlparse(meeting_link.strip())
    if parsed.scheme != "https" or not parsed.netloc \
            or len(meeting_link.strip()) > longest(Room, "meeting_link"):
        raise OpenSpaceError("Enter the room's meeting link, starting with https://")
    if event.rooms.filter(name__iexact=name).exists():
        raise OpenSpaceError(f"There is already a room called {name}.")
    room = Room.objects.create(event=event, name=name, meeting_link=meeting_link.strip())
    record(facilitator, "open_space.room_added", room, event=event.pk)
    return room


@transaction.atomic
def do_add_time_slot(event: OpenSpaceEvent, starts_at: datetime, ends_at: datetime,
                     facilitator: User | None) -> TimeSlot:
    if ends_at <= starts_at:
        raise OpenSpaceError("A time slot must end after it starts.")
    if starts_at < event.starts_at or ends_at > event.ends_at:
        raise OpenSpaceError("A time slot must be inside the event's start and end times.")
    # Lock the event so two facilitators adding slots at once cannot both pass the check.
    OpenSpaceEvent.objects.select_for_update().get(pk=event.pk)
    clash = event.slots.filter(starts_at__lt=ends_at, ends_at__gt=starts_at).first()
    if clash is not None:
        raise OpenSpaceError(
            f"This time slot overlaps the one from {_clock(clash.starts_at)} to "
            f"{_clock(clash.ends_at)}. Choose times that do not overlap.")
    slot = TimeSlot.objects.create(event=event, starts_at=starts_at, ends_at=ends_at)
    record(facilitator, "open_space.slot_added", slot, event=event.pk)
    return slot


def _clock(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M")


@transaction.atomic
def do_schedule_session(topic: Topic, room: Room, slot: TimeSlot, mode: str, shared_group: str,
                        capacity: int, facilitator: User | None) -> Session:
    """Put a topic on the agenda grid: one room, one time slot."""
    event = topic.event
    if room.event_id != event.pk or slot.event_id != event.pk:
        raise OpenSpaceError("That room or time slot belongs to another event.")
    if mode not in Session.Mode.values:
        raise OpenSpaceError("Choose mixed or shared experience.")
    if mode == Session.Mode.SHARED and shared_group not in GROUP_LABELS:
        raise OpenSpaceError("Choose who a shared-experience session is for.")
    if not 2 <= capacity <= 50:
        raise OpenSpaceError("A session needs room for between 2 and 50 people.")
    if Session.objects.filter(room=room, slot=slot).exists():
        raise OpenSpaceError(f"{room.name} already has a session at {slot}.")
    session = Session.objects.create(
        topic=topic, room=room, slot=slot, mode=mode, capacity=capacity,
        shared_group=shared_group if mode == Session.Mode.SHARED else "")
    record(facilitator, "open_space.session_scheduled", session, event=event.pk, mode=mode,
           shared_group=session.shared_group, capacity=capacity)
    return session


@transaction.atomic
def do_set_session_open(session: Session, is_open: bool, facilitator: User | None) -> Session:
    session.is_open = is_open
    session.save(update_fields=["is_open"])
    record(facilitator, "open_space.session_opened" if is_open else "open_space.session_closed",
           session)
    return session


# --- Taking part (participants) --------------------------------------------------------------

@dataclass(frozen=True)
class SignUp:
    registration: Registration
    code: str
    # The risk the access needs were triaged at when they arrived ("none" when nothing was
    # found), so the page can offer help without running triage a second time.
    safety_level: str


def do_register(event: OpenSpaceEvent, perspectives: list[str], access_needs: str,
                consents: dict[str, bool], actor: Actor) -> tuple[Registration, str]:
    """Register and give back a code to come back with, which is never stored in clear."""
    sign_up = do_sign_up(event, perspectives, access_needs, consents, actor)
    return sign_up.registration, sign_up.code


@transaction.atomic
def do_sign_up(event: OpenSpaceEvent, perspectives: list[str], access_needs: str,
               consents: dict[str, bool], actor: Actor) -> SignUp:
    """do_register, also saying what the triage of the access needs found."""
    event = _fresh(event.pk)
    if event.phase == Phase.CLOSED:
        raise OpenSpaceError(gettext("This event has finished, so you cannot sign up now."))
    if set(perspectives) - set(PERSPECTIVES):
        raise OpenSpaceError(gettext("Choose who you are from the list."))
    if "\x00" in access_needs or len(access_needs) > ACCESS_NEEDS_MAX_LENGTH:
        raise OpenSpaceError(gettext("Write what would help you take part in %(max)s characters "
                                     "or fewer.") % {"max": f"{ACCESS_NEEDS_MAX_LENGTH:,}"})
    if not consents.get("analysis"):
        raise OpenSpaceError(gettext("To take part, say yes to us reading what you write with what "
                                     "other people say. Without it we cannot use your notes."))
    code = new_receipt_code()
    account = actor if isinstance(actor, User) else None
    receipt = Receipt.objects.create(code_hash=hash_receipt_code(code), account=account)
    registration = Registration.objects.create(
        event=event, receipt=receipt, perspectives=list(dict.fromkeys(perspectives)),
        access_needs=access_needs.strip(),
        **{f"consent_{k}": bool(consents.get(k)) for k in ("analysis", "quote", "publish")})
    # Counts only: who someone is and what they need stay out of a log that is kept for years.
    record(actor, "open_space.registered", registration, event=event.pk,
           perspectives=len(registration.perspectives),
           access_needs=bool(registration.access_needs))
    # Free words, so triaged like any others: risk reaches the safeguarding lead.
    held = do_screen_participant_text(event.activity, registration.access_needs, actor,
                                      source="open_space.Registration.access_needs")
    level = held.safety_level if held else Contribution.SafetyLevel.NONE
    return SignUp(registration, code, str(level))


def _submit(registration: Registration | None, event: OpenSpaceEvent, kind: str, text: str,
            perspectives: list[str], actor: Actor) -> Contribution:
    """Make a contribution through the one shared door, then file it under the participant's
    event receipt so their single code shows (and can withdraw) everything they wrote."""
    consents = registration.consents() if registration else {"analysis": True}
    try:
        contribution, _code = do_submit_contribution(
            event.activity,
            NewContribution(kind=kind, text=text, perspectives=tuple(perspectives),
                            consents=consents),
            actor, max_length=NOTE_MAX_LENGTH)
    except ContributionError as error:
        raise OpenSpaceError(str(error)) from None
    if registration is not None:
        throwaway = contribution.receipt
        contribution.receipt = registration.receipt
        contribution.save(update_fields=["receipt"])
        if throwaway is not None:
            throwaway.delete()
    return contribution


def _fresh(event_id: int) -> OpenSpaceEvent:
    """Read the phase from the database, not from an object cached on a related row, so a
    facilitator's move to the next phase takes effect for everyone at once."""
    return OpenSpaceEvent.objects.select_related("activity").get(pk=event_id)


def _require_phase(event: OpenSpaceEvent, allowed: tuple[str, ...], message: str) -> None:
    if event.phase not in allowed:
        raise OpenSpaceError(message)


@transaction.atomic
def do_propose_topic(event: OpenSpaceEvent, registration: Registration | None, title: str,
                     actor: Actor) -> Topic:
    """Anyone registered may propose a topic; facilitators may too (registration None)."""
    event = _fresh(event.pk)
    if registration is not None and registration.event_id != event.pk:
        raise OpenSpaceError(gettext("You are not signed up for this event."))
    _require_phase(event, TOPIC_PHASES,
                   gettext("Topics can only be suggested before the event and while sessions run. "
                           "This event has moved on, so nothing was added."))
    title = " ".join(title.split())
    if not title:
        raise OpenSpaceError(gettext("Write your topic."))
    if len(title) > TOPIC_MAX_LENGTH:
        raise OpenSpaceError(gettext("Keep your topic to %(max)s characters or fewer. "
                                     "Yours has %(length)s.")
                             % {"max": TOPIC_MAX_LENGTH, "length": len(title)})
    if event.topics.filter(title__iexact=title).exists():
        raise OpenSpaceError(gettext("That topic is already on the list. You can say you are "
                                     "interested in it instead."))
    perspectives = registration.perspectives if registration else []
    contribution = _submit(registration, event, Contribution.Kind.PROBLEM, title, perspectives,
                           actor)
    topic = Topic.objects.create(event=event, contribution=contribution, title=title,
                                 proposed_by=registration)
    if registration is not None:
        # Whoever proposes a topic surely wants to go to it.
        TopicInterest.objects.create(topic=topic, registration=registration)
    record(actor, "open_space.topic_proposed", topic, event=event.pk,
           contribution=contribution.pk)
    return topic


@transaction.atomic
def do_toggle_interest(topic: Topic, registration: Registration, actor: Actor) -> bool:
    """Say you would like to go to a topic's session, or take that back. Returns the new state."""
    if topic.event_id != registration.event_id:
        raise OpenSpaceError(gettext("That topic is not part of this event."))
    _require_phase(_fresh(topic.event_id), TOPIC_PHASES,
                   gettext("Sessions have finished, so this cannot change."))
    existing = TopicInterest.objects.filter(topic=topic, registration=registration)
    if existing.exists():
        existing.delete()
        record(actor, "open_space.interest_removed", topic, registration=registration.pk)
        return False
    TopicInterest.objects.create(topic=topic, registration=registration)
    record(actor, "open_space.interest_added", topic, registration=registration.pk)
    return True


@transaction.atomic
def do_join_session(session: Session, registration: Registration, actor: Actor) -> Session:
    """Join a session, leaving any other session in the same time slot (the law of two feet)."""
    # Lock the session so two people cannot take its last place at the same moment.
    session = Session.objects.select_for_update().select_related("topic__event", "slot",
                                                                 "room").get(pk=session.pk)
    event = session.topic.event
    if event.pk != registration.event_id:
        raise OpenSpaceError(gettext("That session is not part of this event."))
    _require_phase(event, JOIN_PHASES,
                   gettext("Sessions have finished, so you cannot join one now."))
    if not session.is_open:
        raise OpenSpaceError(gettext("“%(topic)s” is closed. Choose another session.")
                             % {"topic": session.topic.shown_title()})
    if not session.admits(registration):
        raise OpenSpaceError(gettext("“%(topic)s” is a shared-experience session (%(mode)s). "
                                     "Choose another session.")
                             % {"topic": session.topic.shown_title(),
                                "mode": session.mode_label().lower()})
    current = SessionMembership.objects.filter(registration=registration,
                                               slot=session.slot).first()
    if current is not None and current.session_id == session.pk:
        raise OpenSpaceError(gettext("You are already in this session."))
    if session.memberships.count() >= session.capacity:
        raise OpenSpaceError(gettext("“%(topic)s” is full. Choose another session, or try "
                                     "again later when someone leaves.")
                             % {"topic": session.topic.shown_title()})
    _move_into(session, registration, current, actor)
    return session


def _move_into(session: Session, registration: Registration,
               current: SessionMembership | None, actor: Actor) -> None:
    if current is None:
        SessionMembership.objects.create(registration=registration, session=session,
                                         slot=session.slot)
        record(actor, "open_space.session_joined", session, registration=registration.pk)
        return
    left = current.session_id
    current.session = session
    current.save(update_fields=["session", "joined_at"])
    record(actor, "open_space.session_changed", session, registration=registration.pk,
           left=left)


@transaction.atomic
def do_leave_session(session: Session, registration: Registration, actor: Actor) -> None:
    _require_phase(_fresh(session.topic.event_id), JOIN_PHASES,
                   gettext("Sessions have finished, so this cannot change."))
    deleted, _ = SessionMembership.objects.filter(session=session,
                                                  registration=registration).delete()
    if not deleted:
        raise OpenSpaceError(gettext("You are not in that session."))
    record(actor, "open_space.session_left", session, registration=registration.pk)


def session_composition(session: Session) -> dict[str, object]:
    """Who is in the session now, as counts per perspective group (no one is named). Someone
    with several perspectives counts in each of their groups, so the counts may add up to more
    than the number of members."""
    groups: Counter[str] = Counter()
    members = Registration.objects.filter(memberships__session=session)
    for member in members:
        for group in sorted(member.groups()) or ["not_said"]:
            groups[group] += 1
    return {"mode": session.mode, "shared_group": session.shared_group,
            "members": members.count(), "groups": dict(sorted(groups.items()))}


def _session_perspectives(session: Session) -> list[str]:
    """A note is the group's work, so it carries every perspective present in the room."""
    held: set[str] = set()
    for member in Registration.objects.filter(memberships__session=session):
        held.update(member.perspectives)
    return [p for p in PERSPECTIVES if p in held]


@transaction.atomic
def do_add_session_notes(session: Session, registration: Registration | None,
                         entries: dict[str, str], actor: Actor) -> list[SessionNote]:
    """Write to the session's notes template. Each filled-in box becomes one contribution."""
    event = _fresh(session.topic.event_id)
    _require_phase(event, (Phase.SESSIONS,),
                   gettext("Notes can only be written while sessions run."))
    if registration is not None and not session.memberships.filter(
            registration=registration).exists():
        raise OpenSpaceError(gettext("Join this session before you write in its notes."))
    if set(entries) - set(SessionNote.Field.values):
        raise OpenSpaceError(gettext("Use the boxes on the notes page."))
    filled = {k: v.strip() for k, v in entries.items() if v.strip()}
    if not filled:
        raise OpenSpaceError(gettext("Write something in at least one box."))
    composition = session_composition(session)
    perspectives = _session_perspectives(session)
    notes = []
    for field_name in SessionNote.Field.values:
        if field_name in filled:
            contribution = _submit(registration, event, NOTE_KINDS[field_name],
                                   filled[field_name], perspectives, actor)
            notes.append(SessionNote.objects.create(
                session=session, contribution=contribution, field=field_name,
                written_by=registration, composition=composition))
    record(actor, "open_space.notes_added", session, notes=len(notes),
           contributions=[n.contribution_id for n in notes], mode=session.mode)
    return notes


@transaction.atomic
def do_cast_dot(note: SessionNote, registration: Registration, actor: Actor) -> SolutionVote:
    event = _fresh(note.session.topic.event_id)
    if event.pk != registration.event_id:
        raise OpenSpaceError(gettext("That solution is not part of this event."))
    _require_phase(event, (Phase.VOTING,), gettext("Dot-voting is not open now."))
    if note.field != SessionNote.Field.SOLUTION:
        raise OpenSpaceError(gettext("You can only give dots to proposed solutions."))
    # Lock the person's registration so two quick clicks cannot spend the same dot twice.
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if SolutionVote.objects.filter(note=note, registration=registration).exists():
        raise OpenSpaceError(gettext("You have already given a dot to this solution. You can give "
                                     "each solution one dot."))
    used = registration.votes.count()
    if used >= event.dots_per_person:
        raise OpenSpaceError(gettext("You have used all %(dots)s of your dots.")
                             % {"dots": event.dots_per_person})
    vote = SolutionVote.objects.create(note=note, registration=registration)
    record(actor, "open_space.dot_cast", note, registration=registration.pk)
    return vote


@transaction.atomic
def do_answer_closing_question(registration: Registration, text: str,
                               actor: Actor) -> ClosingAnswer:
    event = _fresh(registration.event_id)
    _require_phase(event, (Phase.CLOSING,), gettext("The closing round is not open now."))
    if ClosingAnswer.objects.filter(registration=registration).exists():
        raise OpenSpaceError(gettext("You have already answered the closing question. Thank you."))
    if not text.strip():
        raise OpenSpaceError(gettext("Write your answer."))
    contribution = _submit(registration, event, Contribution.Kind.IDEA, text,
                           registration.perspectives, actor)
    answer = ClosingAnswer.objects.create(registration=registration, contribution=contribution)
    record(actor, "open_space.closing_answered", answer, event=event.pk,
           contribution=contribution.pk)
    return answer


@transaction.atomic
def do_apply_allocation(slot: TimeSlot, placements: dict[int, int],
                        facilitator: User | None) -> int:
    """Place people who are not yet in a session of this slot, as the helper proposed. People who
    already chose stay where they are: their choice beats the proposal."""
    sessions = {s.pk: s for s in slot.sessions.all()}
    chosen = set(SessionMembership.objects.filter(slot=slot)
                 .values_list("registration_id", flat=True))
    placed = 0
    for registration in Registration.objects.filter(event_id=slot.event_id,
                                                    pk__in=list(placements)):
        session = sessions.get(placements[registration.pk])
        if session is None or registration.pk in chosen:
            continue
        if not (session.is_open and session.admits(registration)) or \
                session.memberships.count() >= session.capacity:
            continue
        SessionMembership.objects.create(registration=registration, session=session, slot=slot)
        placed += 1
    record(facilitator, "open_space.allocation_applied", slot, placed=placed)
    return placed

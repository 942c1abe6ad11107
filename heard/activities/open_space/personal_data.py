"""Open Space sign-ups, topics, session places and dots in the erasure registry."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import get_language, gettext_noop

from heard.activities.personal_data import register_kind_store
from heard.contributions.models import Contribution
from heard.people.erasure import Section, Subject, self_words
from heard.people.retention import RetentionKind, register_kind

from .models import Registration, SessionMembership, SolutionVote, Topic, TopicInterest

# A topic's row stays when sessions were built on it; its title was the person's words.
WITHDRAWN_TOPIC_TITLE = "A topic that was taken back"


def _find(subject: Subject) -> None:
    if subject.whole_person:
        subject.contribution_ids |= _screened_access_needs(subject.registration_ids)


def _screened_access_needs(registration_ids: set[int]) -> set[int]:
    """Access needs screened as at risk were copied for the safeguarding lead into a held
    contribution on the event (do_register); that copy is the person's words too. It has no
    receipt, so it is found by its exact words on the same event."""
    found: set[int] = set()
    for registration in Registration.objects.filter(pk__in=registration_ids).exclude(
            access_needs="").select_related("event"):
        found |= set(Contribution.objects.filter(
            activity_id=registration.event.activity_id, held_for_safeguarding=True,
            receipt=None, text=registration.access_needs).values_list("pk", flat=True))
    return found


def _erase(subject: Subject) -> int:
    changed = Topic.objects.filter(contribution_id__in=subject.contribution_ids).exclude(
        title=WITHDRAWN_TOPIC_TITLE).update(title=WITHDRAWN_TOPIC_TITLE)
    if not subject.whole_person:
        return changed
    mine = Registration.objects.filter(pk__in=subject.registration_ids)
    changed += mine.update(access_needs="", perspectives=[], consent_analysis=False,
                           consent_quote=False, consent_publish=False)
    for model in (TopicInterest, SessionMembership, SolutionVote):
        deleted, _ = model.objects.filter(registration_id__in=subject.registration_ids).delete()
        changed += deleted
    return changed


def _describe(subject: Subject) -> list[Section]:
    registrations = Registration.objects.filter(pk__in=subject.registration_ids).select_related(
        "event__activity")
    language = get_language() or ""
    # Keys are marked, not translated (the file's format is one in either language); topics
    # and sessions are named as people wrote them.
    rows = [{gettext_noop("event"): r.event.activity.welsh_or_english("title", language)[0],
             gettext_noop("signed up"): r.created_at,
             gettext_noop("who you said you are"): self_words("perspectives", r.perspectives),
             gettext_noop("what would help you take part"): r.access_needs,
             gettext_noop("your choices"): self_words("consents", r.consents()),
             gettext_noop("topics you suggested"): [t.title for t in r.topics.all()],
             gettext_noop("sessions you joined"): [str(m.session) for m in r.memberships.all()],
             gettext_noop("solutions you gave a dot to"): [v.note_id for v in r.votes.all()]}
            for r in registrations]
    return [Section(gettext_noop("Open Space events you signed up for"), rows, gettext_noop(
        "What you wrote at an event is listed under “What you shared”."))]


STAFF_WRITTEN = "written by the facilitator setting up the event"
register_kind_store(
    "open_space", table=Registration, ids="registration_ids", found=Subject.ids_on_receipts,
    also_find=_find, erase=_erase, describe=_describe,
    holds=("open_space.Registration.access_needs", "open_space.Registration.perspectives",
           "open_space.Topic.title"),
    not_erased={
        "open_space.OpenSpaceEvent.opening_question": STAFF_WRITTEN,
        "open_space.OpenSpaceEvent.closing_question": STAFF_WRITTEN,
        "open_space.Room.name_cy": STAFF_WRITTEN,
        "open_space.OpenSpaceEvent.opening_question_cy": STAFF_WRITTEN,
        "open_space.OpenSpaceEvent.closing_question_cy": STAFF_WRITTEN,
        "open_space.Room.name": STAFF_WRITTEN, "open_space.Room.meeting_link": STAFF_WRITTEN,
        "open_space.SessionNote.composition":
            "counts of people per group in the room, no one named",
    })


def _expire_access_needs(cutoff: datetime) -> int:
    """What someone needed to take part is health data, needed only around the event."""
    return Registration.objects.filter(event__ends_at__lt=cutoff).exclude(
        access_needs="").update(access_needs="")


def _expire_registrations(cutoff: datetime) -> int:
    """Who someone said they are, and which sessions they wanted or joined. Their words are
    under the contributions rule; dots stay, as the event's results."""
    old = Registration.objects.filter(event__ends_at__lt=cutoff)
    for model in (TopicInterest, SessionMembership):
        model.objects.filter(registration__in=old).delete()
    return old.exclude(perspectives=[]).update(perspectives=[])


register_kind(RetentionKind(
    key="event_access_needs", label=gettext_noop(
        "What people told us would help them take part in an Open Space event"),
    counted_from=gettext_noop("after the event ends"), outcome=gettext_noop("deleted"),
    default_days=30, apply=_expire_access_needs))
register_kind(RetentionKind(
    key="event_registrations", label=gettext_noop(
        "Open Space sign-ups: who people said they are and which sessions they chose"),
    counted_from=gettext_noop("after the event ends"), outcome=gettext_noop("deleted"),
    default_days=365, apply=_expire_registrations))

"""Open Space events: sign up, propose topics, sessions, notes and dots, then the outcomes."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.utils.translation import gettext as _

from heard.activities.models import Activity
from heard.activities.registry import (
    BY_HEARD,
    BY_STAFF,
    FROM_A_LIST,
    EntryPoint,
    declare_kind,
    page_of,
)


def take_part(activity: Activity) -> EntryPoint | None:
    try:
        event = activity.open_space  # type: ignore[attr-defined]
    except ObjectDoesNotExist:
        return None  # set up as an event, but the event itself is not made yet
    if event.phase == event.Phase.CLOSED:
        return page_of("open_space:outcomes", activity, _("See what the event came up with"))
    return page_of("open_space:event", activity, _("Go to the Open Space event"))


def registrations_by_perspective(activity: Activity) -> dict[str, int]:
    from .queries import registrations_by_perspective as counts
    return dict(counts(activity))


KIND = declare_kind(
    Activity.Kind.OPEN_SPACE, __name__, take_part,
    participant=("events/", "open_space"), staff=("staff/events/", "open_space_staff"),
    own_row="open_space",
    own_pages_only=True,
    participants_by_perspective=registrations_by_perspective,
    participants_label="Registrations",
    demo_loader="heard.activities.open_space.demo.load_open_space_demo",
    registers=["heard.activities.open_space.personal_data"],
    participant_text={
        "open_space.Registration.access_needs": (
            "do_register screens them (do_screen_participant_text). Shown to facilitators "
            "only."),
        "open_space.Topic.title": (
            "do_propose_topic makes the topic a contribution (do_submit_contribution); other "
            "participants see Topic.shown_title(), redacted through shown_text."),
    },
    not_participant_text={
        "open_space.OpenSpaceEvent.opening_question": BY_STAFF,
        "open_space.OpenSpaceEvent.closing_question": BY_STAFF,
        "open_space.OpenSpaceEvent.phase": FROM_A_LIST,
        "open_space.Registration.perspectives": FROM_A_LIST,
        "open_space.Room.name": BY_STAFF,
        "open_space.Room.name_cy": BY_STAFF,
        "open_space.OpenSpaceEvent.opening_question_cy": BY_STAFF,
        "open_space.OpenSpaceEvent.closing_question_cy": BY_STAFF,
        "open_space.Room.meeting_link": BY_STAFF,
        "open_space.Session.mode": FROM_A_LIST,
        "open_space.Session.shared_group": FROM_A_LIST,
        "open_space.SessionNote.field": FROM_A_LIST,
        "open_space.SessionNote.composition": BY_HEARD + " Counts per perspective group.",
    },
    has_event_page=True,
    key_messages_on_outcomes_page=True,
)

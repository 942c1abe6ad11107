"""Open Space events: sign up, propose topics, sessions, notes and dots, then the outcomes."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils.translation import gettext as _

from heard.activities.models import Activity
from heard.activities.registry import ActivityKind, EntryPoint, Urls

_CHOICE = "A value from a fixed list, checked on the way in: no free words."
_STAFF = "Written by staff (facilitators, moderators, analysts, leads), not by participants."
_SYSTEM = "Written by Heard itself, never typed by anyone."


def take_part(activity: Activity) -> EntryPoint | None:
    try:
        event = activity.open_space  # type: ignore[attr-defined]
    except ObjectDoesNotExist:
        return None  # set up as an event, but the event itself is not made yet
    if event.phase == event.Phase.CLOSED:
        return EntryPoint(reverse("open_space:outcomes", args=[activity.slug]),
                          _("See what the event came up with"))
    return EntryPoint(reverse("open_space:event", args=[activity.slug]),
                      _("Go to the Open Space event"))


def registrations_by_perspective(activity: Activity) -> dict[str, int]:
    from .queries import registrations_by_perspective as counts
    return dict(counts(activity))


KIND = ActivityKind(
    key=Activity.Kind.OPEN_SPACE,
    take_part=take_part,
    own_pages_only=True,
    participant_urls=[Urls("events/", "open_space",
                           "heard.activities.open_space.urls.urlpatterns")],
    staff_urls=[Urls("staff/events/", "open_space_staff",
                     "heard.activities.open_space.staff_urls.urlpatterns")],
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
        "open_space.OpenSpaceEvent.opening_question": _STAFF,
        "open_space.OpenSpaceEvent.closing_question": _STAFF,
        "open_space.OpenSpaceEvent.phase": _CHOICE,
        "open_space.Registration.perspectives": _CHOICE,
        "open_space.Room.name": _STAFF,
        "open_space.Room.name_cy": _STAFF,
        "open_space.OpenSpaceEvent.opening_question_cy": _STAFF,
        "open_space.OpenSpaceEvent.closing_question_cy": _STAFF,
        "open_space.Room.meeting_link": _STAFF,
        "open_space.Session.mode": _CHOICE,
        "open_space.Session.shared_group": _CHOICE,
        "open_space.SessionNote.field": _CHOICE,
        "open_space.SessionNote.composition": _SYSTEM + " Counts per perspective group.",
    },
    has_event_page=True,
    key_messages_on_outcomes_page=True,
)

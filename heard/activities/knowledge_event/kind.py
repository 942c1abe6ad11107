"""Knowledge events: presenters and materials, then the key messages and reflections published
after the event."""

from __future__ import annotations

from django.urls import reverse

from heard.activities.models import Activity
from heard.activities.registry import ActivityKind, EntryPoint, Urls


def take_part(activity: Activity) -> EntryPoint | None:
    return EntryPoint(reverse("engagement:event", args=[activity.slug]),
                      "Key messages and reflections from the event")


def _participant_urls() -> list:
    from .urls import participant
    return participant


KIND = ActivityKind(
    key=Activity.Kind.KNOWLEDGE_EVENT,
    take_part=take_part,
    participant_urls=[Urls("activities/", "engagement", _participant_urls)],
    set_up_on_activity_pages=True,
    has_event_page=True,
)

"""Knowledge events: presenters and materials, then the key messages and reflections published
after the event."""

from __future__ import annotations

from django.urls import reverse

from heard.activities.models import Activity
from heard.activities.registry import ActivityKind, EntryPoint, Urls


def take_part(activity: Activity) -> EntryPoint | None:
    return EntryPoint(reverse("engagement:event", args=[activity.slug]),
                      "Key messages and reflections from the event")


KIND = ActivityKind(
    key=Activity.Kind.KNOWLEDGE_EVENT,
    take_part=take_part,
    participant_urls=[Urls("activities/", "engagement",
                           "heard.activities.knowledge_event.urls.participant")],
    set_up_on_activity_pages=True,
    has_event_page=True,
)

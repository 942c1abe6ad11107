"""Knowledge events: presenters and materials, then the key messages and reflections published
after the event."""

from __future__ import annotations

from heard.activities.models import Activity
from heard.activities.registry import ON_ACTIVITY_PAGES, EntryPoint, declare_kind, page_of


def take_part(activity: Activity) -> EntryPoint | None:
    return page_of("engagement:event", activity, "Key messages and reflections from the event")


KIND = declare_kind(Activity.Kind.KNOWLEDGE_EVENT, __name__, take_part,
                    participant=ON_ACTIVITY_PAGES, set_up_on_activity_pages=True,
                    has_event_page=True)

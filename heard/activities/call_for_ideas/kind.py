"""Calls for Ideas: people post ideas and support each other's."""

from __future__ import annotations

from django.utils.translation import gettext as _

from heard.activities.models import Activity
from heard.activities.registry import ON_ACTIVITY_PAGES, EntryPoint, declare_kind, page_of


def take_part(activity: Activity) -> EntryPoint | None:
    return page_of("engagement:ideas", activity,
                   _("Share an idea, or support other people's ideas")
                   if activity.is_accepting() else _("See the ideas people shared"))


KIND = declare_kind(Activity.Kind.CALL_FOR_IDEAS, __name__, take_part,
                    participant=ON_ACTIVITY_PAGES, set_up_on_activity_pages=True,
                    journey=("engagement:idea-new", "engagement:idea-who",
                             "engagement:idea-consent", "engagement:idea-check"),
                    takes_ideas=True)

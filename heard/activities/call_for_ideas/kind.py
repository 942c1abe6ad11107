"""Calls for Ideas: people post ideas and support each other's."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from heard.activities.models import Activity
from heard.activities.registry import ActivityKind, EntryPoint, Urls


def take_part(activity: Activity) -> EntryPoint | None:
    return EntryPoint(reverse("engagement:ideas", args=[activity.slug]),
                      _("Share an idea, or support other people's ideas")
                      if activity.is_accepting() else _("See the ideas people shared"))


KIND = ActivityKind(
    key=Activity.Kind.CALL_FOR_IDEAS,
    take_part=take_part,
    participant_urls=[Urls("activities/", "engagement",
                           "heard.activities.call_for_ideas.urls.participant")],
    set_up_on_activity_pages=True,
    takes_ideas=True,
)

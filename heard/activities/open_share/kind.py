"""The open share journey: people tell their story through the share pages (heard.contributions
owns that journey, since every channel ends in a contribution)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext

from heard.activities.models import Activity
from heard.activities.registry import ActivityKind, EntryPoint


def take_part(activity: Activity) -> EntryPoint | None:
    if not activity.is_accepting():
        return None
    return EntryPoint(reverse("share:start", args=[activity.slug]), gettext("Share your own"))


KIND = ActivityKind(
    key=Activity.Kind.OPEN_SHARE,
    take_part=take_part,
    details_editable=False,  # the standing share activity is set up by Heard itself
)

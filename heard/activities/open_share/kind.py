"""The open share journey: people tell their story through the share pages (heard.contributions
owns that journey, since every channel ends in a contribution)."""

from __future__ import annotations

from django.utils.translation import gettext

from heard.activities.models import Activity
from heard.activities.registry import EntryPoint, declare_kind, page_of


def take_part(activity: Activity) -> EntryPoint | None:
    if not activity.is_accepting():
        return None
    return page_of("share:start", activity, gettext("Share your own"))


KIND = declare_kind(
    Activity.Kind.OPEN_SHARE, __name__, take_part,
    details_editable=False,  # the standing share activity is set up by Heard itself
)

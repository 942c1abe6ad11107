"""Opinion maps: people vote on short statements and see where groups agree and differ."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from heard.activities.models import Activity
from heard.activities.registry import ActivityKind, EntryPoint, Urls

_CHOICE = "A value from a fixed list, checked on the way in: no free words."
_SYSTEM = "Written by Heard itself, never typed by anyone."


def take_part(activity: Activity) -> EntryPoint | None:
    if not hasattr(activity, "opinion_map"):  # the map itself is not made yet
        return None
    if activity.is_accepting():
        return EntryPoint(reverse("opinions:start", args=[activity.slug]),
                          _("Say if you agree with what others said"))
    return EntryPoint(reverse("opinions:results", args=[activity.slug]),
                      _("See where people agree and disagree"))


KIND = ActivityKind(
    key=Activity.Kind.OPINION_MAP,
    take_part=take_part,
    own_pages_only=True,
    participant_urls=[Urls("opinions/", "opinions",
                           "heard.activities.opinion_map.urls.participant")],
    # Its facilitator pages have always been named staff:opinion-maps and staff:opinion-map.
    staff_urls=[Urls("staff/", "staff", "heard.activities.opinion_map.urls.staff_pages")],
    registers=["heard.activities.opinion_map.personal_data",
               "heard.activities.opinion_map.updates"],  # the background update task
    participant_text={
        "opinions.Statement.text": (
            "Participant suggestions and Polis imports are screened "
            "(do_screen_participant_text) and wait for a facilitator; a flagged one cannot be "
            "accepted. Facilitators' own statements and ones from published ideas use already "
            "checked words."),
    },
    not_participant_text={
        "opinions.OpinionMap.result": _SYSTEM,
        "opinions.OpinionMap.state": _SYSTEM,
        "opinions.Statement.origin": _CHOICE,
        "opinions.Statement.status": _CHOICE,
        "opinions.Statement.text_cy": "the Welsh wording of a statement staff wrote; a "
                                      "participant's statement never has one",
        "opinions.Voter.perspectives": _CHOICE,
    },
)

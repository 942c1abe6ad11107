"""Opinion maps: people vote on short statements and see where groups agree and differ."""

from __future__ import annotations

from django.utils.translation import gettext as _

from heard.activities.models import Activity
from heard.activities.registry import BY_HEARD, FROM_A_LIST, EntryPoint, declare_kind, page_of


def take_part(activity: Activity) -> EntryPoint | None:
    if not hasattr(activity, "opinion_map"):  # the map itself is not made yet
        return None
    if activity.is_accepting():
        return page_of("opinions:start", activity, _("Say if you agree with what others said"))
    return page_of("opinions:results", activity, _("See where people agree and disagree"))


KIND = declare_kind(
    Activity.Kind.OPINION_MAP, __name__, take_part,
    participant=("opinions/", "opinions"),
    own_row="opinion_map",
    # Its facilitator pages have always been named staff:opinion-maps and staff:opinion-map.
    staff=("staff/", "staff"),
    own_pages_only=True,
    registers=["heard.activities.opinion_map.personal_data",
               "heard.activities.opinion_map.tasks"],  # the background update task
    participant_text={
        "opinions.Statement.text": (
            "Participant suggestions and Polis imports are screened "
            "(do_screen_participant_text) and wait for a facilitator; a flagged one cannot be "
            "accepted. Facilitators' own statements and ones from published ideas use already "
            "checked words."),
    },
    not_participant_text={
        "opinions.OpinionMap.result": BY_HEARD,
        "opinions.OpinionMap.state": BY_HEARD,
        "opinions.Statement.origin": FROM_A_LIST,
        "opinions.Statement.status": FROM_A_LIST,
        "opinions.Statement.text_cy": "the Welsh wording of a statement staff wrote; a "
                                      "participant's statement never has one",
        "opinions.Voter.perspectives": FROM_A_LIST,
    },
)

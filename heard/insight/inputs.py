"""What an analysis run reads: live, consented contributions, with the words made safe first."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import QuerySet

from heard.activities.models import Activity
from heard.contributions.models import Contribution
from heard.safety.models import SafeguardingFlag
from heard.safety.shown_text import redacted_words


@dataclass
class RunInputs:
    ids: list[int]
    texts: list[str]
    quotable: list[bool]
    perspectives: list[list[str]]
    # Assisted capture (heard.analysis.themes.capture): whether someone helped, and how the words
    # were written ("own_words", "written_down", "summarised").
    helped: list[bool] = field(default_factory=list)
    capture_modes: list[str] = field(default_factory=list)


def eligible(activity: Activity | None) -> QuerySet[Contribution]:
    rows = Contribution.objects.for_analysis()
    return rows.filter(activity=activity) if activity is not None else rows


def analysis_text(contribution: Contribution) -> str:
    """Key words are shown to analysts, so names and numbers are taken out before counting:
    the moderator's reviewed text where there is one, otherwise the machine's suggestions."""
    words = redacted_words(contribution)
    return contribution.text if words is None else words


def gather(activity: Activity | None) -> RunInputs:
    flagged = set(SafeguardingFlag.objects.filter(status__in=SafeguardingFlag.OPEN_STATUSES)
                  .values_list("contribution_id", flat=True))
    inputs = RunInputs([], [], [], [])
    for contribution in eligible(activity).order_by("id").iterator():
        inputs.ids.append(contribution.pk)
        inputs.texts.append(analysis_text(contribution))
        inputs.quotable.append(contribution.consent_quote and contribution.redactions_applied()
                               and contribution.pk not in flagged)
        inputs.perspectives.append(list(contribution.perspectives or []))
        inputs.helped.append(bool(contribution.helper_role))
        inputs.capture_modes.append(contribution.capture_mode)
    return inputs

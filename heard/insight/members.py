"""A theme's contributions as an analyst reads them: the redacted words, and who raised each.

Perspectives are shown beside words only where at least five people in the theme hold the same
one: next to a quote, a rare perspective could point at the person who wrote it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import QuerySet

from heard.analysis.themes.capture import CaptureMix, capture_mix
from heard.contributions.models import Contribution
from heard.core.suppression import suppress_below
from heard.core.vocab import PERSPECTIVE_SHORT_LABELS
from heard.safety.shown_text import NOT_CHECKED_YET, redacted_words

from .models import Assignment, Theme

IN_A_CAMPAIGN = ("The same words as a campaign shown above, sent by many people: shown once "
                 "there, not again here.")
# Said in place of a perspective held by fewer people in the theme than the threshold.
SMALL_GROUP = "a perspective fewer than {below} people in this theme share"
NOT_GIVEN = "not given"


@dataclass(frozen=True)
class MemberRow:
    assignment: Assignment
    words: str
    who: list[str]
    fit: float
    moved: bool
    # The next-closest theme, so analysts see contributions that sit between two themes.
    secondary_label: str = ""
    secondary_fit: float | None = None


def live_members(theme: Theme) -> QuerySet[Assignment]:
    return (theme.assignments.select_related("contribution")
            .exclude(contribution__status__in=Contribution.GONE_STATUSES)
            .order_by("-score", "id"))


def capture_of(theme: Theme) -> CaptureMix:
    """How many of the theme's live members were shared with help, or summarised by a helper."""
    rows = live_members(theme).values_list("contribution__helper_role",
                                           "contribution__capture_mode")
    return capture_mix((bool(role), mode) for role, mode in rows)


def perspective_counts(theme: Theme) -> Counter[str]:
    counts: Counter[str] = Counter()
    for perspectives in live_members(theme).values_list("contribution__perspectives", flat=True):
        counts.update(set(perspectives or []))
    return counts


def who_raised(perspectives: list[str], counts: Counter[str]) -> list[str]:
    threshold = suppress_below()  # the deployment's, as every other published count uses
    shown = [PERSPECTIVE_SHORT_LABELS.get(p, p) for p in perspectives if counts[p] >= threshold]
    if any(counts[p] < threshold for p in perspectives):
        shown.append(SMALL_GROUP.format(below=threshold))
    return shown or [NOT_GIVEN]


def member_rows(assignments: list[Assignment], counts: Counter[str],
                theme_labels: dict[str, str] | None = None,
                campaign_copies: set[int] | None = None) -> list[MemberRow]:
    labels, copies = theme_labels or {}, campaign_copies or set()
    rows = []
    for assignment in assignments:
        contribution = assignment.contribution
        words = IN_A_CAMPAIGN if contribution.pk in copies else redacted_words(contribution)
        rows.append(MemberRow(
            assignment=assignment, words=NOT_CHECKED_YET if words is None else words,
            who=who_raised(list(contribution.perspectives or []), counts),
            fit=assignment.score, moved=assignment.moved_by_analyst,
            secondary_label=labels.get(assignment.secondary_key or "", ""),
            secondary_fit=assignment.secondary_score))
    return rows

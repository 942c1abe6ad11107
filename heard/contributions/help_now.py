"""Help at once after someone's words were triaged: which safety levels put the help lines at
the top of the next page, which of them is urgent, and the one-page memory of it in the
session. The rule was written out in five views (decision 0037); a view now hands over what
the action found and never compares levels itself (tests/core: views make no triage calls)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import HttpRequest

from .models import Contribution

URGENT = Contribution.SafetyLevel.IMMEDIATE
# Levels worth help at once, most worrying first.
NEEDS_HELP = (Contribution.SafetyLevel.IMMEDIATE, Contribution.SafetyLevel.CONCERN)


def is_urgent(level: str) -> bool:
    return level == URGENT


def needs_help(level: str) -> bool:
    return level in NEEDS_HELP


def any_urgent(contributions: QuerySet[Contribution]) -> bool:
    """Whether any of these words was found urgent (a repeat Send shows the first one's help)."""
    return contributions.filter(safety_level=URGENT).exists()


def most_worrying(levels: Iterable[str]) -> str:
    """The level to act on when one post made several contributions: the most worrying one
    ("" for none)."""
    found = set(levels)
    return next((level for level in NEEDS_HELP if level in found), "")


@dataclass(frozen=True)
class HelpShown:
    """What the next page shows: help lines, and whether they say it is urgent."""

    level: str = ""

    @property
    def needed(self) -> bool:
        return needs_help(self.level)

    @property
    def urgent(self) -> bool:
        return is_urgent(self.level)

    @property
    def worried(self) -> bool:
        """Help, without the urgent wording."""
        return self.needed and not self.urgent


@dataclass(frozen=True)
class HelpNow:
    """One kind's memory of the level last written, for exactly the next page it shows."""

    key: str  # the session key, one per kind so one kind's help never shows on another's page

    def remember(self, request: HttpRequest, level: str) -> None:
        if needs_help(level):
            request.session[self.key] = level

    def take(self, request: HttpRequest) -> HelpShown:
        return HelpShown(str(request.session.pop(self.key, "") or ""))

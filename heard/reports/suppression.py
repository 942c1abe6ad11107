"""Small-number suppression for every published count. Pure: no Django."""

from __future__ import annotations

from dataclasses import dataclass

SUPPRESS_BELOW = 5
SUPPRESSED_TEXT = "fewer than 5"


@dataclass(frozen=True)
class ShownCount:
    """A count as it may be shown: either the number or the suppression text."""

    value: int | None

    @property
    def suppressed(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        return SUPPRESSED_TEXT if self.value is None else f"{self.value:,}"


def shown(count: int, threshold: int = SUPPRESS_BELOW) -> ShownCount:
    """Counts from 1 to threshold-1 could point at a person; zero cannot and is shown."""
    return ShownCount(None if 0 < count < threshold else count)

"""Small-number suppression for every published count. Pure: no Django.

The threshold is defined once, here. Where Django runs, settings.py reads
HEARD_SUPPRESS_BELOW and hands it to `configure`; pure code run from the command line keeps the
default. Every function also takes the threshold as a parameter, so a caller can be explicit."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

DEFAULT_SUPPRESS_BELOW = 5
_threshold = DEFAULT_SUPPRESS_BELOW


def configure(threshold: int) -> None:
    """Set the deployment's threshold (settings.py calls this with HEARD_SUPPRESS_BELOW)."""
    global _threshold
    if threshold < 1:
        raise ValueError(f"A suppression threshold must be at least 1, not {threshold}.")
    _threshold = threshold


def suppress_below() -> int:
    """Counts from 1 to this minus one are hidden."""
    return _threshold


def suppressed_text(threshold: int | None = None) -> str:
    return f"fewer than {suppress_below() if threshold is None else threshold}"


def is_suppressed(count: int, threshold: int | None = None) -> bool:
    """Counts from 1 to threshold-1 could point at a person; zero cannot and is shown."""
    return 0 < count < (suppress_below() if threshold is None else threshold)


@dataclass(frozen=True)
class ShownCount:
    """A count as it may be shown: either the number or the suppression text."""

    value: int | None
    # Only the wording depends on it: two hidden counts are equal whatever hid them.
    threshold: int = field(default=DEFAULT_SUPPRESS_BELOW, compare=False)

    @property
    def suppressed(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        return suppressed_text(self.threshold) if self.value is None else f"{self.value:,}"


def shown(count: int, threshold: int | None = None) -> ShownCount:
    """Counts from 1 to threshold-1 could point at a person; zero cannot and is shown."""
    limit = suppress_below() if threshold is None else threshold
    return ShownCount(None if is_suppressed(count, limit) else count, limit)


def suppress_table(
    cells: list[list[int]], threshold: int | None = None
) -> list[list[ShownCount]]:
    """Primary suppression of small counts, then secondary suppression: wherever a row or column
    has exactly one hidden cell, its total could give it away, so the smallest other non-zero
    cell in that line is hidden too. Repeats until no line has a lone hidden cell. A total over a
    single cell is that cell, so callers pass totals through `shown` as well."""
    limit = suppress_below() if threshold is None else threshold
    hidden = [[is_suppressed(c, limit) for c in row] for row in cells]
    changed = True
    while changed:
        changed = False
        for line in _lines(len(cells), len(cells[0]) if cells else 0):
            if _hide_partner(cells, hidden, line):
                changed = True
    return [[ShownCount(None if hidden[r][c] else cells[r][c], limit) for c in range(len(row))]
            for r, row in enumerate(cells)]


def _lines(rows: int, cols: int) -> list[list[tuple[int, int]]]:
    return ([[(r, c) for c in range(cols)] for r in range(rows)]
            + [[(r, c) for r in range(rows)] for c in range(cols)])


def _hide_partner(cells: list[list[int]], hidden: list[list[bool]],
                  line: list[tuple[int, int]]) -> bool:
    if len(line) < 2 or sum(hidden[r][c] for r, c in line) != 1:
        return False
    # The smallest non-zero cell costs least to hide; a zero will do when nothing else is left.
    candidates = [(cells[r][c] == 0, cells[r][c], r, c) for r, c in line if not hidden[r][c]]
    _, _, r, c = min(candidates)
    hidden[r][c] = True
    return True


def nameable(items: Sequence[Iterable[str]], threshold: int | None = None) -> frozenset[str]:
    """Perspectives that may be named on a published item: those whose count over all the
    published items is shown. A label on each item would otherwise let anyone count a
    suppressed group exactly, one item at a time."""
    counts = Counter(p for item in items for p in set(item))
    return frozenset(p for p, n in counts.items() if not shown(n, threshold).suppressed)


def item_labels(perspectives: Iterable[str], allowed: frozenset[str]) -> tuple[str, ...]:
    """One item's perspectives as they may be shown. An item left with none reads the same
    whether its author said nothing or is in a group too small to name."""
    return tuple(dict.fromkeys(p for p in perspectives if p in allowed))


@dataclass(frozen=True)
class PublicList:
    counts: dict[str, ShownCount]
    labels: list[tuple[str, ...]]


def public_list(items: Sequence[Iterable[str]], threshold: int | None = None) -> PublicList:
    """What a public page or the API shows for a list of published items: a count per
    perspective (small ones suppressed) and each item's labels (small groups left out)."""
    materialised = [list(item) for item in items]
    counts = Counter(p for item in materialised for p in set(item))
    allowed = nameable(materialised, threshold)
    return PublicList({p: shown(n, threshold) for p, n in sorted(counts.items())},
                      [item_labels(item, allowed) for item in materialised])

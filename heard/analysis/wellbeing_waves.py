"""Wellbeing survey results across waves: per question, per wave, per group (everyone, each age
band, each perspective), the mean score and the share answering positively, the change from the
wave before, with small-number suppression. Pure: no Django, so it is tested on its own.

Answers come on scales of different lengths (three faces for the youngest children, five
for older ones), so a score is put on 0-100 (the bottom of the scale is 0, the top 100) and
"positive" means the top third of a three-point scale or the top two of five.

Suppression works on each partition of one question in one wave: the age bands (with "not
said") add up to everyone, and so do the perspectives. Hiding one small group is not enough
there: everyone's count and mean, less the groups shown, would give the hidden group's back.
So wherever a partition has exactly one hidden group, the next smallest is hidden too
(`heard.core.suppression.suppress_table`, which the rest of Heard uses for the same reason). A
change between waves is shown only when both waves' cells are shown.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from heard.core.numbers import whole_number
from heard.core.suppression import suppress_below, suppress_table

EVERYONE = "all"
BAND = "band"
PERSPECTIVE = "perspective"
NOT_SAID = ""  # the group of people who did not give their age band or perspective


@dataclass(frozen=True)
class Reply:
    """One answer to one question in one wave."""
    wave: int
    question: str
    band: str
    perspective: str
    choice: int  # 0 is the bottom of the scale
    points: int  # how many answers the scale had


def score(choice: int, points: int) -> float:
    """The answer on 0-100, so three- and five-point scales can be averaged together."""
    if points < 2 or not 0 <= choice < points:
        raise ValueError(f"Answer {choice} is not on a {points}-point scale.")
    return 100.0 * choice / (points - 1)


def is_positive(choice: int, points: int) -> bool:
    """Yes on three faces; "most of the time" or "all of the time" on five."""
    return score(choice, points) >= 66.0


@dataclass(frozen=True)
class Cell:
    """One group in one wave for one question. `n` is None when the group is too small to show;
    then mean and share are None too."""
    n: int | None
    mean: float | None
    share_positive: float | None  # 0-100

    @property
    def suppressed(self) -> bool:
        return self.n is None


HIDDEN = Cell(None, None, None)
EMPTY = Cell(0, None, None)


@dataclass(frozen=True)
class Row:
    question: str
    dimension: str  # EVERYONE, BAND or PERSPECTIVE
    group: str
    cells: tuple[Cell, ...]  # one per wave, in the order of the waves given
    # Change in share positive (percentage points) from the wave before; None for the first
    # wave and wherever either wave is hidden or empty.
    changes: tuple[float | None, ...]


def _group_of(reply: Reply, dimension: str) -> str:
    if dimension == BAND:
        return reply.band
    if dimension == PERSPECTIVE:
        return reply.perspective
    return EVERYONE


def _measure(replies: Sequence[Reply]) -> Cell:
    if not replies:
        return EMPTY
    scores = [score(r.choice, r.points) for r in replies]
    positive = sum(is_positive(r.choice, r.points) for r in replies)
    return Cell(len(replies), sum(scores) / len(scores), 100.0 * positive / len(replies))


def _partition(replies: Sequence[Reply], dimension: str, groups: Sequence[str],
               threshold: int) -> dict[str, Cell]:
    """Each group's cell for one question in one wave, with primary and secondary suppression
    across the groups (which add up to everyone)."""
    by_group: dict[str, list[Reply]] = defaultdict(list)
    for reply in replies:
        by_group[_group_of(reply, dimension)].append(reply)
    # "Not said" takes part in the suppression even though it is shown as a group of its own:
    # it is part of the total, so it could otherwise be the lone cell that gives one away.
    every = list(dict.fromkeys([*groups, *by_group]))
    counts = [len(by_group.get(group, [])) for group in every]
    shown = suppress_table([counts], threshold)[0]
    return {group: (HIDDEN if cell.suppressed else _measure(by_group.get(group, [])))
            for group, cell in zip(every, shown, strict=True)}


def _changes(cells: Sequence[Cell]) -> tuple[float | None, ...]:
    changes: list[float | None] = [None]
    for before, after in zip(cells, cells[1:], strict=False):
        if before.share_positive is None or after.share_positive is None:
            changes.append(None)
        else:
            changes.append(after.share_positive - before.share_positive)
    return tuple(changes)


def wave_results(replies: Iterable[Reply], waves: Sequence[int], questions: Sequence[str],
                 bands: Sequence[str], perspectives: Sequence[str],
                 threshold: int | None = None) -> list[Row]:
    """Rows for every question: everyone first, then each age band, then each perspective.
    Groups nobody answered for in any wave are left out, so the table stays short."""
    limit = suppress_below() if threshold is None else threshold
    grouped: dict[tuple[str, int], list[Reply]] = defaultdict(list)
    for reply in replies:
        grouped[(reply.question, reply.wave)].append(reply)
    rows: list[Row] = []
    for question in questions:
        for dimension, groups in ((EVERYONE, [EVERYONE]), (BAND, list(bands)),
                                  (PERSPECTIVE, list(perspectives))):
            per_wave = [_partition(grouped.get((question, wave), []), dimension, groups, limit)
                        for wave in waves]
            seen = list(dict.fromkeys(g for cells in per_wave for g in cells))
            for group in seen:
                cells = tuple(cells.get(group, EMPTY) for cells in per_wave)
                if all(cell.n == 0 for cell in cells):
                    continue
                rows.append(Row(question, dimension, group, cells, _changes(cells)))
    return rows


# --- Reference figures --------------------------------------------------------------------------


@dataclass(frozen=True)
class ReferenceRow:
    """A published figure to compare with: the share answering positively, its source and year."""
    question: str
    share_positive: float
    source: str
    year: int


REFERENCE_COLUMNS = ("question", "share_positive", "source", "year")
MAX_SOURCE_LENGTH = 200
EARLIEST_YEAR, LATEST_YEAR = 1990, 2100


def parse_reference_csv(text: str, questions: Sequence[str]
                        ) -> tuple[list[ReferenceRow], list[str]]:
    """Rows and, if anything is wrong, every problem with its line number. Callers save nothing
    unless the problem list is empty, so a half-right file changes nothing."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip().lower() for name in (reader.fieldnames or [])]
    missing = [name for name in REFERENCE_COLUMNS if name not in header]
    if missing:
        return [], [f"The first line must name the columns {', '.join(REFERENCE_COLUMNS)}. "
                    f"Missing: {', '.join(missing)}."]
    rows: list[ReferenceRow] = []
    problems: list[str] = []
    for number, raw in enumerate(reader, start=2):
        values = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        row, row_problems = parse_reference(values.get("question", ""),
                                            values.get("share_positive", ""),
                                            values.get("source", ""), values.get("year", ""),
                                            questions)
        problems += [f"Line {number}: {problem}" for problem in row_problems]
        if row is not None:
            rows.append(row)
    if not rows and not problems:
        problems.append("The file has no figures under its first line.")
    return rows, problems


def parse_reference(question: str, share: str, source: str, year: str,
                    questions: Sequence[str]) -> tuple[ReferenceRow | None, list[str]]:
    """One figure from a form or a CSV line, or the problems with it."""
    problems: list[str] = []
    if question not in questions:
        problems.append(f"there is no question {question!r} in this survey.")
    value = _number(share)
    if value is None or not 0 <= value <= 100:
        problems.append(f"the share positive must be a number from 0 to 100, not {share!r}.")
    if not source or len(source) > MAX_SOURCE_LENGTH or "\x00" in source:
        problems.append(f"give the source in 1 to {MAX_SOURCE_LENGTH} characters.")
    when = whole_number(year, most_digits=4)
    if when is None or not EARLIEST_YEAR <= when <= LATEST_YEAR:
        problems.append(f"the year must be a year like 2023, not {year!r}.")
    if problems or value is None or when is None:
        return None, problems
    return ReferenceRow(question, value, source, when), []


def _number(text: str) -> float | None:
    try:
        value = float(text.rstrip("%").strip())
    except ValueError:
        return None
    return value if value == value and value not in (float("inf"), float("-inf")) else None

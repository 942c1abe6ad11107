"""Turning a representation into what a page may show. Pure: no Django.

Every count passes through small-number suppression here (`suppress_table` for the columns of a
table, `shown` for totals), and a share or ratio is only written where the count behind it may be
shown, so no percentage can give a hidden count away.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from heard.core.suppression import (
    ShownCount,
    is_suppressed,
    shown,
    suppress_table,
    suppressed_text,
)
from heard.core.vocab import GROUP_LABELS, PERSPECTIVE_GROUP, PERSPECTIVES, gettext_noop

from .representation import NOT_SAID, PARENTS, Comparison, Representation, Row, Table

HIDDEN_TEXT = gettext_noop("hidden")


def hide_with_lines(counts: Mapping[str, int], lines: Iterable[Sequence[str]],
                    threshold: int | None = None) -> set[str]:
    """The rule of `suppress_table`, for counts that sit in several overlapping lines (a
    perspective is in the whole table, in its group and perhaps among parents). Small counts are
    hidden, then wherever a line shown with its total has one hidden count, the smallest other
    non-zero count in that line is hidden too, until no line has a lone hidden count."""
    hidden = {k for k, v in counts.items() if is_suppressed(v, threshold)}
    all_lines = [[k for k in line if k in counts] for line in lines]
    changed = True
    while changed:
        changed = False
        for line in all_lines:
            if len(line) < 2 or sum(k in hidden for k in line) != 1:
                continue
            candidates = [(counts[k] == 0, counts[k], k) for k in line if k not in hidden]
            hidden.add(min(candidates)[2])
            changed = True
    return hidden


def perspective_hidden(rep: Representation) -> set[str]:
    """One set of hidden perspective counts for every table and alert on the page, so that no
    table can be subtracted from another to find a hidden count."""
    counts = {code: rep.count(code) for code in (*PERSPECTIVES, NOT_SAID)}
    lines: list[Sequence[str]] = [list(counts)]
    lines += [[p for p in PERSPECTIVES if PERSPECTIVE_GROUP[p] == g] for g in GROUP_LABELS]
    lines += [PARENTS, ("child_in_care", "care_leaver")]
    return hide_with_lines(counts, lines)


def count_text(count: ShownCount, value: int) -> str:
    """A hidden count reads "fewer than 5" only where that is true; a larger count hidden so
    that a small one cannot be worked out reads "hidden"."""
    if not count.suppressed:
        return str(count)
    return suppressed_text() if is_suppressed(value) else HIDDEN_TEXT


@dataclass(frozen=True)
class ShownRow:
    code: str
    label: str
    count: ShownCount
    count_text: str
    share: str = ""
    extra: ShownCount | None = None
    extra_text: str = ""
    extra_share: str = ""
    reference_share: str = ""
    ratio: str = ""
    interval: str = ""


@dataclass(frozen=True)
class ShownTable:
    key: str
    title: str
    rows: list[ShownRow]
    base: ShownCount
    note: str
    source_line: str
    has_extra: bool
    has_reference: bool


def _share(count: ShownCount, base: int) -> str:
    if count.value is None or base == 0 or shown(base).suppressed:
        return ""
    return f"{count.value / base:.0%}"


def _ratio(comparison: Comparison | None, cell: ShownCount) -> tuple[str, str]:
    if comparison is None or cell.suppressed or shown(comparison.base).suppressed:
        return "", ""
    ratio, interval = comparison.ratio, comparison.interval
    if ratio is None or interval is None:
        return "", ""
    return f"{ratio:.2f}", f"{interval[0]:.2f} to {interval[1]:.2f}"


def shown_table(table: Table, share_base: int | None = None,
                hidden_codes: set[str] | None = None) -> ShownTable:
    """`share_base` is the base for the first column's shares (all contributions, say); the
    comparison columns use the comparison's own base. `hidden_codes`, where given, is the
    page-wide set of hidden perspective counts and replaces this table's own suppression."""
    has_extra = any(r.extra is not None for r in table.rows)
    cells = [[r.count, r.extra or 0] if has_extra else [r.count] for r in table.rows]
    if hidden_codes is not None:
        hidden = [[ShownCount(None if r.code in hidden_codes else r.count)] for r in table.rows]
    else:
        hidden = suppress_table(cells) if cells else []
    base_for_share = table.base if share_base is None else share_base
    rows = []
    for row, shown_cells in zip(table.rows, hidden, strict=True):
        count = shown_cells[0]
        extra = shown_cells[1] if has_extra else None
        compared_cell = extra if extra is not None else count
        ratio, interval = _ratio(row.comparison, compared_cell)
        rows.append(ShownRow(
            code=row.code, label=row.label, count=count, count_text=count_text(count, row.count),
            share=_share(count, base_for_share) if _counts_in_base(row) else "",
            extra=extra,
            extra_text=count_text(extra, row.extra or 0) if extra is not None else "",
            extra_share=(_share(extra, row.comparison.base)
                         if extra is not None and row.comparison else ""),
            reference_share=_reference_share(row),
            ratio=ratio, interval=interval,
        ))
    return ShownTable(
        table.key, table.title, rows, shown(table.base), table.note,
        table.reference.source_line if table.reference else "", has_extra,
        any(r.comparison is not None and r.comparison.reference_share is not None
            for r in table.rows),
    )


def _counts_in_base(row: Row) -> bool:
    return row.code not in ("not_said", "prefer_not_to_say")


def _reference_share(row: Row) -> str:
    if row.comparison is None or row.comparison.reference_share is None:
        return ""
    return f"{row.comparison.reference_share:.1%}"


@dataclass(frozen=True)
class Bar:
    label: str
    text: str
    y: int
    width: float
    suppressed: bool


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    height: int
    label_width: int = 230
    bar_area: int = 330
    row_height: int = 28


def bar_chart(table: ShownTable, label_width: int = 230, bar_area: int = 330) -> Chart:
    """Horizontal bars drawn from the shown counts only: a suppressed count draws no bar."""
    row_height = 28
    biggest = max((r.count.value or 0 for r in table.rows), default=0) or 1
    bars = [
        Bar(r.label, r.count_text, 10 + i * row_height,
            round(bar_area * (r.count.value or 0) / biggest, 1), r.count.suppressed)
        for i, r in enumerate(table.rows)
    ]
    return Chart(bars, 20 + len(bars) * row_height, label_width, bar_area, row_height)


@dataclass(frozen=True)
class Page:
    total: ShownCount
    perspectives: ShownTable
    chart: Chart
    groups: ShownTable
    parents: ShownTable
    care_split: ShownTable
    care_leaver_ages: ShownTable
    ethnicity: ShownTable
    equality: list[ShownTable]


def page_tables(rep: Representation, hidden: set[str] | None = None) -> Page:
    hidden = perspective_hidden(rep) if hidden is None else hidden
    perspectives = shown_table(rep.perspectives, hidden_codes=hidden)
    return Page(
        total=shown(rep.total),
        perspectives=perspectives,
        chart=bar_chart(perspectives),
        groups=shown_table(rep.groups),
        parents=shown_table(rep.parents, hidden_codes=hidden),
        care_split=shown_table(rep.care_experienced_split, hidden_codes=hidden),
        care_leaver_ages=shown_table(rep.care_leaver_ages),
        ethnicity=shown_table(rep.ethnicity, share_base=sum(
            r.count for r in rep.ethnicity.rows if r.code not in ("not_said",
                                                                  "prefer_not_to_say"))),
        equality=[shown_table(t) for t in (rep.age, rep.gender, rep.disability)],
    )

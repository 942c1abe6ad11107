"""Small-number suppression: no published cell from 1 to 4, and no hidden cell recoverable from
its row or column total."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from heard.reports.suppression import SUPPRESSED_TEXT, shown, suppress_table

tables = st.integers(1, 6).flatmap(lambda cols: st.lists(
    st.lists(st.integers(0, 40), min_size=cols, max_size=cols), min_size=1, max_size=6))


def test_single_counts():
    assert str(shown(0)) == "0" and str(shown(4)) == SUPPRESSED_TEXT and str(shown(5)) == "5"


def test_a_lone_hidden_cell_takes_a_partner_with_it():
    table = suppress_table([[15, 17], [1, 13], [7, 11]])
    assert [c.suppressed for c in (row[0] for row in table)] == [False, True, True]


@settings(max_examples=1000, deadline=None)
@given(tables)
def test_no_small_cell_is_shown_and_none_can_be_worked_out(cells):
    result = suppress_table(cells)
    for row in result:
        for cell in row:
            assert cell.suppressed or not (0 < cell.value < 5)
    lines = [list(zip(r, result[i], strict=True)) for i, r in enumerate(cells)]
    lines += [[(cells[r][c], result[r][c]) for r in range(len(cells))]
              for c in range(len(cells[0]))]
    for line in lines:
        if len(line) < 2:
            continue  # its total is the cell itself, suppressed the same way
        hidden = [value for value, cell in line if cell.suppressed]
        # With the total known, one hidden cell would be exactly recoverable.
        assert len(hidden) != 1

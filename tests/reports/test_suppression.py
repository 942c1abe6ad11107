"""Small-number suppression: no published cell from 1 to 4, no hidden cell recoverable from
its row or column total, and no hidden count rebuilt by counting labels on published items."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from heard.core.suppression import (
    DEFAULT_SUPPRESS_BELOW,
    public_list,
    shown,
    suppress_table,
    suppressed_text,
)

tables = st.integers(1, 6).flatmap(lambda cols: st.lists(
    st.lists(st.integers(0, 40), min_size=cols, max_size=cols), min_size=1, max_size=6))


def test_single_counts():
    assert str(shown(0)) == "0" and str(shown(4)) == suppressed_text() and str(shown(5)) == "5"


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


# --- Public item lists: per-item labels must not rebuild a suppressed count -----------------

VOCABULARY = ("child_in_care", "care_leaver", "parent_father", "foster_carer", "social_worker")
published_items = st.lists(st.lists(st.sampled_from(VOCABULARY), max_size=3, unique=True),
                           min_size=0, max_size=40)


def _shown_page(items):
    """Everything a reader of the public page or the API sees about who shared."""
    page = public_list(items)
    return ({p: str(c) for p, c in page.counts.items()}, page.labels)


@settings(max_examples=500, deadline=None)
@given(published_items)
def test_counting_labels_never_gives_a_suppressed_count(items):
    page = public_list(items)
    for perspective, count in page.counts.items():
        labelled = sum(perspective in labels for labels in page.labels)
        # A shown count may be checked against the labels; a hidden one cannot be counted.
        assert labelled == (0 if count.suppressed else count.value)


@settings(max_examples=500, deadline=None)
@given(published_items, st.data())
def test_a_suppressed_group_one_bigger_or_smaller_looks_exactly_the_same(items, data):
    page = public_list(items)
    hidden = [p for p, c in page.counts.items() if c.suppressed]
    if not hidden:
        return
    perspective = data.draw(st.sampled_from(hidden))
    holders = [i for i, item in enumerate(items) if perspective in item]
    others = [i for i, item in enumerate(items) if perspective not in item]
    changed = [list(item) for item in items]
    if len(holders) < DEFAULT_SUPPRESS_BELOW - 1 and others:
        changed[data.draw(st.sampled_from(others))].append(perspective)
    elif len(holders) > 1:
        changed[data.draw(st.sampled_from(holders))].remove(perspective)
    else:
        return  # one holder and nobody else: the page shows a row that could be 1 to 4
    # Two lists whose suppressed count differs show the same page: it cannot be worked out.
    assert _shown_page(changed) == _shown_page(items)


def test_the_public_page_and_the_api_leave_small_groups_off_each_item(db, activity, moderator):
    from django.test import Client

    from heard.contributions.actions import NewContribution, do_submit_contribution
    from heard.core.vocab import PERSPECTIVE_LABELS
    from heard.safety.actions import do_publish, do_review_redactions

    def share(perspectives):
        contribution, _ = do_submit_contribution(activity, NewContribution(
            kind="story", text="Being heard made a difference to me.",
            perspectives=tuple(perspectives),
            consents={"analysis": True, "quote": True, "publish": True}), None)
        do_review_redactions(contribution, moderator, [])
        do_publish(contribution, moderator)

    for _ in range(6):
        share(["care_leaver"])
    for _ in range(3):
        share(["parent_father"])
    share(["care_leaver", "parent_father"])
    page = Client().get(f"/activities/{activity.slug}/").content.decode()
    items = page.split("Published</h2>", 1)[1]
    assert items.count(f"Shared by {PERSPECTIVE_LABELS['care_leaver'].lower()}") == 7
    assert PERSPECTIVE_LABELS["parent_father"].lower() not in items
    assert page.count("We do not show who shared this.") == 3
    api = Client().get(f"/api/activities/{activity.slug}/contributions?limit=100").json()
    assert sum("parent_father" in item["perspectives"] for item in api["items"]) == 0
    assert sum("care_leaver" in item["perspectives"] for item in api["items"]) == 7

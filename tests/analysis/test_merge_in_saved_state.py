"""An analyst's merge reaches the state the next run starts from."""

from __future__ import annotations

import numpy as np

from heard.analysis.themes.stability import (
    ModelState,
    ThemeEdit,
    match_themes,
    merge_centroids,
)


def _state() -> ModelState:
    centroids = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]], dtype=np.float32)
    return ModelState("fake-3", ["T1", "T2", "T6"], centroids, next_number=7)


def test_the_merged_away_theme_leaves_and_the_target_moves_towards_it():
    merged = merge_centroids(_state(), "T6", "T1", source_size=30, target_size=90)
    assert merged.theme_ids == ["T1", "T2"]
    expected = np.array([90.0, 0.0, 30.0]) / np.linalg.norm([90.0, 0.0, 30.0])
    assert np.allclose(merged.centroids[0], expected, atol=1e-6)
    assert np.allclose(merged.centroids[1], [0.0, 1.0, 0.0])


def test_a_new_theme_where_the_merged_texts_gather_keeps_the_target_id():
    # The next run finds one theme between the old T1 and T6: it is the merged T1, not T6.
    between = np.array([[0.6, 0.0, 0.8]], dtype=np.float32)
    before, _ = match_themes(between, _state())
    after, _ = match_themes(between, merge_centroids(_state(), "T6", "T1", 50, 50))
    assert before == ["T6"]  # without the merge in the state, the analyst's merge is undone
    assert after == ["T1"]


def test_unknown_ids_change_nothing():
    state = _state()
    assert merge_centroids(state, "T9", "T1", 5, 5) is state


def test_a_named_theme_follows_its_contributions_when_its_centroid_has_moved_away():
    # The analyst named T1; the next run's themes lie far from every old centroid (cosine
    # below the threshold), but the first new theme holds most of T1's contributions.
    state = _state()
    state.edits = {"T1": ThemeEdit(label="Being moved again and again")}
    new = np.array([[0.0, 0.5, 0.866], [0.5, 0.0, -0.866]], dtype=np.float32)
    labels = np.array([0, 0, 0, 0, 1, 1])
    members = ["T1", "T1", "T1", None, "T2", "T2"]
    without, _ = match_themes(new, state)
    with_members, _ = match_themes(new, state, labels=labels, previous_members=members)
    assert "T1" not in without
    assert with_members == ["T1", "T2"]


def test_a_big_new_theme_does_not_take_a_small_old_themes_name():
    # Three of T2's contributions joined a new theme of ten mostly new ones: not T2 any more.
    state = _state()
    new = np.full((1, 3), 3 ** -0.5, dtype=np.float32)  # cosine 0.58 to each old theme
    labels = np.zeros(10, dtype=np.int64)
    members = ["T2", "T2", "T2", *([None] * 7)]
    ids, _ = match_themes(new, state, labels=labels, previous_members=members)
    assert ids == ["T7"]


def test_when_two_new_themes_could_take_an_id_the_named_theme_keeps_its_own():
    # A new theme is close to both T1 (unnamed) and T6 (named): the named theme's id is kept.
    state = _state()
    state.edits = {"T6": ThemeEdit(label="Not told why")}
    between = np.array([[0.7, 0.0, 0.714]], dtype=np.float32)
    ids, _ = match_themes(between, state)
    assert ids == ["T6"]

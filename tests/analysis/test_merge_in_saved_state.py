"""An analyst's merge reaches the state the next run starts from."""

from __future__ import annotations

import numpy as np

from heard.analysis.themes.stability import ModelState, match_themes, merge_centroids


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

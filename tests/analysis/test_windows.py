"""Sentence windows (measured in `heard eval membership`, not used by the pipeline by default):
long stories are cut into windows, and every story still gets exactly one theme."""

from __future__ import annotations

import numpy as np

from heard.analysis.themes import ClusterConfig, FakeEmbedder
from heard.analysis.themes.membership_eval import stability_k
from heard.analysis.themes.windows import cluster_windows, make_windows, split_sentences

MOVES = "I moved placement again. I had to pack my bags in bin bags."
SCHOOL = "My school changed three times. Teachers did not know me."
WORKER = "My social worker changed again. I had to tell my story again."


def test_long_stories_are_cut_into_overlapping_windows_and_short_ones_are_kept_whole():
    long_story = f"{MOVES} {SCHOOL} {WORKER}"
    assert len(split_sentences(long_story)) == 6
    windows = make_windows([long_story, MOVES], size=2, min_sentences=4)
    assert windows.texts[-1] == MOVES
    assert list(windows.owner) == [0, 0, 0, 0, 0, 1]
    assert windows.texts[0] == "I moved placement again. I had to pack my bags in bin bags."


def test_every_story_gets_one_theme_and_a_different_secondary():
    texts = [f"{a} {b}" for a in (MOVES, SCHOOL, WORKER) for b in (MOVES, SCHOOL, WORKER)] * 3
    found = cluster_windows(texts, FakeEmbedder(), ClusterConfig(k=3, min_size=1), size=2,
                            min_sentences=4)
    assert found.labels.shape == (len(texts),)
    assert set(np.unique(found.labels)) <= {0, 1, 2}
    assert np.all(found.secondary != found.labels)


def test_stability_k_stays_in_the_allowed_range():
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(6, 16))
    x = np.repeat(centres, 30, axis=0) + rng.normal(scale=0.05, size=(180, 16))
    x = (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)
    k = stability_k(x, ClusterConfig(min_themes=2, max_themes=10))
    assert 2 <= k <= 10

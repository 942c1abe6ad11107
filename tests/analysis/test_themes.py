"""The theme pipeline step by step, with the deterministic fake embedder (no model, no torch)."""

from __future__ import annotations

import math
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from heard.analysis.themes import (
    ClusterConfig,
    FakeEmbedder,
    ModelState,
    assign_to_existing,
    cluster_embeddings,
    display_count,
    pick_quotes,
    representation_ratio,
    run_themes,
    theme_terms,
    weighted_log_odds,
)
from heard.analysis.themes.labels import class_tfidf, pick_phrases, readable_label
from heard.analysis.themes.perspectives import item_voice, perspective_lens

TOPICS = {
    "moves": ["placement", "moved", "house", "foster", "carers", "new", "school", "packed",
              "bags", "bin", "bags"],
    "workers": ["social", "worker", "changed", "again", "caseload", "visits", "trust",
                "agency", "staff"],
    "health": ["mental", "health", "waiting", "list", "counselling", "anxiety", "camhs",
               "appointment"],
}
FILLER = ["the", "and", "we", "it", "was", "they", "our", "a", "to", "of"]
ROOT = Path(__file__).resolve().parents[2]


def corpus(per_topic: int = 40, seed: int = 1) -> tuple[list[str], list[str]]:
    """Short texts, each mostly one topic's words: the fake embedder separates them."""
    rng = np.random.default_rng(seed)
    texts, truth = [], []
    for topic, words in TOPICS.items():
        for _ in range(per_topic):
            picked = list(rng.choice(words, size=6)) + list(rng.choice(FILLER, size=3))
            rng.shuffle(picked)
            texts.append(" ".join(picked))
            truth.append(topic)
    return texts, truth


@pytest.fixture(scope="module")
def embedded() -> tuple[list[str], list[str], np.ndarray]:
    texts, truth = corpus()
    return texts, truth, FakeEmbedder().embed(texts)


# --- embed -----------------------------------------------------------------------------------


def test_fake_embedder_is_deterministic_and_unit_length() -> None:
    first = FakeEmbedder().embed(["a social worker", "moved placement", ""])
    second = FakeEmbedder().embed(["a social worker", "moved placement", ""])
    assert first.dtype == np.float32
    assert np.array_equal(first, second)
    assert np.allclose(np.linalg.norm(first[:2], axis=1), 1.0)
    assert not first[2].any()


# --- cluster ---------------------------------------------------------------------------------


def test_clustering_is_deterministic_for_a_seed(embedded) -> None:
    _, _, x = embedded
    first = cluster_embeddings(x, ClusterConfig(k=3, seed=4))
    second = cluster_embeddings(x, ClusterConfig(k=3, seed=4))
    assert np.array_equal(first.labels, second.labels)
    assert np.array_equal(first.centroids, second.centroids)


def test_every_item_gets_exactly_one_theme(embedded) -> None:
    _, _, x = embedded
    result = cluster_embeddings(x, ClusterConfig(k=3))
    assert result.labels.shape == (x.shape[0],)
    assert result.labels.min() == 0 and result.labels.max() == result.k - 1
    assert result.sizes().sum() == x.shape[0]
    assert (result.secondary != result.labels).all()


def test_given_k_finds_the_topics(embedded) -> None:
    from sklearn.metrics import adjusted_rand_score

    _, truth, x = embedded
    result = cluster_embeddings(x, ClusterConfig(k=3))
    assert result.k == 3
    assert adjusted_rand_score(truth, result.labels) > 0.9


def test_automatic_k_stays_within_bounds(embedded) -> None:
    _, _, x = embedded
    result = cluster_embeddings(x, ClusterConfig(min_themes=2, max_themes=6))
    assert 2 <= result.k <= 6
    assert result.k_scores and set(result.k_scores) <= set(range(2, 7))
    assert result.k == 3  # three topics: the silhouette should see them


def test_small_themes_are_merged_into_their_nearest(embedded) -> None:
    _, _, x = embedded
    result = cluster_embeddings(x, ClusterConfig(k=20, min_size=15))
    assert result.sizes().min() >= 15
    assert result.sizes().sum() == x.shape[0]


def test_themes_are_found_without_the_runs_common_direction_but_reported_in_its_own_space(
        embedded) -> None:
    from heard.analysis.themes.cluster import clustering_space

    _, truth, x = embedded
    centred = clustering_space(x)
    # The common direction is gone: texts of different topics are no longer alike just for
    # sharing the run's filler words.
    assert np.allclose(np.linalg.norm(centred, axis=1), 1.0, atol=1e-5)
    topic = np.asarray(truth)
    different = topic[:, None] != topic[None, :]
    assert (centred @ centred.T)[different].mean() < (x @ x.T)[different].mean() - 0.05
    result = cluster_embeddings(x, ClusterConfig(k=3))
    for theme in range(result.k):
        mean = x[result.labels == theme].mean(axis=0)
        assert np.allclose(result.centroids[theme], mean / np.linalg.norm(mean), atol=1e-5)
    own = (x * result.centroids[result.labels]).sum(axis=1)
    assert np.allclose(result.score, own, atol=1e-5)


def test_identical_texts_make_one_theme() -> None:
    x = FakeEmbedder().embed(["the same words"] * 12)
    result = cluster_embeddings(x, ClusterConfig())
    assert result.k == 1 and (result.labels == 0).all()
    assert cluster_embeddings(x, ClusterConfig(k=4)).k == 1


def test_one_text_makes_one_theme() -> None:
    result = cluster_embeddings(FakeEmbedder().embed(["just one"]), ClusterConfig())
    assert result.k == 1 and result.secondary[0] == -1


# --- label -----------------------------------------------------------------------------------


def test_labels_come_from_class_tfidf(embedded) -> None:
    texts, truth, x = embedded
    result = cluster_embeddings(x, ClusterConfig(k=3))
    terms = theme_terms(texts, result.labels, result.k)
    for index, theme in enumerate(terms):
        members = [truth[i] for i in np.flatnonzero(result.labels == index)]
        topic = max(set(members), key=members.count)
        assert set(" ".join(theme.key_words[:3]).split()) <= set(TOPICS[topic])
        assert theme.label.split(",")[0].strip().lower() in theme.key_words


def test_class_tfidf_prefers_words_of_one_class() -> None:
    counts = np.array([[5.0, 5.0, 0.0], [0.0, 5.0, 5.0]])  # term 1 is in both classes
    scores = class_tfidf(counts)
    assert scores[0, 0] > scores[0, 1] and scores[1, 2] > scores[1, 1]


def test_longer_phrase_replaces_the_word_inside_it() -> None:
    picked = pick_phrases(["worker", "social worker", "social", "visits"], [3, 2, 1.5, 1], 3)
    assert [p for p, _ in picked] == ["social worker", "visits"]
    assert readable_label(["social worker", "visits", "social"], 0) == "Social worker, visits"
    assert readable_label([], 4) == "Theme 5"


# --- quotes ----------------------------------------------------------------------------------


def test_quotes_only_from_quotable_items(embedded) -> None:
    texts, _, x = embedded
    result = cluster_embeddings(x, ClusterConfig(k=3))
    quotable = [i % 2 == 0 for i in range(len(texts))]
    redacted = [f"[redacted] {t}" for t in texts]
    quotes = pick_quotes(x, result.labels, result.centroids, quotable, redacted)
    for theme, chosen in enumerate(quotes):
        assert 3 <= len(chosen) <= 5
        for quote in chosen:
            assert quotable[quote.index] and result.labels[quote.index] == theme
            assert quote.text == redacted[quote.index]
        assert len({q.text for q in chosen}) == len(chosen)


def test_no_quotes_when_nobody_agreed(embedded) -> None:
    texts, _, x = embedded
    result = cluster_embeddings(x, ClusterConfig(k=3))
    quotes = pick_quotes(x, result.labels, result.centroids, [False] * len(texts), texts)
    assert quotes == [[], [], []]


# --- stability -------------------------------------------------------------------------------


def test_rerun_keeps_theme_ids_and_analyst_edits(embedded) -> None:
    texts, _, _ = embedded
    first = run_themes(texts, FakeEmbedder(), config=ClusterConfig(k=3))
    target = first.themes[1].id
    locked = first.themes[2].id
    edits = {target: {"label": "Moving home", "locked": False}, locked: {"locked": True}}
    # Same items in another order, plus a few more: ids must follow meaning, not position.
    more, _ = corpus(per_topic=5, seed=9)
    second = run_themes(list(reversed(texts)) + more, FakeEmbedder(),
                        config=ClusterConfig(k=3, seed=7), previous=first.state, edits=edits)
    assert {t.id for t in second.themes} == {t.id for t in first.themes}
    for old in first.themes:
        new = next(t for t in second.themes if t.id == old.id)
        assert set(new.key_words[:3]) & set(old.key_words[:3])
    relabelled = next(t for t in second.themes if t.id == target)
    assert relabelled.label == "Moving home" and relabelled.label_source == "analyst"
    kept = next(t for t in second.themes if t.id == locked)
    assert kept.locked and kept.label == first.themes[2].label
    # Edits travel in the state, so a third run without passing them keeps them too.
    third = run_themes(texts, FakeEmbedder(), config=ClusterConfig(k=3), previous=second.state)
    assert next(t for t in third.themes if t.id == target).label == "Moving home"


def test_a_new_theme_gets_a_new_id(embedded) -> None:
    texts, _, _ = embedded
    first = run_themes(texts[:80], FakeEmbedder(), config=ClusterConfig(k=2))
    second = run_themes(texts, FakeEmbedder(), config=ClusterConfig(k=3), previous=first.state)
    assert sorted(t.id for t in second.themes) == ["T1", "T2", "T3"]
    assert second.state.next_number == 4


def test_assign_to_existing_places_new_items_without_reclustering(embedded) -> None:
    texts, truth, _ = embedded
    run = run_themes(texts, FakeEmbedder(), config=ClusterConfig(k=3))
    state = ModelState.from_dict(run.state.to_dict())  # survives a JSON round trip
    new = ["counselling waiting list anxiety camhs", "social worker caseload changed again"]
    assigned = assign_to_existing(state, new, FakeEmbedder())
    theme_of = {truth[i]: run.theme_ids[i] for i in range(len(texts))}
    assert assigned.theme_ids == [theme_of["health"], theme_of["workers"]]
    assert (assigned.scores > assigned.secondary_scores).all()
    with pytest.raises(ValueError, match="same model"):
        assign_to_existing(state, new, FakeEmbedder(dims=32))
    # Without an embedder, the one named in the state is rebuilt.
    assert assign_to_existing(state, new).theme_ids == assigned.theme_ids
    assert assign_to_existing(state, []).theme_ids == []


# --- perspectives ----------------------------------------------------------------------------


def test_log_odds_sign_on_a_hand_example() -> None:
    # Group A says "placement" often, group B says "caseload" often; "meeting" evenly.
    vocabulary = ["placement", "caseload", "meeting"]
    a = np.array([20, 2, 10])
    b = np.array([3, 25, 10])
    delta, z = weighted_log_odds(a, b, a + b, prior_size=10)
    assert delta[0] > 0 and z[0] > 1.96, vocabulary[0]
    assert delta[1] < 0 and z[1] < -1.96, vocabulary[1]
    assert abs(z[2]) < abs(z[0]) and abs(z[2]) < abs(z[1])
    # Swapping the groups flips every sign.
    assert np.allclose(weighted_log_odds(b, a, a + b, prior_size=10)[0], -delta)


def test_representation_ratio_and_interval() -> None:
    ratio, low, high = representation_ratio(30, 100, 100, 1000)  # 30% in theme vs 10% overall
    assert ratio == pytest.approx(3.0)
    assert low < ratio < high and low > 1.0
    ratio, low, high = representation_ratio(10, 100, 100, 1000)
    assert ratio == pytest.approx(1.0) and low < 1.0 < high
    assert representation_ratio(0, 100, 100, 1000)[0] == 0.0


def test_representation_interval_covers_about_95_percent() -> None:
    # Simulate: group share 20%; the theme's share of the group equals its share of others.
    rng = np.random.default_rng(3)
    hits = 0
    for _ in range(400):
        in_group = rng.random(2000) < 0.2
        in_theme = rng.random(2000) < 0.15
        _, low, high = representation_ratio(int((in_group & in_theme).sum()),
                                            int(in_theme.sum()), int(in_group.sum()), 2000)
        hits += low <= 1.0 <= high
    assert 0.91 <= hits / 400 <= 0.99


def test_perspective_lens_counts_groups_and_dual_voices(embedded) -> None:
    texts, truth, _ = embedded
    perspectives = []
    for topic in truth:
        if topic == "workers":
            perspectives.append(["social_worker"])
        elif topic == "moves":
            perspectives.append(["child_in_care"])
        else:
            perspectives.append(["care_leaver", "social_worker"])
    run = run_themes(texts, FakeEmbedder(), config=ClusterConfig(k=3), perspectives=perspectives)
    for theme in run.themes:
        assert theme.lens is not None
        groups = {row.group: row for row in theme.lens.groups}
        members = [truth[i] for i in np.flatnonzero(run.labels == theme.index)]
        if set(members) == {"workers"}:
            assert groups["professional"].count == theme.size
            assert groups["care_experienced"].count == 0
            assert groups["professional"].ratio > 1
        if set(members) == {"health"}:
            voices = {row.group: row.count for row in theme.lens.voices}
            assert voices == {"dual": theme.size, "care_experienced_only": 0,
                              "professional_only": 0}


def test_distinctive_words_per_perspective_within_a_theme() -> None:
    from heard.analysis.themes.labels import count_terms

    texts = [f"review meeting placement moved {i}" for i in range(20)] + [
        f"review meeting caseload paperwork {i}" for i in range(20)]
    perspectives = [["child_in_care"]] * 20 + [["social_worker"]] * 20
    labels = np.zeros(len(texts), dtype=np.int64)
    lens = perspective_lens(labels, 1, perspectives, count_terms(texts, labels))[0]
    young = [t.term for t in lens.distinctive["care_experienced"]]
    staff = [t.term for t in lens.distinctive["professional"]]
    assert any("placement" in term for term in young)
    assert not any("placement" in term for term in staff)
    assert any("caseload" in term for term in staff)
    assert "review meeting" not in staff + young  # both groups say it: not distinctive


def test_item_voice_counts_dual_people_once() -> None:
    assert item_voice(frozenset({"care_experienced", "professional", "dual"})) == "dual"
    assert item_voice(frozenset({"care_experienced", "family"})) == "care_experienced_only"
    assert item_voice(frozenset({"family"})) is None


def test_display_count_suppresses_one_to_four() -> None:
    assert [display_count(n) for n in (0, 1, 4, 5, 12345)] == [
        "0", "fewer than 5", "fewer than 5", "5", "12,345"]


# --- whole pipeline ----------------------------------------------------------------------------


def test_run_reports_progress_and_is_deterministic(embedded) -> None:
    texts, _, _ = embedded
    seen: list[tuple[float, str]] = []
    first = run_themes(texts, FakeEmbedder(), progress=lambda f, m: seen.append((f, m)))
    second = run_themes(texts, FakeEmbedder())
    assert seen[0][0] == 0.0 and seen[-1][0] == 1.0
    assert [f for f, _ in seen] == sorted(f for f, _ in seen)
    assert first.theme_ids == second.theme_ids
    assert [t.label for t in first.themes] == [t.label for t in second.themes]


def test_fake_pipeline_runs_without_torch_or_model2vec(tmp_path: Path) -> None:
    script = textwrap.dedent("""
        import sys

        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in {"torch", "model2vec", "sentence_transformers",
                                          "transformers"}:
                    raise ImportError("blocked " + name)

        sys.meta_path.insert(0, Block())
        from heard.analysis.themes import FakeEmbedder, run_themes
        run = run_themes(["a b c", "d e f", "a b d"] * 5, FakeEmbedder())
        assert len(run.theme_ids) == 15
        assert not {"torch", "model2vec"} & set(sys.modules)
        print("ok")
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_every_theme_has_a_readable_label(embedded) -> None:
    texts, _, _ = embedded
    run = run_themes(texts, FakeEmbedder(), config=ClusterConfig(k=3))
    assert all(theme.label and not math.isnan(len(theme.label)) for theme in run.themes)

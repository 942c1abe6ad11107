"""The contextual second look of safeguarding triage (`triage_look`, decision 0026 round 9).

The test suite switches the look off (`HEARD_TRIAGE_LOOK=off` in tests/conftest.py) so that
its workers do not each load torch. The tests here that need MiniLM switch it back on and are
the only ones that load it; the blending and tuner tests need no MiniLM at all."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from heard.safety import triage_look as looks
from heard.safety import triage_model as tm
from heard.safety import triage_tune as tt
from heard.safety.triage_windows import cut

RISKY = "He hit me again last night and he says he will do it again tonight when mum is out."
CALM = "The youth club was fun and the staff were kind."
# Risky (over the gate) but not urgent: the shipped model looks at it.
PAST = "My dad used to hit me when I was little but he moved out years ago."


def _scores(text: str, risk: float, urgency: float, concern: float) -> list[tm.WindowScore]:
    """Every window of the text with the same made-up scores (the first is the riskiest)."""
    vector = np.zeros(4, dtype=np.float32)
    return [tm.WindowScore(w, vector, urgency, risk, 1.0, concern) for w in cut(text).windows]


def _look(urgency: float, concern: float, calls: list[str]) -> tm.LookFn:
    def take(scores: object, top: tm.WindowScore) -> looks.LookScores:
        calls.append(top.window.text)
        return looks.LookScores(urgency, concern, top.window)
    return take


THRESHOLDS = tm.Thresholds(immediate=0.5, concern=0.42, gate=0.2)


def test_a_text_over_the_gate_gets_the_look_blended_half_and_half() -> None:
    scores = _scores(RISKY, risk=0.9, urgency=0.3, concern=0.2)
    without = tm.decide(scores, THRESHOLDS, len(RISKY.split()))
    assert without.level == "none" and without.look is None
    calls: list[str] = []
    urgent = tm.decide(scores, THRESHOLDS, len(RISKY.split()), _look(0.9, 0.1, calls))
    assert urgent.level == "immediate"
    assert urgent.score == pytest.approx(0.5 * 0.3 + 0.5 * 0.9)
    assert urgent.look is not None and urgent.look.urgency == 0.9
    assert len(calls) == 1
    # The look can lower a score as well as raise it: a base urgency over the threshold and a
    # calm contextual reading blend to a concern.
    calmed = tm.decide(_scores(RISKY, risk=0.9, urgency=0.6, concern=0.5), THRESHOLDS,
                       len(RISKY.split()), _look(0.1, 0.8, []))
    assert calmed.level == "concern"
    assert calmed.score == pytest.approx(0.5 * 0.5 + 0.5 * 0.8)


def test_a_text_under_the_gate_is_not_looked_at() -> None:
    calls: list[str] = []
    decision = tm.decide(_scores(CALM, risk=0.1, urgency=0.9, concern=0.3), THRESHOLDS,
                         len(CALM.split()), _look(1.0, 1.0, calls))
    assert calls == []
    assert decision.level == "none" and decision.look is None
    assert decision.score == pytest.approx(0.3)


def test_the_reason_says_when_the_contextual_look_contributed() -> None:
    model = tm.TriageModel("k", tm.Stage(np.zeros(1), 0.0), tm.Stage(np.zeros(1), 0.0),
                           np.zeros(1), np.zeros((0, 4), dtype=np.float32), [], [])
    scores = _scores(RISKY, risk=0.9, urgency=0.3, concern=0.2)
    looked = tm.decide(scores, THRESHOLDS, len(RISKY.split()), _look(0.9, 0.1, []))
    reason = tm.explain(model, looked, RISKY).reason
    assert "contextual reading of the sentences around it, which gave 0.90" in reason
    assert "urgency 0.60" in reason
    concern = tm.decide(_scores(RISKY, risk=0.9, urgency=0.1, concern=0.3), THRESHOLDS,
                        len(RISKY.split()), _look(0.1, 0.7, []))
    assert concern.level == "concern"
    assert "which gave 0.70" in tm.explain(model, concern, RISKY).reason
    plain = tm.decide(scores, tm.Thresholds(0.2, 0.42, 0.2), len(RISKY.split()))
    assert "contextual" not in tm.explain(model, plain, RISKY).reason


def test_the_neighbourhood_is_the_largest_window_holding_the_riskiest() -> None:
    one = cut("First calm sentence. He hurts me. Third calm sentence. Fourth one.")
    risk = np.array([0.9 if w.text == "He hurts me." else 0.1 for w in one.windows])
    window = looks.neighbourhood(one, risk)
    assert window is not None
    assert window.text == "First calm sentence. He hurts me. Third calm sentence. Fourth one."
    long = cut(" ".join(f"Calm sentence number {i} here." for i in range(20)) + " He hurts me.")
    risk = np.array([0.9 if w.text == "He hurts me." else 0.1 for w in long.windows])
    window = looks.neighbourhood(long, risk)
    # Too long to read whole: the widest window holding it, the previous sentence's
    # neighbourhood (a window is a sentence with the one before and after it).
    assert window is not None
    assert window.text == ("Calm sentence number 18 here. Calm sentence number 19 here. "
                           "He hurts me.")
    assert looks.neighbourhood(cut(""), np.zeros(0)) is None


def test_the_tuner_blends_the_concern_score_only_over_the_gate() -> None:
    """The picker and `decide` must agree: a text whose risk misses the gate keeps its base
    concern score, one over it is blended with the look's."""
    words = " ".join(["word"] * 20)
    oof = tt.OutOfFold(["w", "w", "w"], ["concern", "concern", "none"], [words] * 3,
                       risk=np.array([0.5, 0.05, 0.5]), immediacy=np.zeros(3),
                       rule_levels=["none"] * 3, sharp=np.ones(3),
                       concern=np.array([0.3, 0.3, 0.3]),
                       look_urgency=np.array([0.0, 0.0, np.nan]),
                       look_concern=np.array([0.9, 0.9, np.nan]))
    levels = tt.model_levels(oof, tm.Thresholds(immediate=0.9, concern=0.42, gate=0.2))
    assert levels == ["concern", "none", "none"]


def test_the_picker_keeps_the_base_concern_score_under_the_gate() -> None:
    """A calm text under the gate whose look reads as a concern (blended 0.625) must not
    stop the picker separating it from a concern over the gate (blended 0.6): it is not
    looked at, so its score is its base 0.3."""
    words = " ".join(["word"] * 20)
    labels = ["immediate", "immediate", "concern", "none"]
    oof = tt.OutOfFold(["w"] * 4, labels, [words] * 4,
                       risk=np.array([0.9, 0.9, 0.5, 0.07]),
                       immediacy=np.array([0.9, 0.9, 0.1, 0.1]),
                       rule_levels=["none"] * 4, sharp=np.ones(4),
                       concern=np.array([0.9, 0.9, 0.3, 0.3]),
                       look_urgency=np.array([0.9, 0.9, 0.1, 0.1]),
                       look_concern=np.array([0.9, 0.9, 0.9, 0.95]))
    picked = tt.pick_thresholds(oof, floor={}, min_concern=0.42)
    assert picked.gate > 0.07
    assert tt.model_levels(oof, picked) == labels


def test_held_out_look_scores_survive_a_scores_file(tmp_path: Path) -> None:
    from heard.safety.triage_corpus import corpus_digest

    oof = tt.OutOfFold(["w", "w"], ["none", "concern"], ["a b", "c d"], np.zeros(2), np.zeros(2),
                       ["none", "none"], np.ones(2), np.zeros(2), np.array([0.25, np.nan]),
                       np.array([0.5, np.nan]))
    path = tmp_path / "scores.json"
    import json

    path.write_text(json.dumps(oof.to_json()), encoding="utf-8")
    assert json.loads(path.read_text())["corpus_sha256"] == corpus_digest()
    back = tt.load_scores(path, ["a b", "c d"])
    assert back is not None and back.look_urgency is not None and back.look_concern is not None
    assert back.look_urgency[0] == 0.25 and np.isnan(back.look_urgency[1])
    assert back.look_concern[0] == 0.5 and np.isnan(back.look_concern[1])


def test_the_switch_turns_the_look_off_and_is_on_by_default(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(looks.SWITCH, raising=False)
    assert looks.enabled()
    for off in ("off", "0", "false", "No"):
        monkeypatch.setenv(looks.SWITCH, off)
        assert not looks.enabled()
    monkeypatch.setenv(looks.SWITCH, "on")
    assert looks.enabled()


# --- With MiniLM (the only tests that load torch) -------------------------------------------


needs_minilm = pytest.mark.skipif(not looks.available(),
                                  reason="torch, sentence-transformers or MiniLM not installed")


@pytest.fixture(scope="module")
def shipped() -> tm.TriageModel:
    return tm.build_shipped()


@needs_minilm
def test_the_shipped_app_loads_minilm_only_when_a_text_needs_the_look(
        monkeypatch: pytest.MonkeyPatch, shipped: tm.TriageModel) -> None:
    from heard.safety.triage import classify

    assert shipped.look is not None, "the shipped model has no contextual look"
    monkeypatch.delenv(looks.SWITCH, raising=False)  # as the app runs
    reader = looks.Reader(shipped.tuned)  # fresh, so it cannot have been loaded before
    monkeypatch.setattr(tm, "reader_for", lambda model: reader)
    tm.reset_for_tests()
    try:
        loaded = tm.get_loaded()
        assert loaded.reader is reader and not reader.loaded
        assert classify("Thanks for the trip").level == "none"
        assert not reader.loaded  # under the gate: no MiniLM
        # Immediate whatever the look reads: help is not kept waiting for MiniLM to load.
        assert classify("I am going to kill myself tonight.").level == "immediate"
        assert not reader.loaded
        result = classify(PAST)
        assert reader.loaded
        assert result.level == "concern"
        (semantic,) = [t for t in result.triggers if t.source == "model"]
        assert "contextual reading of the sentences around it" in semantic.reason
    finally:
        tm.reset_for_tests()


@needs_minilm
def test_switched_off_the_app_never_loads_minilm(monkeypatch: pytest.MonkeyPatch,
                                                 shipped: tm.TriageModel) -> None:
    from heard.safety.triage import classify

    monkeypatch.setenv(looks.SWITCH, "off")
    tm.reset_for_tests()
    try:
        assert tm.get_loaded().reader is None
        (semantic,) = [t for t in classify(PAST).triggers if t.source == "model"]
        assert "contextual" not in semantic.reason
    finally:
        tm.reset_for_tests()


@needs_minilm
def test_a_window_text_gets_the_same_vector_alone_in_a_list_and_from_the_cache(
        tmp_path: Path) -> None:
    """Repeatability: each text is embedded alone, so its vector does not depend on the
    texts embedded with it, on the reader, or on whether it came from the cache."""
    texts = ["He hit me last night.", "I love the club.", "Mum has been crying since Dad left."]
    first = looks.Reader().embed(texts)
    reader = looks.Reader()
    second = reader.embed(list(reversed(texts)))[::-1]
    assert first.shape == (3, looks.DIMS)
    assert np.array_equal(first, second)
    cache = looks.VectorCache(tmp_path)
    assert np.array_equal(cache.vectors(texts[:2], reader), first[:2])
    again = looks.VectorCache(tmp_path)
    assert len(again) == 2
    assert np.array_equal(again.vectors(texts, reader), first)
    # The regressions on the same vectors are the same to the bit.
    labels = np.array([2, 0, 1])
    one, two = looks.fit_look(first, labels), looks.fit_look(second, labels)
    assert np.array_equal(one.urgency_coef, two.urgency_coef)
    assert np.array_equal(one.concern_coef, two.concern_coef)


@needs_minilm
def test_the_look_is_saved_with_the_model(tmp_path: Path,
                                          shipped: tm.TriageModel) -> None:
    folder = tmp_path / "model"
    tm.save(shipped, folder)
    back = tm.load(folder)
    assert back.look is not None and shipped.look is not None
    assert np.array_equal(back.look.urgency_coef, shipped.look.urgency_coef)
    assert back.look.concern_intercept == shipped.look.concern_intercept
    assert tm.fingerprint(back) == tm.fingerprint(shipped)


@needs_minilm
def test_the_tuner_scores_the_look_per_fold_the_same_fresh_or_cached(tmp_path: Path) -> None:
    """Each held-out text gets a look trained without its writer group; a second run from
    the vector cache gives the same scores to the bit (a retrain that only reads the cache is
    the same training as one that embedded everything).

    Every 80th text of the three writers (about 45: 19 held out in each of the two folds, 7
    always trained on), through the same code as the whole corpus and with the same bitwise
    comparisons: the fits' cost is set by the number of features, not of texts, so this is
    about 1.5 CPU-s less than every 40th over the three runs, not half."""
    from heard.analysis.themes.embedders import FakeEmbedder
    from heard.safety.triage_corpus import load_corpus

    corpus = [t for t in load_corpus() if t.writer in ("young", "adults", "handwritten")][::80]
    data = tm.encode(corpus, FakeEmbedder())
    fresh = tt.out_of_fold(data, look=True, cache=looks.VectorCache(tmp_path))
    cached = tt.out_of_fold(data, look=True, cache=looks.VectorCache(tmp_path))
    assert fresh.look_urgency is not None and fresh.look_concern is not None
    assert cached.look_urgency is not None and cached.look_concern is not None
    held = np.array([t.writer in ("young", "adults") for t in corpus])
    assert held.any() and not held.all()  # both kinds in the slice
    # Every held-out text has a look (these all have words); the always-trained writer none.
    assert not np.isnan(fresh.look_urgency[held]).any()
    assert np.isnan(fresh.look_urgency[~held]).all()
    assert ((fresh.look_urgency[held] >= 0) & (fresh.look_urgency[held] <= 1)).all()
    assert np.array_equal(fresh.look_urgency, cached.look_urgency, equal_nan=True)
    assert np.array_equal(fresh.look_concern, cached.look_concern, equal_nan=True)
    # Switched off, the tuner scores no look at all.
    assert tt.out_of_fold(data, look=False).look_urgency is None


def test_when_minilm_fails_triage_goes_on_with_the_base_model(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """A look that cannot be taken must not drop the semantic model (that would leave the
    rules alone): the base scores decide, and the failure is logged once."""
    from heard.analysis.themes.errors import ModelUnavailableError

    attempts: list[int] = []

    class Broken(looks.Reader):
        def embed(self, texts: object) -> np.ndarray:
            attempts.append(1)
            raise ModelUnavailableError("no MiniLM here")

    model = tm.TriageModel("k", tm.Stage(np.zeros(1), 0.0), tm.Stage(np.zeros(1), 0.0),
                           np.zeros(1), np.zeros((0, 4), dtype=np.float32), [], [],
                           look=looks.Look(np.zeros(looks.DIMS, np.float32), 5.0,
                                           np.zeros(looks.DIMS, np.float32), 5.0))
    take = tm.look_with(model, Broken())
    assert take is not None
    scores = _scores(RISKY, risk=0.9, urgency=0.6, concern=0.2)
    with caplog.at_level("ERROR"):
        first = tm.decide(scores, THRESHOLDS, len(RISKY.split()), take)
        second = tm.decide(scores, THRESHOLDS, len(RISKY.split()), take)
    assert first.level == second.level == "immediate"
    assert first.look is None and first.score == pytest.approx(0.6)
    assert attempts == [1]
    assert caplog.text.count("without its contextual look") == 1


def test_a_text_immediate_whatever_the_look_reads_is_not_looked_at() -> None:
    """Half of the base urgency already reaches the threshold: the look could not change the
    level, so MiniLM is not run (nor loaded) before help is shown."""
    calls: list[str] = []
    sure = _scores(RISKY, risk=0.9, urgency=1.0, concern=0.2)
    decision = tm.decide(sure, THRESHOLDS, len(RISKY.split()), _look(0.0, 0.0, calls))
    assert calls == [] and decision.level == "immediate" and decision.look is None
    # Just under it, the look is taken, and a calm reading makes it a concern or none.
    near = _scores(RISKY, risk=0.9, urgency=0.99, concern=0.2)
    decision = tm.decide(near, THRESHOLDS, len(RISKY.split()), _look(0.0, 0.0, calls))
    assert len(calls) == 1 and decision.level == "none"

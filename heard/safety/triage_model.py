"""The semantic signal of safeguarding triage: a two-stage model over sentence windows.

Named steps, each a small function:

1. **windowing** (`triage_windows.cut`): a text is cut once into units (sentences); windows
   are each unit, each unit with its neighbours, and short texts whole;
2. **features** (`triage_features`): per unit, the static model2vec token-vector sum, hashed
   word and word-pair counts and grammar cues; a window's features are sums over its units,
   so every unit is embedded once, in one batch per text;
3. **stage 1, risk** (`TriageModel.risk`): a logistic regression gives each window
   P(any risk), trained with a real negative class (ordinary feedback, and hard negatives:
   past harm mentioned as background, policy talk, jokes, quoting others);
4. **stage 2, urgency** (`TriageModel.immediacy`): a second logistic regression gives how
   urgent the riskiest window reads in its context (immediate against concern and none). It
   learns timing (now, tonight, ongoing, a plan, a child alone) against past, resolved and
   already handled, largely from the corpus's contrast sets: the same situation written as
   immediate, past concern and none;
5. **deciding** (`decide`): the riskiest window decides. The text is immediate when that
   window passes a low risk gate and reads as urgent in its context (the mean urgency over
   every window holding it: alone, with neighbours, whole); otherwise concern when its risk
   reaches the concern threshold; otherwise none. One sentence can flag a long calm text;
   only the windows around it say how urgent it is. A text over the gate also gets the
   **contextual look** (`triage_look`): MiniLM, 8-bit, reads the riskiest window's
   neighbourhood, and two regressions on its vector count for half of the urgency and of
   the concern score;
6. **explaining** (`explain`): the window that scored, its scores, and its nearest labelled
   examples in the corpus, found over the same embeddings.

Training (`train`) is repeatable: the same corpus, code and library versions give the same
weights to the last bit in any process, whatever the thread count, because every fit runs on
one BLAS and OpenMP thread (threaded sums add in a different order, and model 9 trained with two
threads and with one differed by up to 0.85 in a weight) and runs until the solver converges
rather than stopping at an iteration cap (decision 0026). It takes under a minute on one
core, so the model is trained from the corpus in the repository the first time it is needed
and cached next to the static embedder, keyed by a hash of the corpus, the static model, the
training code, the numerical libraries' versions and the look's encoder. The look's MiniLM
vectors of the corpus are cached beside it (`triage_look.VectorCache`): embedding them the
first time takes a few minutes more, a code-only retrain reuses them. Nothing is downloaded.

The look reads with MiniLM as installed (`SHIPPED_RECIPE` is None).
`python -m heard.safety.triage_model --tuned-look` trains, under a key of its own, a model
whose look reads with MiniLM's layers 5-6 tuned on the corpus (`triage_finetune`, decision
0036). Tuned per fold, it reads the tuner's held-out writers better at the same thresholds, but
it reads one of the demo's own calm answers as a concern so strongly that the picked concern
threshold costs more concern recall than the tuning gains (decision 0040), so the app does not
load it. Pure; no Django imports.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import os
import shutil
import tempfile
import threading
import warnings
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from scipy import sparse
from threadpoolctl import threadpool_limits

from heard.analysis.themes.embedders import (
    EXTRA_HINT,
    MINILM_PACKAGE,
    Embedder,
    StaticEmbedder,
    has_module,
    model_cache_dir,
)

from . import triage_features as features
from . import triage_finetune as finetune
from . import triage_look as looks
from .triage_corpus import CorpusText, corpus_digest, load_corpus
from .triage_result import CONCERN, IMMEDIATE, MODEL, NONE, NearExample, Trigger
from .triage_rules import rule_triggers
from .triage_windows import WHOLE_TEXT_WORDS, Cut, Window, cut

log = logging.getLogger(__name__)

# Bump when windows, features or training change: it is part of the cache key.
MODEL_VERSION = "14"
CLASSES: tuple[str, ...] = (NONE, CONCERN, IMMEDIATE)
_CLASS_INDEX = {label: i for i, label in enumerate(CLASSES)}
# Settings chosen by leave-one-writer-group-out (see the decision record). C = 10 (weaker
# regularisation) against 3, 1 and 0.3: pooled held-out immediate recall 0.930 -> 0.951 with
# precision 0.753 -> 0.808, and concern recall 0.633 -> 0.732 at the picked thresholds
# (decision 0025). C = 30 against 10 (model 11, decision 0026 round 2): immediate precision
# 0.820 -> 0.832 at recall 0.951, concern recall 0.777 -> 0.779, demo false alarms 18.0% -> 17.3%.
RISK_C = 30.0
IMMEDIACY_C = 30.0
WORD_WEIGHT = 1.0
# How much a concern text weighs as a positive of stage 1 (any risk), against 1 for an
# immediate text: the concern threshold is on stage 1's score, and concerns are the risky texts
# it scores lowest (decision 0026). 2 was measured in round 2 and lost a little (concern recall
# 0.775, immediate precision 0.817): stage 4, not stage 1, decides concern since model 10.
CONCERN_WEIGHT = 1.0
# Enough iterations for every stage to converge (C = 10 needed about 120, C = 30 about twice
# that; model 9 was capped at 100, so where it stopped depended on rounding). A fit that still
# hits the cap is logged.
_MAX_ITER = 2000
# One thread for every fit: threaded BLAS and OpenMP sums add in an order that depends on the
# thread count, so the same corpus gave different weights on different machines (decision
# 0026). One thread is also faster here: 11 s against 58 s for the full fit on two busy cores.
_FIT_THREADS = 1
# Multiple-instance rounds: a long risky text's label belongs to one of its windows, not all.
_MIL_ROUNDS = 1
NEIGHBOURS = 3
THRESHOLDS_FILE = Path(__file__).resolve().parent / "triage_thresholds.json"
# Writers always trained on and never held out: the rules were tuned on `handwritten`, and
# `boundary` (issue 10, concern recall) and `calm` (short calm statements, decision 0025) are
# trained on in every fold so the development split stays the same eight writer groups and
# before/after figures compare like with like. `short` (short about-you facts and short
# disclosures, decision 0026 round 3) likewise.
ALWAYS_TRAINED = ("handwritten", "boundary", "calm", "short")


@dataclass(frozen=True)
class Thresholds:
    """immediate: on the urgency (stage 2) of the riskiest window in context; concern: on the
    riskiest window's P(any risk) (stage 1); gate: the least P(any risk) an immediate text
    needs. The gate is lower than the concern threshold: urgent wording in a window stage 1
    finds only a little risky is still escalated, while a merely sad or cross window needs a
    clearly risky score before it is flagged at all."""

    immediate: float
    concern: float
    gate: float = 0.0
    # The least P(immediate rather than concern) (stage 3) an immediate text needs; 0 = unused.
    sharp: float = 0.0
    # The urgency threshold for a text of more than `SHORT_WORDS` and at most `MID_WORDS`
    # words (`urgency_for`); None: `immediate` for every length.
    mid: float | None = None


def load_thresholds(path: Path = THRESHOLDS_FILE) -> Thresholds:
    data = json.loads(path.read_text(encoding="utf-8"))
    mid = data.get("immediate_mid")
    return Thresholds(float(data["immediate"]), float(data["concern"]), float(data["gate"]),
                      float(data.get("sharp", 0.0)), None if mid is None else float(mid))


@dataclass
class Stage:
    """One logistic regression over window feature rows."""

    coef: np.ndarray  # (features,)
    intercept: float

    def probability(self, rows: sparse.csr_matrix) -> np.ndarray:
        return _sigmoid(np.asarray(rows @ self.coef).ravel() + self.intercept)

    def probability_of_blocks(self, vectors: np.ndarray, words: sparse.csr_matrix,
                              cues: np.ndarray) -> np.ndarray:
        """The same as `probability` on `features.design` rows, block by block: scoring one
        text this way skips building the combined sparse matrix (most of the cost)."""
        dims, width = vectors.shape[1], words.shape[1]
        logits = (np.einsum("ij,j->i", vectors, self.coef[:dims])
                  + np.asarray(words @ self.coef[dims:dims + width]).ravel()
                  + np.einsum("ij,j->i", cues, self.coef[dims + width:]) + self.intercept)
        return _sigmoid(logits)


def _sigmoid(logits: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30))))


@dataclass
class TriageModel:
    """The two stages, the word weights they share, and the labelled examples that explain."""

    key: str
    risk: Stage
    immediacy: Stage
    idf: np.ndarray  # (HASH_FEATURES,) inverse document frequency of hashed words
    example_vectors: np.ndarray  # (examples, dims), unit rows
    example_texts: list[str]
    example_labels: list[str]
    # Stage 3: immediate against concern only (None in a model without it: reads as 1).
    sharpness: Stage | None = None
    # Stage 4: concern against none only (None in a model without it: the concern score is
    # then stage 1's risk).
    concern: Stage | None = None
    # The contextual second look's regressions over MiniLM vectors (`triage_look`); None when
    # the model was trained where MiniLM cannot be loaded.
    look: looks.Look | None = None
    # MiniLM's layers tuned for the look (`triage_finetune`), put in place of MiniLM's own
    # when its reader loads; None: the frozen MiniLM, as the shipped model reads.
    tuned: looks.TunedLayers | None = None

    def rows(self, parts: features.WindowParts) -> sparse.csr_matrix:
        return features.design(parts, self.idf, WORD_WEIGHT)

    def probabilities(self, parts: features.WindowParts) -> np.ndarray:
        """(windows, 4): P(any risk), P(immediate) in context, P(immediate rather than
        concern) in context (1 when the model has no stage 3), and P(concern rather than
        none) in context (no fourth column when the model has no stage 4)."""
        if parts.vectors.shape[0] == 0:
            return np.zeros((0, 4 if self.concern is not None else 3))
        words = features.weighted_words(parts, self.idf, WORD_WEIGHT)
        vectors = parts.vectors.astype(np.float32)
        cues = features.cue_block(parts)
        columns = [stage.probability_of_blocks(vectors, words, cues)
                   for stage in (self.risk, self.immediacy)]
        columns.append(self.sharpness.probability_of_blocks(vectors, words, cues)
                       if self.sharpness is not None else np.ones(len(columns[0])))
        if self.concern is not None:
            columns.append(self.concern.probability_of_blocks(vectors, words, cues))
        return np.column_stack(columns)

    def nearest(self, vector: np.ndarray, count: int = NEIGHBOURS) -> tuple[NearExample, ...]:
        """The labelled examples closest in meaning (cosine over the static embeddings)."""
        if not len(self.example_texts):
            return ()
        # einsum, not `@`: a matrix-vector product this small goes to a multi-threaded BLAS,
        # which on busy shared cores waited 15 ms for its threads (einsum: 1 ms).
        similarity = np.einsum("ij,j->i", self.example_vectors,
                               np.asarray(vector, dtype=self.example_vectors.dtype))
        count = min(count, len(similarity))
        # The few best without sorting all the examples; ties broken by corpus order.
        few = np.argpartition(-similarity, count - 1)[:count]
        best = few[np.lexsort((few, -similarity[few]))]
        return tuple(NearExample(self.example_texts[i], self.example_labels[i],
                                 float(similarity[i])) for i in best)


# --- Scoring a text -----------------------------------------------------------------------


@dataclass(frozen=True)
class WindowScore:
    window: Window
    vector: np.ndarray
    immediate: float  # P(immediate) in context
    risk: float  # P(any risk)
    sharp: float = 1.0  # P(immediate rather than concern) in context
    concern: float | None = None  # P(concern rather than none) in context; None: no stage 4


def score_windows(model: TriageModel, embedder: Embedder, text: str,
                  triggers: list[Trigger] | None = None) -> list[WindowScore]:
    """Every window of the text with its scores. `triggers`: the rule phrases, if the
    caller has them already (they are features too)."""
    one = cut(text)
    if not one.windows:
        return []
    found = rule_triggers(text) if triggers is None else triggers
    parts, _whole = features.batch_parts([one], [found], embedder)
    return scores_of(one, parts, model.probabilities(parts))


def scores_of(one: Cut, parts: features.WindowParts, probs: np.ndarray) -> list[WindowScore]:
    return [WindowScore(w, parts.vectors[i], float(probs[i, 1]), float(probs[i, 0]),
                        float(probs[i, 2]), float(probs[i, 3]) if probs.shape[1] > 3 else None)
            for i, w in enumerate(one.windows)]


@dataclass(frozen=True)
class Decision:
    level: str
    best: WindowScore | None  # the window that decided it; None for "none"
    score: float  # the number that met the threshold
    # The contextual look's scores, when it was taken (blended into `score`).
    look: looks.LookScores | None = None


# Takes the contextual look at a text's riskiest window: (the windows' scores, the riskiest)
# -> the look's scores, or None when it cannot be taken.
LookFn = Callable[[Sequence[WindowScore], WindowScore], "looks.LookScores | None"]


def riskiest(scores: Sequence[WindowScore]) -> tuple[WindowScore, float]:
    """The window most likely to show risk, and how immediate that risk reads in context.

    Immediacy is P(immediate) in context averaged over every window that holds the riskiest one:
    the sentence alone, with its neighbours, and the whole text if short. A sentence alone
    often reads as happening now ("I was abused by a family friend"); its neighbours say when
    and whether it stopped ("He's dead now."). Only the windows around it count, never the
    calm rest of a long text.
    """
    top = max(scores, key=lambda s: s.risk)
    around = [s.immediate for s in scores
              if s.window.start <= top.window.start and s.window.end >= top.window.end]
    return top, float(np.mean(around))


def sharpness(scores: Sequence[WindowScore], top: WindowScore) -> float:
    """P(immediate rather than concern), averaged over the same windows as the urgency."""
    return float(np.mean([s.sharp for s in scores
                          if s.window.start <= top.window.start
                          and s.window.end >= top.window.end]))


def concern_score(scores: Sequence[WindowScore], top: WindowScore) -> float:
    """How much the riskiest window reads as a concern rather than nothing: stage 4's
    P(concern rather than none) averaged over the same windows as the urgency (stage 1's risk
    in a model without stage 4). Measured against stage 1's risk, the mean and the larger of
    the two, stage 4 alone kept the most concerns at the same none recall (decision 0026)."""
    if top.concern is None:
        return top.risk
    return float(np.mean([s.concern for s in scores if s.concern is not None
                          and s.window.start <= top.window.start
                          and s.window.end >= top.window.end]))


# The least P(any risk) a very short text (at most `SHORT_WORDS` words) needs before its
# urgency can make it immediate (decision 0026, round 5). The shared gate is very low (0.03)
# so that understated disclosures in longer texts reach urgency, but a text of a few words
# has little for stage 1 to read, and "I am male" passed it (risk 0.032, urgency 0.18 in the
# model trained with the `hard` writer). On the held-out writer groups the least risky short
# text the model rightly called immediate read 0.144, so this gate costs none of them; short
# first-person disclosures the rules find are floored at the rules' level anyway
# (`triage.with_rule_floor`).
SHORT_WORDS = features.LENGTH_EDGES[-1]
SHORT_GATE = 0.10


def gate_for(thresholds: Thresholds, words: int) -> float:
    """The risk gate for a text of this many words."""
    return max(thresholds.gate, SHORT_GATE) if 0 < words <= SHORT_WORDS else thresholds.gate


# Texts of 8 to 15 words get their own urgency threshold (decision 0026, round 6). On the
# held-out writer groups their immediate texts read far less urgent than longer ones (median
# urgency 0.92 against 1.00; a quarter under 0.47) while their concern and none texts read no
# more urgent (three quarters under 0.02 in both), so one threshold for every length either
# missed them (immediate recall 0.867 of 528, against 0.96-0.99 for longer texts) or, lowered
# for them, escalated long concerns. The threshold is picked with the others, for the pooled
# recall target; picking on eleven groups and measuring on the twelfth, it kept the same
# recall with immediate precision +0.022 and concern recall +0.014.
MID_WORDS = 15


def urgency_for(thresholds: Thresholds, words: int) -> float:
    """The urgency threshold for a text of this many words."""
    if thresholds.mid is not None and SHORT_WORDS < words <= MID_WORDS:
        return thresholds.mid
    return thresholds.immediate


def decide(scores: Sequence[WindowScore], thresholds: Thresholds, words: int = 0,
           look: LookFn | None = None) -> Decision:
    """Immediate when the riskiest window passes the gate (`gate_for` a text of `words` words)
    and reads as urgent in its context (`urgency_for` that length); otherwise concern when its
    concern score reaches the concern threshold; otherwise none.

    With `look`, a text whose riskiest window passes the gate gets the contextual second
    look: its urgency and concern score are each blended half and half with MiniLM's reading
    of the window's neighbourhood (`triage_look`). Below the gate nothing is looked at (a text
    that cannot be immediate, and whose concern score is low, costs no MiniLM), nor where the
    base urgency is so high that the text is immediate whatever the look reads."""
    if not scores:
        return Decision(NONE, None, 0.0)
    top, immediacy = riskiest(scores)
    passes = top.risk >= gate_for(thresholds, words)
    level = concern_score(scores, top)
    sharp = thresholds.sharp <= 0.0 or sharpness(scores, top) >= thresholds.sharp
    # Half of a base urgency this high reaches the threshold whatever the look reads: the
    # text is immediate either way, so MiniLM is not run (nor, in a fresh worker, loaded)
    # before the person is shown help. The level is the same as with the look.
    certain = passes and sharp and \
        immediacy * (1.0 - looks.LOOK_WEIGHT) >= urgency_for(thresholds, words)
    seen = look(scores, top) if look is not None and passes and not certain else None
    if seen is not None:
        immediacy = looks.blend(immediacy, seen.urgency)
        level = looks.blend(level, seen.concern)
    urgent = passes and immediacy >= urgency_for(thresholds, words)
    if urgent and sharp:
        return Decision(IMMEDIATE, top, immediacy, seen)
    if level >= thresholds.concern:
        return Decision(CONCERN, top, level, seen)
    return Decision(NONE, None, level, seen)


def look_with(model: TriageModel, reader: looks.Reader | None) -> LookFn | None:
    """The contextual look `decide` takes with this model and MiniLM reader (None: no look)."""
    if reader is None or model.look is None:
        return None
    look = model.look

    def take(scores: Sequence[WindowScore], top: WindowScore) -> looks.LookScores | None:
        one = Cut("", [], [s.window for s in scores])
        window = looks.neighbourhood(one, np.array([s.risk for s in scores]))
        if window is None or reader.error:
            return None
        try:
            vector = reader.embed([window.text])
        except Exception as error:  # noqa: BLE001 - the base model must still answer
            # Logged once per process (the reader remembers the failure and is not retried):
            # triage goes on with the base scores rather than falling back to the rules.
            reader.error = f"{type(error).__name__}: {error}"
            log.error("Safeguarding triage runs without its contextual look: MiniLM could "
                      "not be loaded or run (%s).", reader.error)
            return None
        urgency, concern = look.score(vector)
        return looks.LookScores(float(urgency[0]), float(concern[0]), window)

    return take


def explain(model: TriageModel, decision: Decision, original: str) -> Trigger:
    """A reviewer's reason: the words that scored, the score, and what they are like."""
    assert decision.best is not None
    best = decision.best
    seen = decision.look
    if decision.level == IMMEDIATE:
        reason = (f"reads like risk (model score {best.risk:.2f}) that is happening now or "
                  f"soon (urgency {decision.score:.2f}")
        reason += (f", half of it from a second, contextual reading of the sentences around "
                   f"it, which gave {seen.urgency:.2f})" if seen is not None else ")")
    else:
        reason = f"reads like a safeguarding concern (model score {decision.score:.2f}"
        reason += (f", half of it from a second, contextual reading of the sentences around "
                   f"it, which gave {seen.concern:.2f}), not urgent" if seen is not None
                   else "), not urgent")
    reason += "; compare the nearest labelled examples"
    start, end = best.window.start, best.window.end
    return Trigger(original[start:end], start, end, decision.level, reason, MODEL, "semantic",
                   decision.score, model.nearest(best.vector))


# --- Training -------------------------------------------------------------------------------


@dataclass
class Encoded:
    """The corpus cut into windows and featurised once, shared by every training round."""

    texts: list[CorpusText]
    labels: np.ndarray  # class index per text
    cuts: list[Cut]
    windows: features.WindowParts  # every text's windows, stacked
    offsets: np.ndarray  # windows of text i are offsets[i]:offsets[i+1]
    whole: features.WindowParts  # one row per text: all its units


def encode(corpus: list[CorpusText], embedder: Embedder) -> Encoded:
    cuts = [cut(item.text) for item in corpus]
    windows, wholes = features.batch_parts(cuts, [rule_triggers(t.text) for t in corpus],
                                           embedder)
    offsets = np.cumsum([0, *(len(c.windows) for c in cuts)])
    return Encoded(corpus, np.array([_CLASS_INDEX[t.label] for t in corpus]), cuts, windows,
                   offsets, wholes)


def subset(data: Encoded, chosen: Sequence[int]) -> Encoded:
    """The encoded texts at the chosen indices (for cross-validation without re-embedding)."""
    rows = [np.arange(data.offsets[i], data.offsets[i + 1]) for i in chosen]
    flat = np.concatenate(rows) if rows else np.zeros(0, dtype=int)
    pick = list(chosen)
    return Encoded([data.texts[i] for i in pick], data.labels[pick], [data.cuts[i] for i in pick],
                   features.take(data.windows, flat), np.cumsum([0, *(len(r) for r in rows)]),
                   features.take(data.whole, np.asarray(pick, dtype=int)))


def word_weights(data: Encoded) -> np.ndarray:
    """IDF of hashed words over every window of the corpus (no labels are used)."""
    return features.idf_weights(features.document_frequency(data.windows),
                                data.windows.vectors.shape[0])


def train(corpus: list[CorpusText], embedder: Embedder, key: str = "",
          look: bool | None = None, cache_dir: Path | None = None,
          recipe: finetune.Recipe | None = None) -> TriageModel:
    """Fit both stages on every labelled text, and the contextual look (`look`; None: when
    MiniLM can be loaded here and the look is not switched off, `triage_look.enabled`; `build`
    always trains it where MiniLM can be loaded, so the cached model the app uses has it);
    with `recipe`, a look that reads with MiniLM's layers tuned by that recipe.
    Same corpus, code and embedder, same model, to the last bit, whatever the machine's
    thread count.

    The thresholds and settings were picked on how models trained without one writer group
    score that group (`triage_tune`); the shipped model is the same recipe on all groups.
    """
    with threadpool_limits(limits=_FIT_THREADS):
        data = encode(corpus, embedder)
        model = fit(data, word_weights(data))
        model.key = key
        model.example_vectors, model.example_texts, model.example_labels = _examples(data, model)
        if (looks.available() and looks.enabled()) if look is None else look:
            probs = model.probabilities(data.windows)
            if recipe is None:
                model.look = fit_look(data, probs, looks.VectorCache(cache_dir),
                                      looks.shared_reader())
            else:
                model.tuned, model.look = fit_tuned_look(data, probs, recipe, cache_dir)
    return model


def look_texts(data: Encoded, probs: np.ndarray) -> tuple[list[int], list[str]]:
    """Which texts have words, and the neighbourhood of each one's riskiest window as `probs`
    (their windows' probabilities, stacked as `data.windows`) finds it."""
    chosen: list[int] = []
    texts: list[str] = []
    for i, one in enumerate(data.cuts):
        first, stop = int(data.offsets[i]), int(data.offsets[i + 1])
        window = looks.neighbourhood(one, probs[first:stop, 0])
        if window is not None:
            chosen.append(i)
            texts.append(window.text)
    return chosen, texts


def fit_look(data: Encoded, probs: np.ndarray, cache: looks.VectorCache,
             reader: looks.Reader) -> looks.Look:
    """The look's regressions on each text's riskiest neighbourhood, found by the model being
    trained (in sample), as that model will find it in a new text."""
    chosen, texts = look_texts(data, probs)
    return looks.fit_look(cache.vectors(texts, reader), data.labels[chosen])


def fit_tuned_look(data: Encoded, probs: np.ndarray, recipe: finetune.Recipe,
                   cache_dir: Path | None) -> tuple[looks.TunedLayers, looks.Look]:
    """MiniLM's layers tuned on each text's riskiest neighbourhood (cached by
    `triage_finetune.cached_tune`), then the look's regressions on that encoder's 8-bit
    vectors, as for the frozen look: the trial's B8r (decision 0036)."""
    chosen, texts = look_texts(data, probs)
    tuned = finetune.cached_tune(texts, data.labels[chosen], recipe, cache_dir)
    reader = looks.Reader(tuned)
    cache = looks.VectorCache(cache_dir, reader.key)
    return tuned, looks.fit_look(cache.vectors(texts, reader), data.labels[chosen])


def groups_of(texts: Sequence[CorpusText]) -> list[str]:
    """The writer groups that can be held out, in a fixed order."""
    return sorted({t.writer for t in texts} - set(ALWAYS_TRAINED))


def folds(texts: Sequence[CorpusText]) -> list[list[int]]:
    """Training indices for each held-out writer group (everything when there is one)."""
    groups = groups_of(texts)
    if len(groups) < 2:
        return [list(range(len(texts)))]
    return [[i for i, t in enumerate(texts) if t.writer != g] for g in groups]


def fit(data: Encoded, idf: np.ndarray, risk_c: float = RISK_C,
        immediacy_c: float = IMMEDIACY_C) -> TriageModel:
    """Both stages (no explaining examples) on some encoded texts, on one thread (see
    `_FIT_THREADS`)."""
    with threadpool_limits(limits=_FIT_THREADS):
        window_x = features.design(data.windows, idf, WORD_WEIGHT)
        whole_x = features.design(data.whole, idf, WORD_WEIGHT)
        risk = _fit_risk(data, window_x, whole_x, risk_c)
        immediacy = _fit_immediacy(data, window_x, whole_x, risk, immediacy_c)
        sharp = _fit_immediacy(data, window_x, whole_x, risk, immediacy_c, risky_only=True)
        concern = _fit_immediacy(data, window_x, whole_x, risk, immediacy_c, concern_only=True)
    return TriageModel("", risk, immediacy, idf, np.zeros((0, 0), dtype=np.float32), [], [],
                       sharp, concern)


def _logistic(rows: sparse.csr_matrix, labels: np.ndarray, weights: np.ndarray, c: float,
              start: Stage | None = None) -> Stage:
    """A weighted, class-balanced logistic regression; `start` warm-starts a later round."""
    # Imported here, where only training reaches it: scikit-learn costs about 0.85 CPU-seconds
    # to import, and `heard manage check` imports this module for readiness() (the system check).
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression

    classifier = LogisticRegression(C=c, max_iter=_MAX_ITER, class_weight="balanced",
                                    warm_start=start is not None)
    if start is not None:
        classifier.coef_ = start.coef.astype(np.float64)[None, :]
        classifier.intercept_ = np.array([start.intercept])
    with warnings.catch_warnings():
        # Reported below in plain words, once, rather than as sklearn's advice to scale data.
        warnings.simplefilter("ignore", ConvergenceWarning)
        classifier.fit(rows, labels, sample_weight=weights)
    if int(classifier.n_iter_[0]) >= _MAX_ITER:
        log.warning("A triage model stage stopped at %d iterations without converging; its "
                    "weights may differ slightly between machines.", _MAX_ITER)
    return Stage(np.asarray(classifier.coef_[0], dtype=np.float32),
                 float(classifier.intercept_[0]))


def _fit_risk(data: Encoded, window_x: sparse.csr_matrix, whole_x: sparse.csr_matrix,
              c: float) -> Stage:
    """Stage 1, any risk against none.

    A text labelled none has no risk in any window: every window is a negative (down-weighted
    so long texts do not swamp short ones). A risky text is a positive as a whole, and once
    a first model exists, its best-scoring window is a positive too: in a long text the
    disclosure is one or two sentences, and teaching the model that the other 280 words are
    risky would teach it to flag ordinary feedback.
    """
    negative_rows: list[int] = []
    negative_weights: list[float] = []
    negative_texts: list[int] = []
    positive_texts: list[int] = []
    for i, label in enumerate(data.labels):
        first, stop = int(data.offsets[i]), int(data.offsets[i + 1])
        if stop == first:
            continue
        if label == 0:
            negative_rows += range(first, stop)
            negative_weights += [1.0 / np.sqrt(stop - first)] * (stop - first)
            negative_texts.append(i)
        else:
            positive_texts.append(i)
    stage: Stage | None = None
    for _round in range(_MIL_ROUNDS + 1):
        best_texts: list[int] = []
        best_rows: list[int] = []
        if stage is not None:
            scores = stage.probability(window_x)
            best_texts = [i for i in positive_texts if data.offsets[i + 1] - data.offsets[i] > 1]
            best_rows = [int(data.offsets[i]) + int(np.argmax(
                scores[data.offsets[i]:data.offsets[i + 1]])) for i in best_texts]
        # Whole texts weigh the same on both sides: a calm text's whole row is a negative
        # as a risky text's is a positive. Without it every whole-text row the model saw was
        # risky, so it learnt that long, many-sentence windows were risk, and flagged long
        # calm feedback (a fifth of the demo's contributions).
        rows = sparse.vstack([window_x[negative_rows], whole_x[negative_texts],
                              whole_x[positive_texts], window_x[best_rows]]).tocsr()
        labels = np.concatenate([np.zeros(len(negative_rows) + len(negative_texts)),
                                 np.ones(len(positive_texts) + len(best_rows))])
        weights = np.concatenate([negative_weights, np.ones(len(negative_texts)),
                                  _positive_weights(data, positive_texts),
                                  _positive_weights(data, best_texts)])
        stage = _logistic(rows, labels, weights, c, stage)
    assert stage is not None
    return stage


def _positive_weights(data: Encoded, texts: list[int]) -> np.ndarray:
    """Concern texts weigh CONCERN_WEIGHT against an immediate text's 1 as positives of stage 1."""
    return np.where(data.labels[texts] == 1, CONCERN_WEIGHT, 1.0) if texts else np.zeros(0)


def _fit_immediacy(data: Encoded, window_x: sparse.csr_matrix, whole_x: sparse.csr_matrix,
                   risk: Stage, c: float, risky_only: bool = False,
                   concern_only: bool = False) -> Stage:
    """Stage 2, immediate against everything else (stage 3 with `risky_only`: immediate
    against concern alone, the boundary where most missed concerns were lost; stage 4 with
    `concern_only`: concern against none, immediate texts left out, so the concern score is
    learnt on the boundary it decides rather than on any-risk-against-none, where concerns
    were the risky texts stage 1 scored lowest).

    Each text gives its whole-text row and every window holding its riskiest window (the
    sentence alone, with neighbours), the same windows `riskiest` averages when deciding, so
    the model learns to read a sentence in the context that says when it happened. Concern
    texts are the negatives that matter (same harm, but past, resolved or handled); none
    texts are negatives too, because stage 1 lets some ordinary feedback through at the
    low risk threshold recall needs, and stage 2 must not call that urgent.
    """
    scores = risk.probability(window_x)
    positive = 1 if concern_only else 2
    texts: list[int] = []
    rows: list[int] = []
    labels: list[float] = []
    weights: list[float] = []
    for i, label in enumerate(data.labels):
        first, stop = int(data.offsets[i]), int(data.offsets[i + 1])
        if stop == first or (risky_only and label == 0) or (concern_only and label == 2):
            continue
        texts.append(i)
        around = _around_riskiest(data.cuts[i], scores[first:stop])
        rows += [first + j for j in around]
        labels += [1.0 if label == positive else 0.0] * len(around)
        weights += [1.0 / len(around)] * len(around)
    whole_labels = (data.labels[texts] == positive).astype(float)
    return _logistic(sparse.vstack([whole_x[texts], window_x[rows]]).tocsr(),
                     np.concatenate([whole_labels, labels]),
                     np.concatenate([np.ones(len(texts)), weights]), c)


def _around_riskiest(one: Cut, risk: np.ndarray) -> list[int]:
    """Indices of the windows that hold the riskiest window."""
    top = one.windows[int(np.argmax(risk))]
    return [j for j, w in enumerate(one.windows) if w.start <= top.start and w.end >= top.end]


def text_scores(one: Cut, probs: np.ndarray) -> tuple[float, float, float, float, int]:
    """(risk, immediacy, sharpness, concern score, riskiest window) of one text from its
    windows' probabilities (what `decide` compares)."""
    if not len(probs):
        return 0.0, 0.0, 0.0, 0.0, -1
    around = _around_riskiest(one, probs[:, 0])
    best = int(np.argmax(probs[:, 0]))
    concern = float(probs[best, 0]) if probs.shape[1] < 4 else float(np.mean(probs[around, 3]))
    return (float(probs[best, 0]), float(np.mean(probs[around, 1])),
            float(np.mean(probs[around, 2])), concern, best)


def _examples(data: Encoded, model: TriageModel) -> tuple[np.ndarray, list[str], list[str]]:
    """What reviewers are shown as nearest examples: short texts whole, and for long risky
    texts the window the model found the risk in (a 300-word example helps nobody)."""
    probs = model.probabilities(data.windows)
    vectors: list[np.ndarray] = []
    texts: list[str] = []
    labels: list[str] = []
    for i, item in enumerate(data.texts):
        first, stop = int(data.offsets[i]), int(data.offsets[i + 1])
        if stop == first:
            continue
        if len(item.text.split()) <= WHOLE_TEXT_WORDS:
            vectors.append(data.whole.vectors[i])
            texts.append(" ".join(item.text.split()))
        elif data.labels[i] != 0:
            best = first + int(np.argmax(probs[first:stop, 0]))
            vectors.append(data.windows.vectors[best])
            texts.append(data.cuts[i].windows[best - first].text)
        else:
            continue
        labels.append(item.label)
    return np.asarray(vectors, dtype=np.float32), texts, labels


# --- The cached model ---------------------------------------------------------------------


# The code that turns the corpus into a model: a change to any of these files (a rule phrase
# is a feature too) retrains, even when nobody remembered to bump MODEL_VERSION.
TRAINING_SOURCES = ("triage_model.py", "triage_features.py", "triage_windows.py",
                    "triage_rules.py", "triage_lexicons.py", "triage_corpus.py", "triage_look.py")
# Libraries whose arithmetic the weights depend on.
TRAINING_LIBRARIES = ("numpy", "scipy", "scikit-learn", "model2vec")


_HERE = Path(__file__).resolve().parent


def training_code_digest(here: Path = _HERE) -> str:
    """SHA-256 over the training code's source and the numerical libraries' versions."""
    digest = hashlib.sha256()
    files = [here / name for name in TRAINING_SOURCES]
    files += sorted((here / "lexicons").glob("*.txt"))  # the rule phrases
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for library in TRAINING_LIBRARIES:
        digest.update(f"{library}=={importlib.metadata.version(library)}".encode())
    return digest.hexdigest()


def model_key(embedder: StaticEmbedder, recipe: finetune.Recipe | None = None) -> str:
    """Changes when the corpus, the static model's weights, the training code or the
    numerical libraries change; a model with a tuned look (`recipe`) has a key of its own."""
    digest = hashlib.sha256(f"triage-model-{MODEL_VERSION}".encode())
    digest.update(corpus_digest().encode())
    digest.update(training_code_digest().encode())
    with (embedder.path / "model.safetensors").open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    # The look's encoder (MiniLM's weights and libraries), or that there is none here.
    digest.update((looks.encoder_key() if looks.available() else "no contextual look").encode())
    if recipe is not None:  # only then: the shipped model's key is as it was
        digest.update(f"tuned look {json.dumps(asdict(recipe), sort_keys=True)}".encode())
        digest.update((_HERE / "triage_finetune.py").read_bytes())
    return digest.hexdigest()


# The look the app, `make model` and the tuner use: None, MiniLM as installed. A recipe here
# (`finetune.Recipe()`, the trial's B8r) would ship a look with MiniLM's layers tuned; decision
# 0040 compared the two on the tuner's held-out writer groups, with thresholds picked the same
# way, before any held-out set was scored, and kept this one.
SHIPPED_RECIPE: finetune.Recipe | None = None

# The tuned look's layers, in a model folder beside model.npz.
TUNED_FILE = "tuned-look.safetensors"


def cache_path(key: str, cache_dir: Path | None = None) -> Path:
    return (cache_dir or model_cache_dir()) / f"triage-{key[:16]}"


def save(model: TriageModel, folder: Path) -> None:
    """Write beside the target and rename, so a crash never leaves half a model."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".triage-", dir=folder.parent))
    sharp = model.sharpness or Stage(np.zeros_like(model.immediacy.coef), 30.0)
    # A model without stage 4 saves an empty array; its intercept of None says so on loading.
    concern = model.concern.coef if model.concern is not None else np.zeros(0, np.float32)
    look = model.look
    empty = np.zeros(0, np.float32)
    np.savez(staging / "model.npz", risk=model.risk.coef, immediacy=model.immediacy.coef,
             sharpness=sharp.coef, idf=model.idf, example_vectors=model.example_vectors,
             concern=concern, look_urgency=look.urgency_coef if look else empty,
             look_concern=look.concern_coef if look else empty)
    meta = {"key": model.key, "examples": model.example_texts, "labels": model.example_labels,
            "risk_intercept": model.risk.intercept,
            "immediacy_intercept": model.immediacy.intercept,
            "sharpness_intercept": sharp.intercept,
            "concern_intercept": model.concern.intercept if model.concern is not None else None,
            "look_intercepts": [look.urgency_intercept, look.concern_intercept] if look else None}
    if model.tuned:  # only then, so a shipped model's files are as they were
        meta["tuned_look"] = True
        finetune.save_layers(model.tuned, staging / TUNED_FILE, model.key)
    (staging / "model.json").write_text(json.dumps(meta), encoding="utf-8")
    if folder.exists():
        shutil.rmtree(folder, ignore_errors=True)
    try:
        os.replace(staging, folder)
    except OSError:  # another process saved the same model first: keep theirs
        shutil.rmtree(staging, ignore_errors=True)


def load(folder: Path) -> TriageModel:
    arrays = np.load(folder / "model.npz", allow_pickle=False)
    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    intercepts = meta.get("look_intercepts")
    look = looks.Look(arrays["look_urgency"], float(intercepts[0]), arrays["look_concern"],
                      float(intercepts[1])) if intercepts else None
    # A tuned look's regressions are meaningless without its layers: a missing file raises.
    tuned = finetune.load_layers(folder / TUNED_FILE, meta["key"]) if meta.get(
        "tuned_look") else None
    return TriageModel(meta["key"], Stage(arrays["risk"], float(meta["risk_intercept"])),
                       Stage(arrays["immediacy"], float(meta["immediacy_intercept"])),
                       arrays["idf"], arrays["example_vectors"], list(meta["examples"]),
                       list(meta["labels"]),
                       Stage(arrays["sharpness"], float(meta["sharpness_intercept"])),
                       Stage(arrays["concern"], float(meta["concern_intercept"]))
                       if meta.get("concern_intercept") is not None else None, look, tuned)


def build(embedder: StaticEmbedder | None = None, cache_dir: Path | None = None,
          recipe: finetune.Recipe | None = None) -> TriageModel:
    """The cached model for this corpus and static model, trained and saved if missing; with
    `recipe`, the one whose look reads with MiniLM's layers tuned by it."""
    embedder = embedder or StaticEmbedder(cache_dir)
    embedder.embed(["warm up"])  # loads (or distils) the static model; raises if it cannot
    key = model_key(embedder, recipe)
    folder = cache_path(key, cache_dir)
    if (folder / "model.json").is_file():
        try:
            return load(folder)
        except (OSError, ValueError, KeyError) as error:
            log.warning("The cached triage model at %s is unreadable (%s); retraining.",
                        folder, error)
    log.info("Training the triage model from the corpus (once per corpus and static model).")
    model = train(load_corpus(), embedder, key, look=looks.available(), cache_dir=cache_dir,
                  recipe=recipe)
    save(model, folder)
    return model


@dataclass
class Loaded:
    """What `classify` uses: the model, its embedder and thresholds, or why there are none."""

    model: TriageModel | None
    embedder: Embedder | None
    thresholds: Thresholds | None
    error: str = ""
    # MiniLM for the contextual look, loaded on its first use; None: no look (switched off
    # with HEARD_TRIAGE_LOOK=off, or a model trained without one).
    reader: looks.Reader | None = None

    def look(self) -> LookFn | None:
        return None if self.model is None else look_with(self.model, self.reader)


_lock = threading.Lock()
_loaded: Loaded | None = None


def build_shipped(embedder: StaticEmbedder | None = None,
                  cache_dir: Path | None = None) -> TriageModel:
    """The model the app loads: `build` with the shipped look (`SHIPPED_RECIPE`)."""
    return build(embedder, cache_dir, SHIPPED_RECIPE)


def get_loaded() -> Loaded:
    """Load (or train) once per process. A failure is remembered and logged as an error:
    triage then runs on the rules alone and says it is degraded."""
    global _loaded
    if _loaded is not None:
        return _loaded
    with _lock:
        if _loaded is None:
            _loaded = _load_once()
    return _loaded


def _load_once() -> Loaded:
    try:
        embedder = StaticEmbedder()
        model = build_shipped(embedder)
        if model.look is None and looks.enabled():
            log.warning("Safeguarding triage runs without its contextual look: the model was "
                        "trained where MiniLM could not be loaded. %s", EXTRA_HINT)
        reader = reader_for(model) if model.look is not None and looks.enabled() else None
        return Loaded(model, embedder, load_thresholds(), reader=reader)
    except Exception as error:  # noqa: BLE001 - any failure must leave the rules running
        message = f"{type(error).__name__}: {error}"
        log.error("Safeguarding triage is DEGRADED to rules only: the semantic model could "
                  "not be loaded (%s). Build it with: python -m heard.safety.triage_model",
                  message)
        return Loaded(None, None, None, message)


def reader_for(model: TriageModel) -> looks.Reader:
    """The reader a model's look was trained with: the process's shared frozen MiniLM, or
    one with the model's tuned layers."""
    return looks.Reader(model.tuned) if model.tuned else looks.shared_reader()


def reset_for_tests(loaded: Loaded | None = None) -> None:
    """Forget the loaded model (or put a given one in its place)."""
    global _loaded
    with _lock:
        _loaded = loaded


def fingerprint(model: TriageModel) -> str:
    """SHA-256 of every learnt number: two trainings are the same model when these match."""
    digest = hashlib.sha256()
    for stage in (model.risk, model.immediacy, model.sharpness, model.concern):
        if stage is not None:
            digest.update(np.ascontiguousarray(stage.coef).tobytes())
            digest.update(np.float64(stage.intercept).tobytes())
    if model.look is not None:
        for coef, intercept in ((model.look.urgency_coef, model.look.urgency_intercept),
                                (model.look.concern_coef, model.look.concern_intercept)):
            digest.update(np.ascontiguousarray(coef).tobytes())
            digest.update(np.float64(intercept).tobytes())
    digest.update(np.ascontiguousarray(model.example_vectors).tobytes())
    if model.tuned:  # only then: the shipped model's fingerprint is as it was
        digest.update(looks.layers_digest(model.tuned).encode())
    return digest.hexdigest()


# Short calm statements earlier trainings disagreed on (decision 0026).
BORDERLINE = ("I am male", "I identify as male.", "I voted to Leave.",
              "We need more youth clubs, said Bethan Morgan.", "I am currently working")


def _repeatability_report() -> None:
    """Train from scratch (no cache) and print the weights' fingerprint and the scores of
    the borderline texts: run it twice, in fresh processes with different thread counts
    (OMP_NUM_THREADS, OPENBLAS_NUM_THREADS), and compare the output."""
    embedder = StaticEmbedder()
    model = train(load_corpus(), embedder, look=looks.available())
    print(f"weights sha256 {fingerprint(model)} (contextual look: "
          f"{'trained' if model.look is not None else 'none'})")
    take = look_with(model, reader_for(model))
    for text in BORDERLINE:
        scores = score_windows(model, embedder, text)
        top, urgency = riskiest(scores)
        seen = take(scores, top) if take is not None else None
        print(f"  risk {top.risk:.17f} urgency {urgency:.17f} sharp "
              f"{sharpness(scores, top):.17f} concern {concern_score(scores, top):.17f}"
              + (f" look {seen.urgency:.17f} {seen.concern:.17f}" if seen else "")
              + f"  {text}")


if __name__ == "__main__":  # pragma: no cover - `python -m heard.safety.triage_model`
    import sys

    logging.basicConfig(level=logging.INFO)
    if sys.argv[1:] == ["--repeatability"]:
        _repeatability_report()
    elif sys.argv[1:] == ["--tuned-look"]:
        built = build(recipe=finetune.Recipe())
        print(f"Triage model with a tuned look ready: {cache_path(built.key)}. The app does not "
              "load it, and the shipped thresholds were not picked for it.")
    else:
        built = build_shipped()
        print(f"Triage model ready: {cache_path(built.key)} "
              f"({len(built.example_texts)} explaining examples).")


def readiness(cache_dir: Path | None = None) -> tuple[bool, str]:
    """A cheap look (nothing is loaded or trained): (will the model work, what to do).

    (False, why) when triage would run on rules only; (True, advice) when the model will
    work but is not built yet, so the first contribution would wait for it; (True, "") when
    it is ready.
    """
    if not has_module("model2vec"):
        return False, "the model2vec package is not installed, so triage runs on rules only."
    embedder = StaticEmbedder(cache_dir)
    if not (embedder.path / "model.safetensors").is_file():
        if not (has_module("torch") and has_module(MINILM_PACKAGE)):
            return False, (f"no static model is cached at {embedder.path} and it cannot be "
                           f"distilled here (no torch), so triage runs on rules only. "
                           f"{EXTRA_HINT}")
        return True, ("the static model is not built yet; it will be distilled at first use. "
                      "Build it and the triage model now: python -m heard.safety.triage_model")
    if not (cache_path(model_key(embedder, SHIPPED_RECIPE), cache_dir) /
            "model.json").is_file():
        return True, ("the triage model is not trained yet; the first contribution will wait "
                      "for it (a few minutes). Build it now: python -m heard.safety.triage_model")
    return True, ""

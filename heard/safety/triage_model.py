"""The semantic signal of safeguarding triage: a model that scores sentence windows.

Named steps, each a small function:

1. **windowing** (`triage_windows.make_windows`): each sentence, each with its neighbours,
   short texts whole;
2. **embedding and features** (`triage_features`): meaning (static model2vec embedding),
   spelling (word and character TF-IDF) and grammar cues;
3. **scoring** (`TriageModel.probabilities`): a multinomial logistic regression gives each
   window P(none), P(concern), P(immediate);
4. **deciding** (`decide`): a text is immediate when ANY window's P(immediate) reaches the
   immediate threshold, so one sentence can raise it however calm the rest is; concern when
   any window's P(concern or immediate) reaches the concern threshold. Thresholds were
   picked for recall on development data the model had not seen (`triage_thresholds.json`);
5. **explaining** (`explain`): the window that scored, its score, and its nearest labelled
   examples in the corpus, found over the same embeddings.

Training (`train`) is deterministic and takes seconds to a minute on two cores, so the model
is trained from the corpus in the repository the first time it is needed and cached next to
the static embedder, keyed by a hash of the corpus, the static model and this code's version.
Nothing is downloaded. Pure; no Django imports.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from heard.analysis.themes.embedders import (
    EXTRA_HINT,
    MINILM_PACKAGE,
    Embedder,
    StaticEmbedder,
    has_module,
    model_cache_dir,
)

from . import triage_features as features
from .triage_corpus import CorpusText, corpus_digest, load_corpus
from .triage_result import CONCERN, IMMEDIATE, MODEL, NONE, NearExample, Trigger
from .triage_windows import WHOLE_TEXT_WORDS, Window, make_windows

log = logging.getLogger(__name__)

# Bump when windows, features or training change: it is part of the cache key.
MODEL_VERSION = "2"
CLASSES: tuple[str, ...] = (NONE, CONCERN, IMMEDIATE)  # column order of probabilities
_CLASS_INDEX = {label: i for i, label in enumerate(CLASSES)}
# Logistic regression settings, chosen on the development split (see the decision record).
_C = 4.0
_MAX_ITER = 3000
# Multiple-instance rounds: a long text's label belongs to one of its windows, not all.
_MIL_ROUNDS = 2
NEIGHBOURS = 3
# Probabilities for rows of features (a fitted classifier's predict_proba).
Predict = Callable[[sparse.csr_matrix], np.ndarray]
THRESHOLDS_FILE = Path(__file__).resolve().parent / "triage_thresholds.json"


@dataclass(frozen=True)
class Thresholds:
    """P(immediate) for immediate; P(concern or immediate) for concern."""

    immediate: float
    concern: float


def load_thresholds(path: Path = THRESHOLDS_FILE) -> Thresholds:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Thresholds(float(data["immediate"]), float(data["concern"]))


@dataclass
class TriageModel:
    """A trained window classifier plus the labelled examples used to explain its scores."""

    key: str
    coef: np.ndarray  # (3, features)
    intercept: np.ndarray  # (3,)
    vectorisers: tuple[TfidfVectorizer, TfidfVectorizer]
    example_vectors: np.ndarray  # (examples, dims), unit rows
    example_texts: list[str]
    example_labels: list[str]

    def probabilities(self, vectors: np.ndarray, texts: list[str]) -> np.ndarray:
        """(windows, 3) probabilities in CLASSES order."""
        if not texts:
            return np.zeros((0, len(CLASSES)))
        return self.probabilities_of_rows(features.combine(vectors, texts, self.vectorisers))

    def probabilities_of_rows(self, rows: sparse.csr_matrix) -> np.ndarray:
        """Probabilities for feature rows already built with `features.combine`."""
        logits = rows @ self.coef.T + self.intercept
        logits = logits - logits.max(axis=1, keepdims=True)
        odds = np.exp(logits)
        return np.asarray(odds / odds.sum(axis=1, keepdims=True))

    def nearest(self, vector: np.ndarray, count: int = NEIGHBOURS) -> tuple[NearExample, ...]:
        """The labelled examples closest in meaning (cosine over the static embeddings)."""
        if not len(self.example_texts):
            return ()
        similarity = self.example_vectors @ vector
        best = np.argsort(-similarity, kind="stable")[:count]
        return tuple(NearExample(self.example_texts[i], self.example_labels[i],
                                 float(similarity[i])) for i in best)


# --- Scoring a text -----------------------------------------------------------------------


@dataclass(frozen=True)
class WindowScore:
    window: Window
    vector: np.ndarray
    immediate: float  # P(immediate)
    risk: float  # P(concern) + P(immediate)


def score_windows(model: TriageModel, embedder: Embedder, text: str) -> list[WindowScore]:
    """Every window of the text with its scores."""
    windows = make_windows(text)
    if not windows:
        return []
    texts = [w.text for w in windows]
    vectors = embedder.embed(texts)
    probs = model.probabilities(vectors, texts)
    return [WindowScore(w, vectors[i], float(probs[i, 2]), float(probs[i, 1] + probs[i, 2]))
            for i, w in enumerate(windows)]


@dataclass(frozen=True)
class Decision:
    level: str
    best: WindowScore | None  # the window that decided it; None for "none"
    score: float  # the number that met the threshold


def riskiest(scores: Sequence[WindowScore]) -> tuple[WindowScore, float]:
    """The window most likely to show risk, and how immediate that risk reads in context.

    Immediacy is P(immediate) averaged over every window that holds the riskiest one: the
    sentence alone, with its neighbours, and the whole text if short. A sentence alone often
    reads as happening now ("I was abused by a family friend"); its neighbours say when and
    whether it stopped ("He's dead now."). Measured on the development split, this kept
    immediate recall and raised concern recall from 0.42 to 0.60 against taking the single
    most immediate window. One sentence can still make a long text immediate: only the
    windows around it count, never the calm rest of the text.
    """
    top = max(scores, key=lambda s: s.risk)
    around = [s.immediate for s in scores
              if s.window.start <= top.window.start and s.window.end >= top.window.end]
    return top, float(np.mean(around))


def decide(scores: Sequence[WindowScore], thresholds: Thresholds) -> Decision:
    """Immediate when the riskiest window reads as immediate in its context; concern when it
    reaches the concern threshold; otherwise none."""
    if not scores:
        return Decision(NONE, None, 0.0)
    top, immediacy = riskiest(scores)
    if immediacy >= thresholds.immediate:
        return Decision(IMMEDIATE, top, immediacy)
    if top.risk >= thresholds.concern:
        return Decision(CONCERN, top, top.risk)
    return Decision(NONE, None, top.risk)


def explain(model: TriageModel, decision: Decision, original: str) -> Trigger:
    """A reviewer's reason: the words that scored, the score, and what they are like."""
    assert decision.best is not None
    what = "immediate risk" if decision.level == IMMEDIATE else "a safeguarding concern"
    reason = (f"reads like {what} (model score {decision.score:.2f}); "
              "compare the nearest labelled examples")
    start, end = decision.best.window.start, decision.best.window.end
    return Trigger(original[start:end], start, end, decision.level, reason, MODEL, "semantic",
                   decision.score, model.nearest(decision.best.vector))


# --- Training -------------------------------------------------------------------------------


@dataclass
class _Encoded:
    """The corpus cut into windows and embedded once, shared by every training round."""

    texts: list[CorpusText]
    labels: np.ndarray  # class index per text
    window_texts: list[str]
    window_vectors: np.ndarray
    offsets: np.ndarray  # windows of text i are offsets[i]:offsets[i+1]
    whole_vectors: np.ndarray


def encode(corpus: list[CorpusText], embedder: Embedder) -> _Encoded:
    windows = [make_windows(item.text) for item in corpus]
    window_texts = [w.text for ws in windows for w in ws]
    offsets = np.cumsum([0, *(len(ws) for ws in windows)])
    return _Encoded(corpus, np.array([_CLASS_INDEX[t.label] for t in corpus]), window_texts,
                    embedder.embed(window_texts), offsets,
                    embedder.embed([" ".join(t.text.split()) for t in corpus]))


def train(corpus: list[CorpusText], embedder: Embedder, key: str = "") -> TriageModel:
    """Fit the window classifier on labelled texts. Same corpus and embedder, same model.

    The shipped model is the average of one model per held-out writer (each trained on the
    other writers), not one model trained on everything. The thresholds were picked on how
    such held-out-writer models score a writer they have not seen; an average of exactly those
    models scores new writers on the same scale, so the thresholds carry over. A model trained
    on everything is more confident and would need thresholds nobody could measure.
    """
    data = encode(corpus, embedder)
    vectorisers = features.fit_vectorisers([" ".join(t.text.split()) for t in corpus])
    writers = sorted({t.writer for t in corpus})
    folds = [[i for i, t in enumerate(corpus) if t.writer != w] for w in writers]
    models = [fit(subset(data, chosen), vectorisers=vectorisers)
              for chosen in (folds if len(writers) > 1 else [list(range(len(corpus)))])]
    coef = np.mean([m.coef for m in models], axis=0)
    intercept = np.mean([m.intercept for m in models], axis=0)
    averaged = TriageModel(key, coef, intercept, vectorisers, np.zeros((0, 0)), [], [])
    window_x = features.combine(data.window_vectors, data.window_texts, vectorisers)
    vectors, texts, labels = _examples(data, window_x, averaged.probabilities_of_rows)
    return TriageModel(key, coef, intercept, vectorisers, vectors, texts, labels)


def fit(data: _Encoded, key: str = "",
        vectorisers: tuple[TfidfVectorizer, TfidfVectorizer] | None = None) -> TriageModel:
    """One window classifier (no explaining examples) on some encoded texts."""
    whole_texts = [" ".join(t.text.split()) for t in data.texts]
    vectorisers = vectorisers or features.fit_vectorisers(whole_texts)
    window_x = features.combine(data.window_vectors, data.window_texts, vectorisers)
    whole_x = features.combine(data.whole_vectors, whole_texts, vectorisers)
    # warm_start: each round starts from the last round's weights, so later rounds are quick.
    classifier = LogisticRegression(C=_C, max_iter=_MAX_ITER, class_weight="balanced",
                                    warm_start=True)
    for round_number in range(_MIL_ROUNDS + 1):
        rows, labels, weights = _instances(data, window_x, whole_x,
                                           classifier.predict_proba if round_number else None)
        classifier.fit(rows, labels, sample_weight=weights)
    return TriageModel(key, np.asarray(classifier.coef_), np.asarray(classifier.intercept_),
                       vectorisers, np.zeros((0, 0), dtype=np.float32), [], [])


def subset(data: _Encoded, chosen: Sequence[int]) -> _Encoded:
    """The encoded texts at the chosen indices (for cross-validation without re-embedding)."""
    rows = [np.arange(data.offsets[i], data.offsets[i + 1]) for i in chosen]
    flat = np.concatenate(rows) if rows else np.zeros(0, dtype=int)
    return _Encoded([data.texts[i] for i in chosen], data.labels[list(chosen)],
                    [data.window_texts[j] for j in flat], data.window_vectors[flat],
                    np.cumsum([0, *(len(r) for r in rows)]), data.whole_vectors[list(chosen)])


def _instances(data: _Encoded, window_x: sparse.csr_matrix, whole_x: sparse.csr_matrix,
               predict: Predict | None,
               ) -> tuple[sparse.csr_matrix, np.ndarray, np.ndarray]:
    """Training rows for one round.

    A text labelled none has no risk in any window: every window is a negative (down-weighted
    so long texts do not swamp short ones). A risky text is a positive as a whole, and once
    a first model exists, its best-scoring window is a positive too: in a long text the
    disclosure is one or two sentences, and teaching the model that the other 280 words are
    risky would teach it to flag ordinary feedback.
    """
    picks: list[sparse.csr_matrix] = []
    labels: list[int] = []
    weights: list[float] = []
    for i, label in enumerate(data.labels):
        first, stop = int(data.offsets[i]), int(data.offsets[i + 1])
        if stop == first:
            continue
        if label == 0:
            picks.append(window_x[first:stop])
            labels += [0] * (stop - first)
            weights += [1.0 / np.sqrt(stop - first)] * (stop - first)
            continue
        picks.append(whole_x[i])
        labels.append(int(label))
        weights.append(1.0)
        if predict is not None and stop - first > 1:
            picks.append(window_x[first + _best_window(predict, window_x[first:stop], label)])
            labels.append(int(label))
            weights.append(1.0)
    return sparse.vstack(picks).tocsr(), np.array(labels), np.array(weights)


def _best_window(predict: Predict, rows: sparse.csr_matrix, label: int) -> int:
    probs = predict(rows)
    # For a concern text, the window most likely to be risk of any level.
    score = probs[:, 2] if label == 2 else probs[:, 1] + probs[:, 2]
    return int(np.argmax(score))


def _examples(data: _Encoded, window_x: sparse.csr_matrix, predict: Predict,
              ) -> tuple[np.ndarray, list[str], list[str]]:
    """What reviewers are shown as nearest examples: short texts whole, and for long risky
    texts the window the model found the risk in (a 300-word example helps nobody)."""
    vectors: list[np.ndarray] = []
    texts: list[str] = []
    labels: list[str] = []
    for i, item in enumerate(data.texts):
        first, stop = int(data.offsets[i]), int(data.offsets[i + 1])
        if stop == first:
            continue
        if len(item.text.split()) <= WHOLE_TEXT_WORDS:
            vectors.append(data.whole_vectors[i])
            texts.append(" ".join(item.text.split()))
        elif data.labels[i] != 0:
            best = first + _best_window(predict, window_x[first:stop], int(data.labels[i]))
            vectors.append(data.window_vectors[best])
            texts.append(data.window_texts[best])
        else:
            continue
        labels.append(item.label)
    return np.asarray(vectors, dtype=np.float32), texts, labels


# --- The cached model ---------------------------------------------------------------------


def model_key(embedder: StaticEmbedder) -> str:
    """Changes when the corpus, the static model's weights or this code's version change."""
    digest = hashlib.sha256(f"triage-model-{MODEL_VERSION}".encode())
    digest.update(corpus_digest().encode())
    with (embedder.path / "model.safetensors").open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def cache_path(key: str, cache_dir: Path | None = None) -> Path:
    return (cache_dir or model_cache_dir()) / f"triage-{key[:16]}"


def save(model: TriageModel, folder: Path) -> None:
    """Write beside the target and rename, so a crash never leaves half a model."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".triage-", dir=folder.parent))
    np.savez(staging / "model.npz", coef=model.coef, intercept=model.intercept,
             example_vectors=model.example_vectors)
    meta = {"key": model.key, "examples": model.example_texts, "labels": model.example_labels,
            "word": features.vectoriser_state(model.vectorisers[0]),
            "char": features.vectoriser_state(model.vectorisers[1])}
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
    vectorisers = (features.vectoriser_from_state(meta["word"], "word"),
                   features.vectoriser_from_state(meta["char"], "char"))
    return TriageModel(meta["key"], arrays["coef"], arrays["intercept"], vectorisers,
                       arrays["example_vectors"], list(meta["examples"]), list(meta["labels"]))


def build(embedder: StaticEmbedder | None = None, cache_dir: Path | None = None) -> TriageModel:
    """The cached model for this corpus and static model, trained and saved if missing."""
    embedder = embedder or StaticEmbedder(cache_dir)
    embedder.embed(["warm up"])  # loads (or distils) the static model; raises if it cannot
    key = model_key(embedder)
    folder = cache_path(key, cache_dir)
    if (folder / "model.json").is_file():
        try:
            return load(folder)
        except (OSError, ValueError, KeyError) as error:
            log.warning("The cached triage model at %s is unreadable (%s); retraining.",
                        folder, error)
    log.info("Training the triage model from the corpus (once per corpus and static model).")
    model = train(load_corpus(), embedder, key)
    save(model, folder)
    return model


@dataclass
class Loaded:
    """What `classify` uses: the model, its embedder and thresholds, or why there are none."""

    model: TriageModel | None
    embedder: Embedder | None
    thresholds: Thresholds | None
    error: str = ""


_lock = threading.Lock()
_loaded: Loaded | None = None


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
        model = build(embedder)
        return Loaded(model, embedder, load_thresholds())
    except Exception as error:  # noqa: BLE001 - any failure must leave the rules running
        message = f"{type(error).__name__}: {error}"
        log.error("Safeguarding triage is DEGRADED to rules only: the semantic model could "
                  "not be loaded (%s). Build it with: python -m heard.safety.triage_model",
                  message)
        return Loaded(None, None, None, message)


def reset_for_tests(loaded: Loaded | None = None) -> None:
    """Forget the loaded model (or put a given one in its place)."""
    global _loaded
    with _lock:
        _loaded = loaded


if __name__ == "__main__":  # pragma: no cover - `python -m heard.safety.triage_model`
    logging.basicConfig(level=logging.INFO)
    built = build()
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
    if not (cache_path(model_key(embedder), cache_dir) / "model.json").is_file():
        return True, ("the triage model is not trained yet; the first contribution will wait "
                      "for it (about a minute). Build it now: python -m heard.safety.triage_model")
    return True, ""

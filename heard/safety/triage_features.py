"""Turn a text's sentence windows into the numbers the triage model weighs.

Three kinds of feature, each for a reason:

* **meaning**: the static model2vec embedding of the window (`StaticEmbedder`, 256 numbers).
  Words it has never seen in the corpus still land near words of like meaning, which is what
  lets the model generalise beyond any phrase list;
* **wording**: hashed word and word-pair counts. They carry what a mean of word vectors
  blurs: "used to", "never", "tonight", text-speak spellings;
* **grammar cues**: whether the window has a past-tense marker, a present one, a negation,
  reported speech, a joke marker, a lesson or policy word, first-person words (the context
  patterns of `triage_rules`, which are about grammar, not about risk words), plus whether a
  rule phrase fired inside the window and at which level.

Everything is computed once per unit (sentence), for a whole batch of texts at once, and a
window's features are sums over its units (a sparse "which units are in which window" matrix
times the unit rows): a 300-word text is about 25 units and 50 windows.
Pure; no Django imports.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
from scipy import sparse

from . import triage_rules as rules
from .triage_result import CONCERN, IMMEDIATE, Trigger
from .triage_windows import Cut

# The context patterns of the rules, used here as plain yes/no facts about a window. They are
# written in lower case; matching lower-cased text without IGNORECASE finds the same spans
# (lower-casing keeps the length) and is several times faster in Python's `re`.
CUE_NAMES: tuple[str, ...] = tuple(rules.CONTEXT_CUES)
_CUES = tuple(re.compile(cue.pattern, cue.flags & ~re.IGNORECASE)
              for cue in rules.CONTEXT_CUES.values())
RULE_LEVELS: tuple[str, ...] = (IMMEDIATE, CONCERN)
CUE_COUNT = len(_CUES) + len(RULE_LEVELS)
# Words and word pairs, hashed: no vocabulary to fit or store, and the same on every machine.
# The pattern keeps one-letter words ("i") and contractions ("i'm", "don't"), which carry who
# and when.
HASH_FEATURES = 2**18
_WORD_PATTERN = r"(?u)\b\w+(?:'\w+)?\b"


@cache
def _hasher() -> Any:
    """Made on first use: importing scikit-learn costs about 0.85 CPU-seconds, and the triage
    system check (`heard manage check`) imports this module without classifying anything."""
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(ngram_range=(1, 2), n_features=HASH_FEATURES, alternate_sign=False,
                             norm=None, token_pattern=_WORD_PATTERN)


_WORD = re.compile(_WORD_PATTERN)
# Very short windows (decision 0026, round 4). A window's embedding is scaled to unit length
# whatever its length, so in "I am male" one content word sets the whole direction, a direction
# far from any typical window, and the linear stages extrapolated on it with no sign that the
# text was three words long ("male" lies near the men of the risk texts). The length bands give
# each stage a learnt baseline for very short windows (cumulative 0/1 columns: at most 2 words,
# at most 4, at most 7), so a short window's score is its words and meaning weighed against
# what short windows of the corpus are, not against long texts. Scaling the embedding down in
# short windows as well was measured and not kept (decision 0026, round 4).
LENGTH_EDGES: tuple[int, ...] = (2, 4, 7)


# Noise the meaning of a text never hangs on: numbers (ids, dates, ages, phone numbers), links,
# email addresses and @handles. Each becomes one fixed stand-in before words are hashed and
# embedded, so "Story 123:" weighs the same as "Story 7:" (the corpus's help-line numbers,
# 116 123 and 999, had taught the model that some digits meant risk).
_NOISE = (
    (re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE), " link "),
    (re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b"), " email "),
    (re.compile(r"(?<!\w)@\w+"), " handle "),
    (re.compile(r"\d+(?:[.,:/-]\d+)*"), "0"),
)


def feature_text(unit: str) -> str:
    """A unit's words as the model reads them: noise tokens replaced by stand-ins."""
    for pattern, stand_in in _NOISE:
        unit = pattern.sub(stand_in, unit)
    return unit


def token_sums(embedder: object, texts: list[str]) -> np.ndarray:
    """Sums of token vectors when the embedder can give them (they add up over sentences);
    otherwise its unit-length rows (the fake embedder in unit tests)."""
    method = getattr(embedder, "embed_sums", None)
    if method is not None:
        return np.asarray(method(texts), dtype=np.float32)
    return np.asarray(embedder.embed(texts), dtype=np.float32)  # type: ignore[attr-defined]


def unit_cues(one: Cut, triggers: list[Trigger]) -> np.ndarray:
    """Which units hold each grammar cue, and a rule phrase at each level. The cue patterns
    run once over the whole text; a match belongs to the unit where it starts."""
    flags = np.zeros((len(one.units), CUE_COUNT), dtype=np.float32)
    if not one.units:
        return flags
    starts = [s for s, _e in one.units]
    lowered = rules.lower_same_length(one.clean)
    for column, cue in enumerate(_CUES):
        for match in cue.finditer(lowered):
            flags[max(0, bisect_right(starts, match.start()) - 1), column] = 1.0
    for trigger in triggers:
        if trigger.level in RULE_LEVELS:
            unit = max(0, bisect_right(starts, trigger.start) - 1)
            flags[unit, len(_CUES) + RULE_LEVELS.index(trigger.level)] = 1.0
    return flags


@dataclass
class WindowParts:
    """A window's features before weighting: meaning, wording and cues."""

    vectors: np.ndarray  # (windows, dims), unit length
    words: sparse.csr_matrix  # (windows, HASH_FEATURES) counts
    cues: np.ndarray  # (windows, CUE_COUNT) 0/1
    lengths: np.ndarray  # (windows,) words in the window


def cue_block(parts: WindowParts) -> np.ndarray:
    """The grammar cues and rule levels, then one 0/1 column per length band
    (`LENGTH_EDGES`)."""
    bands = np.zeros((len(parts.lengths), len(LENGTH_EDGES)), dtype=np.float32)
    for column, edge in enumerate(LENGTH_EDGES):
        bands[:, column] = parts.lengths <= edge
    return np.hstack([parts.cues.astype(np.float32), bands.astype(np.float32)])


def batch_parts(cuts: list[Cut], triggers: list[list[Trigger]], embedder: object,
                ) -> tuple[WindowParts, WindowParts]:
    """Every window of several texts (stacked in text order), and one whole-text row per
    text, from one embedding batch: each window is a sum over its units."""
    texts = [feature_text(t) for c in cuts for t in c.unit_texts()]
    dims = int(getattr(embedder, "dims", 0) or 0)
    sums = token_sums(embedder, texts) if texts else np.zeros((0, dims), np.float32)
    words = _hasher().transform(texts).tocsr() if texts else sparse.csr_matrix((0, HASH_FEATURES))
    counts = np.array([len(_WORD.findall(t)) for t in texts], dtype=np.float64)
    cues = (np.vstack([unit_cues(c, t) for c, t in zip(cuts, triggers, strict=True)])
            if texts else np.zeros((0, CUE_COUNT), np.float32))
    firsts, stops, text_of = _window_bounds(cuts)
    # Windows and whole texts in one pass (one sparse product), then split.
    both = _summed(np.concatenate([firsts, text_of[:-1]]), np.concatenate([stops, text_of[1:]]),
                   sums, words, cues, counts)
    count = len(firsts)
    return (take(both, np.arange(count)), take(both, np.arange(count, len(both.lengths))))


def _window_bounds(cuts: list[Cut]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each window's first and stop unit in the stacked units of every text, and where each
    text's units start (one more entry at the end)."""
    text_of = np.cumsum([0, *(len(one.units) for one in cuts)])
    firsts = [int(text_of[i]) + w.first for i, one in enumerate(cuts) for w in one.windows]
    stops = [int(text_of[i]) + w.stop for i, one in enumerate(cuts) for w in one.windows]
    return np.asarray(firsts, dtype=np.int64), np.asarray(stops, dtype=np.int64), text_of


def _summed(firsts: np.ndarray, stops: np.ndarray, sums: np.ndarray, words: sparse.csr_matrix,
            cues: np.ndarray, counts: np.ndarray) -> WindowParts:
    """Windows are runs of consecutive units, so a window's sum is a difference of running
    totals (for the vectors and cues) and its words are a sparse sum of unit rows. Running
    totals in float64, so a long batch adds no rounding error to the float32 vectors."""
    dims = sums.shape[1] if sums.ndim == 2 else 0
    running = np.zeros((len(sums) + 1, dims))
    np.cumsum(sums, axis=0, out=running[1:])
    vectors = (running[stops] - running[firsts]).astype(np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    cue_totals = np.zeros((len(cues) + 1, CUE_COUNT))
    np.cumsum(cues, axis=0, out=cue_totals[1:])
    has_cue = ((cue_totals[stops] - cue_totals[firsts]) > 0.5).astype(np.float32)
    count_totals = np.concatenate([[0.0], np.cumsum(counts)])
    return WindowParts(vectors / norms, _word_sums(firsts, stops, words), has_cue,
                       (count_totals[stops] - count_totals[firsts]).astype(np.float32))


def _word_sums(firsts: np.ndarray, stops: np.ndarray, words: sparse.csr_matrix,
               ) -> sparse.csr_matrix:
    """Row i: the sum of unit rows firsts[i]..stops[i]-1 (a 0/1 "which units" matrix product)."""
    lengths = stops - firsts
    columns = np.repeat(firsts - np.cumsum(np.concatenate([[0], lengths[:-1]])), lengths) \
        + np.arange(int(lengths.sum()))
    belongs = sparse.csr_matrix(
        (np.ones(len(columns), np.float32), columns, np.concatenate([[0], np.cumsum(lengths)])),
        shape=(len(firsts), words.shape[0]))
    return (belongs @ words).tocsr()


def take(parts: WindowParts, rows: np.ndarray) -> WindowParts:
    """Some rows of stacked window parts."""
    return WindowParts(parts.vectors[rows], parts.words[rows], parts.cues[rows],
                       parts.lengths[rows])


def document_frequency(parts: WindowParts) -> np.ndarray:
    """How many rows hold each hashed word (for inverse document frequency weights)."""
    present = parts.words.copy()
    present.data[:] = 1.0
    return np.asarray(present.sum(axis=0)).ravel()


def idf_weights(frequency: np.ndarray, rows: int) -> np.ndarray:
    return (np.log((1.0 + rows) / (1.0 + frequency)) + 1.0).astype(np.float32)


def design(parts: WindowParts, idf: np.ndarray, word_weight: float = 1.0) -> sparse.csr_matrix:
    """One sparse row per window: meaning, weighted wording and cues, side by side (for
    training; scoring one text uses the three blocks apart, see `triage_model`)."""
    return sparse.hstack([sparse.csr_matrix(parts.vectors), weighted_words(parts, idf, word_weight),
                          sparse.csr_matrix(cue_block(parts))], format="csr")


def weighted_words(parts: WindowParts, idf: np.ndarray, word_weight: float = 1.0,
                   ) -> sparse.csr_matrix:
    """Log counts times IDF, each row scaled to length `word_weight`. The weights are applied
    to the stored numbers directly (no 262,144-wide diagonal matrix: this runs on every
    contribution)."""
    words = parts.words.tocsr().astype(np.float32)  # a copy: the parts stay as they were
    words.data = np.log1p(words.data) * idf[words.indices]
    norms = np.ones(words.shape[0], dtype=np.float32)
    if words.nnz:
        # Row sums of squares; empty rows (clipped start, masked out) keep a norm of 1.
        starts = np.minimum(words.indptr[:-1], words.nnz - 1)
        squares = np.add.reduceat(words.data ** 2, starts)
        filled = np.diff(words.indptr) > 0
        norms[filled] = np.sqrt(squares[filled])
    words.data *= np.repeat(word_weight / norms, np.diff(words.indptr)).astype(np.float32)
    return words

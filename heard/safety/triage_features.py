"""Turn sentence windows into the numbers the triage model weighs.

Three kinds of feature, each for a reason:

* **meaning**: the static model2vec embedding of the window (`StaticEmbedder`, 256 numbers).
  Words it has never seen in the corpus still land near words of like meaning, which is what
  lets the model generalise beyond any phrase list;
* **spelling**: word pairs and character runs (TF-IDF), learned from the corpus. They carry
  what a mean of word vectors blurs: "used to", "never", "lol", text-speak spellings;
* **grammar cues**: whether the window has a past-tense marker, a present one, a negation,
  reported speech, a joke marker, a lesson or policy word, first-person words (the context
  patterns of `triage_rules`, which are about grammar, not about risk words), plus whether a
  rule phrase fired inside the window and at which level.

All three are cheap on a CPU: a 300-word text is about 40 windows and a few milliseconds.
Pure; no Django imports.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from . import triage_rules as rules
from .triage_result import CONCERN, IMMEDIATE

# The context patterns of the rules, used here as plain yes/no facts about a window.
_CUES = tuple(rules.CONTEXT_CUES.values())
CUE_COUNT = len(_CUES) + 2  # and: a rule phrase fired at immediate / at concern
# Settings of the two spelling vectorisers (fitted on the training texts).
_WORD_NGRAMS = {"ngram_range": (1, 2), "min_df": 2, "sublinear_tf": True}
_CHAR_NGRAMS = {"analyzer": "char_wb", "ngram_range": (3, 5), "min_df": 3,
                "sublinear_tf": True, "max_features": 30000}


def cue_flags(texts: list[str]) -> np.ndarray:
    """One row per text: 1.0 where a grammar cue or a rule phrase is present."""
    flags = np.zeros((len(texts), CUE_COUNT), dtype=np.float32)
    for row, text in enumerate(texts):
        flags[row, : len(_CUES)] = [1.0 if cue.search(text) else 0.0 for cue in _CUES]
        levels = {t.level for t in rules.rule_triggers(text)}
        flags[row, -2] = IMMEDIATE in levels
        flags[row, -1] = CONCERN in levels
    return flags


def fit_vectorisers(texts: list[str]) -> tuple[TfidfVectorizer, TfidfVectorizer]:
    """Word and character TF-IDF, fitted on the training texts (deterministic)."""
    return (TfidfVectorizer(**_WORD_NGRAMS).fit(texts),  # type: ignore[arg-type]
            TfidfVectorizer(**_CHAR_NGRAMS).fit(texts))  # type: ignore[arg-type]


def vectoriser_from_state(state: dict, kind: str) -> TfidfVectorizer:
    """Rebuild a fitted vectoriser from its vocabulary and IDF weights (no pickle)."""
    settings = _WORD_NGRAMS if kind == "word" else _CHAR_NGRAMS
    vectoriser = TfidfVectorizer(**settings, vocabulary=state["vocabulary"])  # type: ignore[arg-type]
    vectoriser.idf_ = np.asarray(state["idf"], dtype=np.float64)
    return vectoriser


def vectoriser_state(vectoriser: TfidfVectorizer) -> dict:
    return {"vocabulary": {k: int(v) for k, v in vectoriser.vocabulary_.items()},
            "idf": vectoriser.idf_.tolist()}


def combine(vectors: np.ndarray, texts: list[str],
            vectorisers: tuple[TfidfVectorizer, TfidfVectorizer]) -> sparse.csr_matrix:
    """One sparse row per window: meaning, spelling and grammar side by side."""
    word, char = vectorisers
    return sparse.hstack([
        sparse.csr_matrix(vectors), word.transform(texts), char.transform(texts),
        sparse.csr_matrix(cue_flags(texts)),
    ]).tocsr()

"""Step 3: key words, short phrases and a readable label for each theme (class-based TF-IDF).

Counting 1- to 3-word phrases is the slowest pure-Python step, so on large runs the counts come
from a seeded sample of at most ``max_docs_per_theme`` texts of each theme: a thousand texts
estimate which phrases mark a theme as well as a hundred thousand do. The same counts feed the
perspective lens (distinctive words per group), so they are kept in :class:`TermCounts`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from scipy import sparse

from heard.analysis.themes.screen import clean_text, proper_nouns, unsafe

# Pieces left by splitting contractions at the apostrophe ("don't" -> "don"), and filler words
# that mark how people talk rather than what they talk about.
EXTRA_STOP_WORDS = frozenset({
    "don", "didn", "doesn", "isn", "wasn", "weren", "won", "wouldn", "couldn", "shouldn",
    "haven", "hasn", "hadn", "aren", "ain", "ve", "ll", "re", "im", "ive", "dont", "cant",
    "just", "really", "like", "think", "know", "get", "got", "want", "thing", "things", "lot",
    "bit", "way", "actually", "basically", "gonna", "yeah", "ok", "okay", "maybe", "say", "said",
    "did", "does", "doing", "going", "gets", "getting", "went", "goes", "came", "come", "make",
    "makes", "let", "lets", "time", "new", "year", "years",
})
# A listed phrase must appear in this many of the theme's texts (or all of them, if fewer):
# a phrase from one or two texts is not what the theme is about, and could point to a person.
MIN_THEME_DOCUMENTS = 5
MIN_THEME_SHARE = 0.02
# Letters only, two or more: numbers rarely name a theme and often identify a person.
WORD_PATTERN = r"(?u)\b[^\W\d_]{2,}\b"


@cache
def stop_words() -> list[str]:
    """scikit-learn's English stop words and ours, sorted (as CountVectorizer is given them)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return sorted(ENGLISH_STOP_WORDS | EXTRA_STOP_WORDS)


@dataclass(frozen=True)
class TermCounts:
    """Phrase counts for the texts at ``rows`` (indices into the full input)."""

    vocabulary: np.ndarray
    rows: np.ndarray
    matrix: sparse.csr_matrix


@dataclass(frozen=True)
class ThemeTerms:
    key_words: list[str]
    weights: list[float]
    label: str


def count_terms(
    texts: list[str], labels: np.ndarray, max_docs_per_theme: int = 1_000, seed: int = 0
) -> TermCounts:
    """Count 1- to 3-word phrases (English stop words removed) in a per-theme sample."""
    rows = sample_rows(labels, max_docs_per_theme, seed)
    # Markup and redaction placeholders are not words people wrote ("nbsp", "name").
    docs = [clean_text(texts[i]) for i in rows]
    # Phrases seen in one text only are noise (and may identify someone); keep them only when
    # there is too little text for anything else.
    # A phrase in most texts ("care", "children" in children's social care) marks no theme.
    # scikit-learn takes about a second to import: loaded when phrases are first counted, not
    # by every `heard` command and worker process that sets up Django.
    from sklearn.feature_extraction.text import CountVectorizer

    vectorizer = CountVectorizer(
        ngram_range=(1, 3), stop_words=stop_words(), token_pattern=WORD_PATTERN,
        min_df=2 if len(docs) >= 20 else 1, max_df=0.5 if len(docs) >= 50 else 1.0,
        dtype=np.float32,
    )
    try:
        matrix = vectorizer.fit_transform(docs)
    except ValueError:
        # Nothing but stop words (or nothing at all): no phrases to show.
        return TermCounts(np.array([], dtype=object), rows, sparse.csr_matrix((len(docs), 0)))
    return TermCounts(vectorizer.get_feature_names_out(), rows, sparse.csr_matrix(matrix))


def sample_rows(labels: np.ndarray, per_theme: int, seed: int) -> np.ndarray:
    """Sorted indices: every text of small themes, a seeded sample of large ones."""
    rng = np.random.default_rng(seed)
    chosen: list[np.ndarray] = []
    for theme in np.unique(labels):
        members = np.flatnonzero(labels == theme)
        if members.size > per_theme:
            members = rng.choice(members, size=per_theme, replace=False)
        chosen.append(members)
    return np.sort(np.concatenate(chosen)) if chosen else np.array([], dtype=np.int64)


def class_term_matrix(
    counts: TermCounts, labels: np.ndarray, k: int, documents: bool = False
) -> np.ndarray:
    """Phrase counts summed per theme (or, with ``documents``, how many of the theme's texts
    use each phrase): a dense (k, vocabulary) array."""
    theme_of_row = labels[counts.rows]
    onehot = sparse.csr_matrix(
        (np.ones(theme_of_row.shape[0], dtype=np.float32),
         (theme_of_row, np.arange(theme_of_row.shape[0]))),
        shape=(k, theme_of_row.shape[0]),
    )
    matrix = (counts.matrix > 0).astype(np.float32) if documents else counts.matrix
    return np.asarray((onehot @ matrix).todense(), dtype=np.float64)


def class_tfidf(class_counts: np.ndarray) -> np.ndarray:
    """BERTopic's c-TF-IDF: term frequency within the theme (L1) times
    log(1 + average words per theme / frequency of the term across all themes)."""
    if class_counts.size == 0:
        return class_counts
    totals = class_counts.sum(axis=1, keepdims=True)
    totals[totals == 0] = 1.0
    tf = class_counts / totals
    frequency = class_counts.sum(axis=0)
    average = class_counts.sum() / max(class_counts.shape[0], 1)
    idf = np.log1p(average / np.maximum(frequency, 1.0))
    return tf * idf


def theme_terms(
    texts: list[str], labels: np.ndarray, k: int, top_n: int = 10,
    counts: TermCounts | None = None,
) -> list[ThemeTerms]:
    """Top phrases and a readable label for each theme index 0..k-1."""
    counts = counts or count_terms(texts, labels)
    scores = class_tfidf(class_term_matrix(counts, labels, k))
    documents = class_term_matrix(counts, labels, k, documents=True)
    sampled = np.bincount(labels[counts.rows], minlength=k)
    for theme in range(k):
        need = max(min(MIN_THEME_DOCUMENTS, sampled[theme]), MIN_THEME_SHARE * sampled[theme])
        scores[theme, documents[theme] < need] = 0.0
    # Twice as many as shown, so that phrases the redaction detectors flag (a staff member's
    # name, a place, an organisation) can be dropped and the list still filled.
    names = proper_nouns([clean_text(texts[i]) for i in counts.rows])
    picks = [[pair for pair in _picked(scores[t], counts.vocabulary, 2 * top_n)
              if not names.intersection(pair[0].split())] for t in range(k)]
    flags = iter(unsafe([phrase for picked in picks for phrase, _ in picked]))
    safe = [[pair for pair in picked if not next(flags)][:top_n] for picked in picks]
    return [_theme_terms(picked, t) for t, picked in enumerate(safe)]


def _picked(row: np.ndarray, vocabulary: np.ndarray, top_n: int) -> list[tuple[str, float]]:
    order = [i for i in np.argsort(-row, kind="stable") if row[i] > 0]
    return pick_phrases([str(vocabulary[i]) for i in order], [float(row[i]) for i in order],
                        top_n)


def _theme_terms(picked: list[tuple[str, float]], theme: int) -> ThemeTerms:
    return ThemeTerms(
        key_words=[phrase for phrase, _ in picked],
        weights=[weight for _, weight in picked],
        label=readable_label([phrase for phrase, _ in picked], theme),
    )


def pick_phrases(
    phrases: list[str], weights: list[float], top_n: int, keep_longer: float = 0.5
) -> list[tuple[str, float]]:
    """Best phrases without repeats. A longer phrase that contains a listed one takes its
    place when it scores at least ``keep_longer`` of it ("social worker" over "worker"), since
    it says more; a shorter phrase inside a listed one adds nothing and is skipped."""
    picked: list[tuple[str, float]] = []
    for phrase, weight in zip(phrases, weights, strict=True):
        if len(picked) == top_n:
            break
        inside = [j for j, (kept, _) in enumerate(picked) if _contains(phrase, kept)]
        if any(_contains(kept, phrase) for kept, _ in picked):
            continue
        if not inside:
            picked.append((phrase, weight))
        elif weight >= keep_longer * picked[inside[0]][1]:
            picked[inside[0]] = (phrase, picked[inside[0]][1])
            for j in reversed(inside[1:]):
                del picked[j]
    return picked


def _contains(longer: str, shorter: str) -> bool:
    return longer != shorter and f" {shorter} " in f" {longer} "


def readable_label(key_words: list[str], theme: int, parts: int = 3) -> str:
    """The top phrases that share no word, joined: "Social worker, placement, reviews"."""
    chosen: list[str] = []
    used: set[str] = set()
    for phrase in key_words:
        words = set(phrase.split())
        if words & used:
            continue
        chosen.append(phrase)
        used |= words
        if len(chosen) == parts:
            break
    if not chosen:
        return f"Theme {theme + 1}"
    text = ", ".join(chosen)
    return text[0].upper() + text[1:]

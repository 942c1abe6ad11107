"""Sentence windows: cluster parts of long stories, then give each story its strongest themes.

A long story often raises several things (a move, a worker who changed, school). Embedded whole,
it lands between themes. Cut into windows of a few sentences, each part can sit near its own
theme; the story then belongs to the theme its windows are closest to (its strongest theme), and
the next strongest is shown to analysts as a secondary theme.

Whether this helps is measured, not assumed: `heard eval membership` (membership_eval.py)
compares it with whole-text clustering on the shared labelled sets, fold by fold. The pipeline
uses it only where it is measured to help (see docs/decisions/0015-campaigns-and-membership.md).

Pure code: no Django imports.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from heard.analysis.themes.cluster import (
    ClusterConfig,
    Clustering,
    _centroids,
    cluster_embeddings,
    order_by_size,
    top_two,
)
from heard.analysis.themes.embedders import Embedder

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'“‘(])|\n{2,}")


@dataclass(frozen=True)
class Windows:
    """Window texts, and for each window the index of the story it came from."""

    texts: list[str]
    owner: np.ndarray


def split_sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(text) if part and part.strip()]


def make_windows(texts: Sequence[str], size: int = 2, min_sentences: int = 4) -> Windows:
    """Overlapping windows of ``size`` sentences (stride 1) for stories of at least
    ``min_sentences`` sentences; a shorter text is its own single window."""
    out: list[str] = []
    owner: list[int] = []
    for index, text in enumerate(texts):
        sentences = split_sentences(text)
        if len(sentences) < max(min_sentences, size + 1):
            out.append(text)
            owner.append(index)
            continue
        for start in range(len(sentences) - size + 1):
            out.append(" ".join(sentences[start:start + size]))
            owner.append(index)
    return Windows(out, np.asarray(owner, dtype=np.int64))


def story_strengths(window_vectors: np.ndarray, owner: np.ndarray, centroids: np.ndarray,
                    n: int) -> np.ndarray:
    """Per story and theme: the mean over its windows of each window's cosine to the theme,
    counting only the windows that sit nearest that theme, plus a small share of the best
    cosine so that every story has a strength for every theme."""
    sims = window_vectors @ centroids.T
    nearest = sims.argmax(axis=1)
    k = centroids.shape[0]
    votes = np.zeros((n, k), dtype=np.float64)
    np.add.at(votes, (owner, nearest), sims[np.arange(len(owner)), nearest])
    counts = np.bincount(owner, minlength=n).astype(np.float64)
    best = np.full((n, k), -np.inf)
    np.maximum.at(best, owner, sims)
    return votes / counts[:, None] + 0.01 * best


def cluster_windows(
    texts: Sequence[str], embedder: Embedder, config: ClusterConfig | None = None,
    size: int = 2, min_sentences: int = 4, story_vectors: np.ndarray | None = None,
) -> Clustering:
    """Cluster the windows of ``texts``; each story's theme is its strongest, the secondary
    its next strongest. Every story gets exactly one theme."""
    windows = make_windows(texts, size, min_sentences)
    vectors = np.asarray(embedder.embed(windows.texts), dtype=np.float32)
    found = cluster_embeddings(vectors, config)
    strengths = story_strengths(vectors, windows.owner, found.centroids, len(texts))
    labels = strengths.argmax(axis=1).astype(np.int64)
    centroids = found.centroids
    labels, centroids = order_by_size(labels, centroids)
    x = story_vectors if story_vectors is not None else _story_means(vectors, windows.owner,
                                                                     len(texts))
    centroids = _centroids(x, labels, centroids.shape[0], fallback=centroids)
    score, secondary, secondary_score = top_two(x, centroids, labels)
    return Clustering(labels=labels.astype(np.int32), centroids=centroids, score=score,
                      secondary=secondary, secondary_score=secondary_score,
                      k_scores=found.k_scores)


def _story_means(vectors: np.ndarray, owner: np.ndarray, n: int) -> np.ndarray:
    sums = np.zeros((n, vectors.shape[1]), dtype=np.float64)
    np.add.at(sums, owner, vectors)
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (sums / norms).astype(np.float32)

"""Deterministic SYNTHETIC contributions for benchmarks and the GPU throughput check.

The demo generator writes a few hundred carefully varied texts, too slowly for 100,000. Here its
sentences are cut out once, grouped by the demo theme they came from, and recombined: each new
text takes sentences mostly from one theme (so themes exist to be found) with an occasional
sentence from another, up to a word count drawn between 20 and 150. Every word is invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_SOURCE_COUNT = 600
_OFF_THEME_SHARE = 0.1


@dataclass(frozen=True)
class SyntheticCorpus:
    texts: list[str]
    theme_hints: list[str]
    perspectives: list[tuple[str, ...]]
    quotable: list[bool]


def _sentence_pools(seed: int) -> tuple[list[str], list[list[str]], list[tuple[str, ...]]]:
    from heard.contributions.demo_corpus import generate_demo_contributions

    pools: dict[str, set[str]] = {}
    voices: list[tuple[str, ...]] = []
    for item in generate_demo_contributions(seed=seed, count=_SOURCE_COUNT):
        pools.setdefault(item.theme_hint, set()).update(_SENTENCE_END.split(item.text))
        voices.append(item.perspectives)
    themes = sorted(pools)
    return themes, [sorted(pools[theme]) for theme in themes], voices


def synthetic_contributions(
    count: int, seed: int = 11, min_words: int = 20, max_words: int = 150
) -> SyntheticCorpus:
    """``count`` texts of ``min_words`` to ``max_words`` words; same arguments, same corpus."""
    themes, pools, voices = _sentence_pools(seed)
    rng = np.random.default_rng(seed)
    lengths = [np.array([len(s.split()) for s in pool]) for pool in pools]
    texts: list[str] = []
    hints: list[str] = []
    for theme_index, target in zip(
        rng.integers(0, len(themes), count), rng.integers(min_words, max_words + 1, count),
        strict=True,
    ):
        texts.append(_compose(rng, pools, lengths, int(theme_index), int(target), max_words))
        hints.append(themes[theme_index])
    voice_index = rng.integers(0, len(voices), count)
    return SyntheticCorpus(
        texts=texts,
        theme_hints=hints,
        perspectives=[voices[i] for i in voice_index],
        quotable=list(rng.random(count) < 0.7),
    )


def _compose(
    rng: np.random.Generator, pools: list[list[str]], lengths: list[np.ndarray],
    theme: int, target: int, max_words: int,
) -> str:
    parts: list[str] = []
    words = 0
    while words < target:
        source = theme
        if parts and rng.random() < _OFF_THEME_SHARE:
            source = int(rng.integers(0, len(pools)))
        pick = int(rng.integers(0, len(pools[source])))
        size = int(lengths[source][pick])
        if parts and words + size > max_words:
            break
        parts.append(pools[source][pick])
        words += size
    text = " ".join(parts)
    # A single very long sentence could pass the ceiling: cut it at a word boundary.
    return " ".join(text.split()[:max_words])

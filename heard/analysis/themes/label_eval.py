"""How well theme names say what a theme is about, measured against human category names.

The measure (issue 16): embed each theme's label and every human category name with
all-MiniLM-L6-v2, and ask whether the category name nearest the label is the category most of
the theme's items carry (``label_top1``), or among the three nearest (``label_top3``). Each
theme counts once, whatever its size. Category names written as identifiers ("card_arrival")
are turned into words ("card arrival") first, since that is what a person would compare.

Pure numpy; the embedder is passed in, so tests can use the fake one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from heard.analysis.themes.embedders import Embedder

_IDENTIFIER_GAPS = re.compile(r"[_\-]+|(?<=[a-z])(?=[A-Z])")


def category_words(name: str) -> str:
    """``card_arrival`` -> ``card arrival``; ``lostOrStolen`` -> ``lost or stolen``."""
    words = _IDENTIFIER_GAPS.sub(" ", name.strip())
    return " ".join(words.split()).lower() if words != name.strip() else name.strip()


def majority_categories(
    theme_of_item: np.ndarray, truth: Sequence[str], theme_count: int
) -> list[str | None]:
    """The category most items of each theme carry (ties: the name first in sort order)."""
    tallies: list[Counter[str]] = [Counter() for _ in range(theme_count)]
    for theme, category in zip(theme_of_item.tolist(), truth, strict=True):
        if theme >= 0:
            tallies[theme][category] += 1
    out: list[str | None] = []
    for tally in tallies:
        if not tally:
            out.append(None)
            continue
        best = max(tally.values())
        out.append(min(name for name, count in tally.items() if count == best))
    return out


def label_match(
    theme_labels: Sequence[str],
    theme_of_item: np.ndarray,
    truth: Sequence[str],
    embedder: Embedder,
) -> dict[str, float]:
    """``label_top1`` and ``label_top3`` over themes that have items."""
    categories = sorted(set(truth))
    majority = majority_categories(np.asarray(theme_of_item), truth, len(theme_labels))
    scored = [t for t, name in enumerate(majority) if name is not None]
    if not scored or not categories:
        return {"label_top1": 0.0, "label_top3": 0.0}
    names = embedder.embed([category_words(name) for name in categories])
    labels = embedder.embed([theme_labels[t] for t in scored])
    similarity = np.asarray(labels, dtype=np.float64) @ np.asarray(names, dtype=np.float64).T
    position = {name: i for i, name in enumerate(categories)}
    top1 = top3 = 0
    for row, theme in enumerate(scored):
        ranked = np.argsort(-similarity[row], kind="stable")
        wanted = position[majority[theme]]  # type: ignore[index]
        top1 += int(ranked[0] == wanted)
        top3 += int(wanted in ranked[:3])
    return {"label_top1": round(top1 / len(scored), 4), "label_top3": round(top3 / len(scored), 4)}

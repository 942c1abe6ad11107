"""Step 4: representative quotes for each theme, only from texts whose authors agreed.

Quotes come from the quotable items alone and use the quote text given (already redacted by a
moderator), never the raw text. The pick is greedy maximal marginal relevance over the items
closest to the centroid: central enough to represent the theme, different enough from each
other that five quotes say five things.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from heard.core.limits import MAX_QUOTES

_POOL = 60
_RELEVANCE = 0.7
_NEAR_DUPLICATE = 0.95
_MIN_WORDS = 3


@dataclass(frozen=True)
class Quote:
    index: int
    text: str
    similarity: float


def pick_quotes(
    embeddings: np.ndarray,
    labels: np.ndarray,
    centroids: np.ndarray,
    quotable: list[bool] | np.ndarray,
    quote_texts: list[str],
    max_quotes: int = MAX_QUOTES,
) -> list[list[Quote]]:
    """Up to ``max_quotes`` quotes per theme (fewer only when fewer items may be quoted)."""
    allowed = np.asarray(quotable, dtype=bool) & np.array(
        [len(text.split()) >= _MIN_WORDS for text in quote_texts], dtype=bool
    )
    return [
        _theme_quotes(embeddings, np.flatnonzero((labels == t) & allowed), centroids[t],
                      quote_texts, max_quotes)
        for t in range(centroids.shape[0])
    ]


def _theme_quotes(
    embeddings: np.ndarray, members: np.ndarray, centroid: np.ndarray,
    quote_texts: list[str], max_quotes: int,
) -> list[Quote]:
    if members.size == 0:
        return []
    relevance = embeddings[members] @ centroid
    # Stable sort on (-relevance, index): ties resolve the same way on every run.
    pool = members[np.lexsort((members, -relevance))][:_POOL]
    vectors = embeddings[pool]
    central = vectors @ centroid
    chosen: list[int] = []
    closest = np.full(pool.size, -np.inf, dtype=np.float32)
    seen_texts: set[str] = set()
    while len(chosen) < max_quotes:
        gain = _RELEVANCE * central - (1 - _RELEVANCE) * np.maximum(closest, 0)
        gain[chosen] = -np.inf
        gain[closest > _NEAR_DUPLICATE] = -np.inf
        best = int(np.argmax(gain))
        if not np.isfinite(gain[best]):
            break
        chosen.append(best)
        closest = np.maximum(closest, vectors @ vectors[best])
        text = quote_texts[pool[best]].strip()
        if text in seen_texts:
            chosen.pop()
            closest[best] = np.inf
            continue
        seen_texts.add(text)
    return [Quote(int(pool[i]), quote_texts[pool[i]].strip(), float(central[i])) for i in chosen]

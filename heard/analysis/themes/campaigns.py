"""Near-duplicate and campaign detection: the same text pasted by many people is one campaign.

When an organisation asks its supporters to send a template, dozens of contributions carry the
same words with small edits (a name added, a line about themselves, a typo fixed). Counted as
separate voices they swamp theme sizes, key words and quotes; i.AI Consult names this its main
skew. Here such texts are found and grouped, so the theme pipeline can cluster and label each
campaign once and analysts see it as one campaign with its count.

How (measured in docs/decisions/0015-campaigns-and-membership.md):

- Texts are normalised (case, accents, punctuation, HTML entities, spacing) and cut into
  overlapping word 3-grams ("shingles"). Two texts are near-duplicates when the shingles they
  share are at least ``CampaignConfig.overlap`` of the shorter text's shingles (containment:
  a person who adds a paragraph of their own to the template still pasted it) and at least
  ``CampaignConfig.jaccard`` of both together.
- Candidate pairs come from MinHash signatures cut into LSH bands, so the cost grows with the
  number of texts, not its square.
- Near-duplicate pairs are joined transitively (union-find); a group of at least
  ``CampaignConfig.min_size`` texts is a campaign.
- Short texts are never joined: "I feel safe" written by ten children is ten voices.

Embedding similarity was measured as a second way of joining texts and left out: on long texts
about the same subject it joins different people's own stories (see the decision record).

Pure code: no Django imports.
"""

from __future__ import annotations

import html
import re
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from heard.analysis.themes.cluster import (
    ClusterConfig,
    Clustering,
    _centroids,
    cluster_embeddings,
    merge_small,
    order_by_size,
    top_two,
)

_WORD = re.compile(r"[a-z0-9']+")
_TAG = re.compile(r"<[^>]{0,200}>")
_MINHASH_ROWS = 256  # texts per chunk: about 256 x 100 shingles x 128 values x 8 bytes = 26 MB


@dataclass(frozen=True)
class CampaignConfig:
    """``min_words``: texts shorter than this are never joined. ``overlap``: the share of the
    shorter text's shingles the two must share; ``jaccard``: of both together. ``bands`` x
    ``rows`` MinHash values are used for finding candidates."""

    min_size: int = 3
    min_words: int = 20
    shingle: int = 3
    overlap: float = 0.7
    jaccard: float = 0.5
    bands: int = 32
    rows: int = 4
    seed: int = 0


@dataclass(frozen=True)
class Campaign:
    """Item indices of one campaign (sorted) and the member that stands for it: the one that
    shares most with the others, so its words are the template rather than one person's edit."""

    members: tuple[int, ...]
    representative: int

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass(frozen=True)
class Campaigns:
    """Every campaign among ``n`` texts, largest first."""

    n: int
    campaigns: list[Campaign] = field(default_factory=list)

    def campaign_of(self) -> np.ndarray:
        """Index into ``campaigns`` for each item, -1 for items in none."""
        out = np.full(self.n, -1, dtype=np.int64)
        for number, campaign in enumerate(self.campaigns):
            out[list(campaign.members)] = number
        return out

    def standing(self) -> np.ndarray:
        """Items that speak for themselves: everything outside campaigns plus one
        representative per campaign, in their original order."""
        keep = np.ones(self.n, dtype=bool)
        for campaign in self.campaigns:
            keep[list(campaign.members)] = False
            keep[campaign.representative] = True
        return np.flatnonzero(keep)

    @property
    def copies(self) -> int:
        """How many items the campaigns add beyond one voice each."""
        return sum(campaign.size - 1 for campaign in self.campaigns)


def normalise(text: str) -> list[str]:
    """Words of ``text`` with case, accents, markup and punctuation taken away."""
    text = _TAG.sub(" ", html.unescape(text)).replace("\u2019", "'")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _WORD.findall(text.lower())


def shingles(words: Sequence[str], size: int = 3) -> set[int]:
    """Hashed word ``size``-grams. Words are hashed with crc32 (stable on every machine, unlike
    ``hash``) and combined with fixed odd multipliers in wrapping 64-bit arithmetic."""
    if not words:
        return set()
    ids = np.fromiter((_word_id(w) for w in words), dtype=np.uint64, count=len(words))
    if len(ids) < size:
        return {int(np.sum(ids * _SHINGLE_MIX[:len(ids)], dtype=np.uint64))}
    codes = np.zeros(len(ids) - size + 1, dtype=np.uint64)
    for offset in range(size):
        codes += ids[offset:len(ids) - size + 1 + offset] * _SHINGLE_MIX[offset]
    return set(codes.tolist())


_WORD_IDS: dict[str, int] = {}
_SHINGLE_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                         0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD], dtype=np.uint64)


def _word_id(word: str) -> int:
    found = _WORD_IDS.get(word)
    if found is None:
        found = _WORD_IDS[word] = zlib.crc32(word.encode()) | 1
        if len(_WORD_IDS) > 1_000_000:  # bound the cache on endless vocabularies
            _WORD_IDS.clear()
    return found


def find_campaigns(texts: Sequence[str], config: CampaignConfig | None = None) -> Campaigns:
    """Group near-identical long texts; groups of at least ``config.min_size`` are campaigns."""
    config = config or CampaignConfig()
    sets: list[set[int] | None] = []
    for text in texts:
        words = normalise(text)
        sets.append(shingles(words, config.shingle) if len(words) >= config.min_words else None)
    parent = list(range(len(texts)))
    for first, second in _candidate_pairs(sets, config):
        if _near_duplicate(sets[first], sets[second], config):
            _union(parent, first, second)
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(texts)):
        if sets[index] is not None:
            groups[_root(parent, index)].append(index)
    found = [
        Campaign(tuple(members), _representative(members, sets))
        for members in groups.values() if len(members) >= config.min_size
    ]
    found.sort(key=lambda c: (-c.size, c.members[0]))
    return Campaigns(len(texts), found)


def minhash(sets: Sequence[set[int] | None], count: int, seed: int = 0) -> np.ndarray:
    """``count`` MinHash values per set (rows of zeros for ``None`` or empty sets). Vectorised
    over all shingles at once, in chunks that bound memory."""
    # Multiply-shift hashing (odd a, wrapping 64-bit arithmetic, top 32 bits): a universal
    # family without the cost of a modulo.
    rng = np.random.default_rng(seed)
    a = rng.integers(0, np.iinfo(np.int64).max, size=count, dtype=np.uint64) * 2 + 1
    b = rng.integers(0, np.iinfo(np.int64).max, size=count, dtype=np.uint64)
    out = np.zeros((len(sets), count), dtype=np.uint32)
    rows = [i for i, values in enumerate(sets) if values]
    if not rows:
        return out
    lengths = np.array([len(sets[i] or ()) for i in rows], dtype=np.int64)
    flat = np.fromiter((v for i in rows for v in (sets[i] or ())), dtype=np.uint64,
                       count=int(lengths.sum()))
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    for first in range(0, len(rows), _MINHASH_ROWS):
        last = min(len(rows), first + _MINHASH_ROWS)
        lo, hi = starts[first], starts[last - 1] + lengths[last - 1]
        values = ((flat[lo:hi, None] * a + b) >> np.uint64(32)).astype(np.uint32)
        out[rows[first:last]] = np.minimum.reduceat(values, starts[first:last] - lo, axis=0)
    return out


def _candidate_pairs(
    sets: Sequence[set[int] | None], config: CampaignConfig
) -> set[tuple[int, int]]:
    """Pairs that share a whole LSH band. Within a bucket, each text is paired with the first
    and with its neighbour: enough for union-find to join a campaign, without every pair."""
    indices = np.array([i for i, s in enumerate(sets) if s], dtype=np.int64)
    if len(indices) < 2:
        return set()
    signatures = minhash([sets[i] for i in indices], config.bands * config.rows, config.seed)
    mix = np.random.default_rng(config.seed + 1).integers(
        1, 1 << 62, size=config.rows, dtype=np.uint64)
    firsts, seconds = [], []
    for band in range(config.bands):
        block = signatures[:, band * config.rows:(band + 1) * config.rows]
        # One 64-bit key per band (wrapping arithmetic); a rare false collision only costs a
        # check, since every candidate is verified on its shingles.
        keys = (block.astype(np.uint64) * mix).sum(axis=1, dtype=np.uint64)
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        same = sorted_keys[1:] == sorted_keys[:-1]
        if not same.any():
            continue
        starts = np.flatnonzero(np.concatenate([[True], ~same]))
        head = order[starts[np.searchsorted(starts, np.arange(len(order)), side="right") - 1]]
        follower = np.flatnonzero(same) + 1
        firsts += [order[follower - 1], head[follower]]
        seconds += [order[follower], order[follower]]
    if not firsts:
        return set()
    left, right = np.concatenate(firsts), np.concatenate(seconds)
    keep = left != right
    pairs = np.unique(np.stack([np.minimum(left, right), np.maximum(left, right)])[:, keep],
                      axis=1)
    return {(int(indices[x]), int(indices[y])) for x, y in pairs.T}


def _near_duplicate(
    first: set[int] | None, second: set[int] | None, config: CampaignConfig
) -> bool:
    if not first or not second:
        return False
    shared = len(first & second)
    union = len(first) + len(second) - shared
    return (shared / min(len(first), len(second)) >= config.overlap
            and shared / union >= config.jaccard)


def _representative(members: list[int], sets: Sequence[set[int] | None]) -> int:
    """The member whose shingles are found in most other members (ties: the earliest)."""
    counts: dict[int, int] = defaultdict(int)
    for index in members:
        for value in sets[index] or ():
            counts[value] += 1

    def support(index: int) -> float:
        values = sets[index] or set()
        return sum(counts[v] for v in values) / max(len(values), 1)

    return max(members, key=lambda index: (support(index), -index))


def _root(parent: list[int], item: int) -> int:
    while parent[item] != item:
        parent[item] = parent[parent[item]]
        item = parent[item]
    return item


def _union(parent: list[int], first: int, second: int) -> None:
    a, b = _root(parent, first), _root(parent, second)
    if a != b:
        parent[max(a, b)] = min(a, b)




def cluster_collapsed(
    vectors: np.ndarray, campaigns: Campaigns, config: ClusterConfig | None = None
) -> Clustering:
    """Cluster with each campaign counted once: the standing items (one representative per
    campaign) are clustered, then every copy joins its representative's theme. Centroids come
    from the standing items alone, so 40 copies cannot pull a theme towards themselves. Whether
    a theme is big enough to stand on its own is still judged by everyone in it: a campaign
    sent by 40 people is not folded into a neighbour as if one person had written it."""
    config = config or ClusterConfig()
    if not campaigns.campaigns:
        return cluster_embeddings(vectors, config)
    standing = campaigns.standing()
    x = np.ascontiguousarray(vectors, dtype=np.float32)
    found = cluster_embeddings(x[standing], replace(config, min_size=1))
    labels = np.empty(campaigns.n, dtype=np.int64)
    labels[standing] = found.labels
    for campaign in campaigns.campaigns:
        labels[list(campaign.members)] = labels[campaign.representative]
    labels, centroids = merge_small(x, labels, found.centroids, min(config.min_size, campaigns.n))
    labels, centroids = order_by_size(labels, centroids)
    centroids = _centroids(x[standing], labels[standing], centroids.shape[0], fallback=centroids)
    score, secondary, secondary_score = top_two(x, centroids, labels)
    return Clustering(labels=labels.astype(np.int32), centroids=centroids, score=score,
                      secondary=secondary, secondary_score=secondary_score,
                      k_scores=found.k_scores)


def campaigns_by_theme(campaigns: Campaigns, labels: np.ndarray) -> dict[int, list[Campaign]]:
    """Each theme's campaigns (a campaign's theme is its representative's)."""
    out: dict[int, list[Campaign]] = defaultdict(list)
    for campaign in campaigns.campaigns:
        out[int(labels[campaign.representative])].append(campaign)
    return dict(out)


def voices(size: int, theme_campaigns: Sequence[Campaign]) -> int:
    """A theme's size with each campaign counted once."""
    return size - sum(campaign.size - 1 for campaign in theme_campaigns)


__all__ = ["Campaign", "CampaignConfig", "Campaigns", "campaigns_by_theme", "cluster_collapsed",
           "find_campaigns", "minhash", "normalise", "shingles", "voices"]


def campaigns_payload(
    campaigns: Campaigns | None, labels: np.ndarray, theme: int, size: int,
    quotable: Sequence[bool] | None, quote_texts: Sequence[str] | None,
) -> dict[str, object]:
    """themes.json's view of one theme's campaigns: counts suppressed like every other count,
    the words once, and only from a copy whose sender agreed to be quoted."""
    from heard.analysis.themes.perspectives import display_count

    found = campaigns_by_theme(campaigns, labels).get(theme, []) if campaigns else []
    rows = []
    for campaign in found:
        words = next((quote_texts[i] for i in campaign.members
                      if quotable is not None and quote_texts is not None and quotable[i]), None)
        rows.append({"count": display_count(campaign.size), "text": words})
    # With the size, the voices would give a hidden campaign count away.
    hidden = any(0 < campaign.size < 5 for campaign in found)
    return {"campaigns": rows, "voices": None if hidden else display_count(voices(size, found))}

"""Step 5: the perspective lens. Each theme seen through each perspective group.

For every theme and group: how many people raised it, their share of the theme, and how much
more (or less) the group raised it than its share of everyone would suggest, with a 95%
confidence interval. Within the theme, the words each group uses more than the others, by the
weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
"Fightin' words", Political Analysis 16(4)). And a three-way comparison of care-experienced
people, professionals, and people who are both.

Data structures hold raw numbers; anything meant for display goes through :func:`display_count`,
which writes counts of 1 to 4 as "fewer than 5".
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from heard.analysis.themes.labels import TermCounts, pick_phrases
from heard.core.suppression import is_suppressed as suppressed
from heard.core.suppression import suppress_below, suppressed_text
from heard.core.vocab import GROUP_LABELS, perspective_groups

GROUPS: tuple[str, ...] = ("care_experienced", "family", "professional", "dual")
# The three-way comparison counts each person once: "dual" people are not also counted as
# care-experienced or professional there.
VOICES: tuple[str, ...] = ("care_experienced_only", "professional_only", "dual")
VOICE_LABELS = {
    "care_experienced_only": "Care-experienced (not professionals)",
    "professional_only": "Professionals (not care-experienced)",
    "dual": GROUP_LABELS["dual"],
}
Z_95 = 1.959964
_TOP_TERMS = 8


def display_count(count: int | None) -> str:
    """A count as it may be shown: 1 to 4 become "fewer than 5" (small-number suppression)."""
    if count is None:
        return "not known"
    if suppressed(count):
        return suppressed_text()
    return f"{count:,}"


def is_suppressed(count: int) -> bool:
    return suppressed(count)


@dataclass(frozen=True)
class Representation:
    """``count`` of the theme's ``theme_size`` items are from the group, which holds
    ``group_total`` of all ``total`` items. ``ratio`` > 1: over-represented in the theme."""

    group: str
    count: int
    theme_size: int
    group_total: int
    total: int
    ratio: float
    ci_low: float
    ci_high: float

    @property
    def share(self) -> float:
        return self.count / self.theme_size if self.theme_size else 0.0

    @property
    def overall_share(self) -> float:
        return self.group_total / self.total if self.total else 0.0


@dataclass(frozen=True)
class DistinctiveTerm:
    term: str
    log_odds: float
    z: float
    documents: int


@dataclass(frozen=True)
class ThemeLens:
    theme: int
    groups: list[Representation]
    distinctive: dict[str, list[DistinctiveTerm]] = field(default_factory=dict)
    voices: list[Representation] = field(default_factory=list)
    voice_terms: dict[str, list[DistinctiveTerm]] = field(default_factory=dict)


def item_groups(perspectives: Sequence[Sequence[str]]) -> list[frozenset[str]]:
    """Perspective groups of each item, through heard.core.vocab (self-described codes)."""
    return [frozenset(perspective_groups(list(codes))) for codes in perspectives]


def item_voice(groups: frozenset[str]) -> str | None:
    if "dual" in groups:
        return "dual"
    if "care_experienced" in groups and "professional" not in groups:
        return "care_experienced_only"
    if "professional" in groups and "care_experienced" not in groups:
        return "professional_only"
    return None


def representation_ratio(
    count: int, theme_size: int, group_total: int, total: int
) -> tuple[float, float, float]:
    """Ratio of the group's share within the theme to its share of everyone, with a 95% CI.

    The theme is part of the whole, so the two shares are not independent. The interval is
    the delta method on the log ratio over the 2x2 table (in theme / not, in group / not)
    under multinomial sampling, which accounts for that overlap. Zero cells get 0.5 added
    (Haldane) for the interval only."""
    if theme_size == 0 or group_total == 0 or total == 0:
        return 0.0, 0.0, 0.0
    ratio = (count / theme_size) / (group_total / total)
    a, b = float(count), float(theme_size - count)
    c, d = float(group_total - count), float(total - theme_size - group_total + count)
    if min(a, b, c) == 0:
        a, b, c, d = a + 0.5, b + 0.5, c + 0.5, d + 0.5
    n = a + b + c + d
    # d log R / d cell, for log R = log a - log(a+b) - log(a+c) + log n; the log n terms cancel
    # in the multinomial variance below, so they are left out of the gradient.
    gradient = np.array([1 / a - 1 / (a + b) - 1 / (a + c), -1 / (a + b), -1 / (a + c), 0.0])
    cells = np.array([a, b, c, d])
    variance = float(gradient**2 @ cells - (gradient @ cells) ** 2 / n)
    centre = math.log((a / (a + b)) / ((a + c) / n))
    half = Z_95 * math.sqrt(max(variance, 0.0))
    return ratio, math.exp(centre - half), math.exp(centre + half)


def weighted_log_odds(
    counts_a: np.ndarray, counts_b: np.ndarray, background: np.ndarray,
    prior_size: float | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Log-odds ratio of each word in A vs B with an informative Dirichlet prior, and its
    z-score (Monroe, Colaresi & Quinn 2008, eq. 16, 20 and 22). The prior is the background
    word distribution scaled to ``prior_size`` pseudo-counts, which shrinks rare words towards
    zero. By default the prior weighs as much as the two groups' words together: a fixed size
    would swamp a small theme and vanish in a large one. Positive: the word marks A."""
    counts_a = np.asarray(counts_a, dtype=np.float64)
    counts_b = np.asarray(counts_b, dtype=np.float64)
    n_a, n_b = counts_a.sum(), counts_b.sum()
    background = np.asarray(background, dtype=np.float64) + 0.01
    size = prior_size if prior_size is not None else max(n_a + n_b, 1.0)
    alpha = size * background / background.sum()
    alpha0 = alpha.sum()
    log_a = np.log(counts_a + alpha) - np.log(n_a + alpha0 - counts_a - alpha)
    log_b = np.log(counts_b + alpha) - np.log(n_b + alpha0 - counts_b - alpha)
    delta = log_a - log_b
    variance = 1.0 / (counts_a + alpha) + 1.0 / (counts_b + alpha)
    return delta, delta / np.sqrt(variance)


def perspective_lens(
    labels: np.ndarray,
    k: int,
    perspectives: Sequence[Sequence[str]],
    counts: TermCounts | None = None,
) -> list[ThemeLens]:
    """Representation and distinctive words for every theme, group and voice."""
    groups = item_groups(perspectives)
    total = len(groups)
    member = {g: np.array([g in item for item in groups], dtype=bool) for g in GROUPS}
    voice_of = [item_voice(item) for item in groups]
    voice_member = {v: np.array([x == v for x in voice_of], dtype=bool) for v in VOICES}
    sizes = np.bincount(labels, minlength=k)
    lenses = []
    for theme in range(k):
        in_theme = labels == theme
        lens_groups = _representations(in_theme, member, int(sizes[theme]), total)
        lens_voices = _representations(in_theme, voice_member, int(sizes[theme]), total)
        distinctive: dict[str, list[DistinctiveTerm]] = {}
        voice_terms: dict[str, list[DistinctiveTerm]] = {}
        if counts is not None and counts.vocabulary.size:
            distinctive = _theme_terms(counts, in_theme, member)
            voice_terms = _theme_terms(counts, in_theme, voice_member)
        lenses.append(ThemeLens(theme, lens_groups, distinctive, lens_voices, voice_terms))
    return lenses


def _representations(
    in_theme: np.ndarray, member: dict[str, np.ndarray], theme_size: int, total: int
) -> list[Representation]:
    rows = []
    for group, mask in member.items():
        count, group_total = int((mask & in_theme).sum()), int(mask.sum())
        ratio, low, high = representation_ratio(count, theme_size, group_total, total)
        rows.append(Representation(group, count, theme_size, group_total, total, ratio, low, high))
    return rows


def _theme_terms(
    counts: TermCounts, in_theme: np.ndarray, member: dict[str, np.ndarray]
) -> dict[str, list[DistinctiveTerm]]:
    """Words of each group against the rest of the same theme, the whole corpus as prior.

    Groups (and rests) of fewer than 5 sampled texts get none, and a word must appear in at
    least 5 of the group's texts: a phrase used by one person could point to that person."""
    rows = counts.rows
    matrix = counts.matrix
    background = np.asarray(matrix.sum(axis=0)).ravel()
    theme_rows = in_theme[rows]
    out: dict[str, list[DistinctiveTerm]] = {}
    for group, mask in member.items():
        inside = theme_rows & mask[rows]
        rest = theme_rows & ~mask[rows]
        if inside.sum() < suppress_below() or rest.sum() < suppress_below():
            continue
        counts_a = np.asarray(matrix[inside].sum(axis=0)).ravel()
        counts_b = np.asarray(matrix[rest].sum(axis=0)).ravel()
        documents = np.asarray((matrix[inside] > 0).sum(axis=0)).ravel()
        delta, z = weighted_log_odds(counts_a, counts_b, background)
        out[group] = _top_terms(counts.vocabulary, delta, z, documents)
    return out


def _top_terms(
    vocabulary: np.ndarray, delta: np.ndarray, z: np.ndarray, documents: np.ndarray
) -> list[DistinctiveTerm]:
    eligible = np.flatnonzero((z > Z_95) & (documents >= suppress_below()))
    order = eligible[np.lexsort((eligible, -z[eligible]))]
    # Overlapping phrases ("work social", "work social worker") say one thing once.
    kept = {phrase for phrase, _ in pick_phrases(
        [str(vocabulary[i]) for i in order], [float(z[i]) for i in order], _TOP_TERMS)}
    return [
        DistinctiveTerm(str(vocabulary[i]), float(delta[i]), float(z[i]), int(documents[i]))
        for i in order if str(vocabulary[i]) in kept
    ]


def as_sparse(matrix: np.ndarray) -> sparse.csr_matrix:
    """Helper for callers (and tests) that build term counts by hand."""
    return sparse.csr_matrix(np.asarray(matrix, dtype=np.float32))

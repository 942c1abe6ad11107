"""The theme pipeline end to end: embed -> cluster -> label -> pick quotes -> perspectives.

Each step is a plain function with explicit inputs and outputs (see the step modules); this
module only runs them in order, reports progress, and gathers the results in :class:`ThemeRun`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from heard.analysis.themes.campaigns import Campaigns, cluster_collapsed, find_campaigns
from heard.analysis.themes.cluster import ClusterConfig, Clustering
from heard.analysis.themes.embedders import Embedder, get_embedder
from heard.analysis.themes.labels import TermCounts, ThemeTerms, count_terms, theme_terms
from heard.analysis.themes.names import ThemeName, name_themes, unique_labels
from heard.analysis.themes.perspectives import ThemeLens, perspective_lens
from heard.analysis.themes.quotes import Quote, pick_quotes
from heard.analysis.themes.stability import (
    ModelState,
    ThemeEdit,
    final_label,
    match_themes,
    resolve_edits,
)
from heard.core.limits import MAX_QUOTES

Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class Theme:
    id: str
    index: int
    label: str
    label_source: str
    locked: bool
    key_words: list[str]
    size: int
    quotes: list[Quote]
    lens: ThemeLens | None
    # One sentence written from the theme's own phrases (quotes no one), and the most central
    # sentence a consenting contributor wrote, with the index of their item ("" / None if none).
    description: str = ""
    description_quote: str = ""
    description_quote_index: int | None = None

    @property
    def summary(self) -> str:
        """The quote where someone may be quoted, else the written sentence."""
        return f"“{self.description_quote}”" if self.description_quote else self.description


@dataclass
class ThemeRun:
    """Everything one run produced. ``labels[i]`` is the index into ``themes`` of item i."""

    themes: list[Theme]
    labels: np.ndarray
    scores: np.ndarray
    secondary: np.ndarray
    secondary_scores: np.ndarray
    state: ModelState
    k_scores: dict[int, float] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    # Near-identical texts sent by many people (see campaigns.py); none when not looked for.
    campaigns: Campaigns | None = None

    @property
    def theme_ids(self) -> list[str]:
        return [self.themes[i].id for i in self.labels]


def embed_texts(texts: list[str], embedder: Embedder) -> np.ndarray:
    """Step 1: one unit-length float32 row per text."""
    vectors = np.asarray(embedder.embed(list(texts)), dtype=np.float32)
    if vectors.shape[0] != len(texts):
        raise ValueError(f"{embedder.name} returned {vectors.shape[0]} rows for {len(texts)}.")
    return vectors


def run_themes(
    texts: Sequence[str],
    embedder: Embedder | str = "static",
    *,
    quotable: Sequence[bool] | None = None,
    quote_texts: Sequence[str] | None = None,
    perspectives: Sequence[Sequence[str]] | None = None,
    config: ClusterConfig | None = None,
    previous: ModelState | None = None,
    edits: Mapping[str, ThemeEdit | Mapping[str, Any]] | None = None,
    max_quotes: int = MAX_QUOTES,
    progress: Progress | None = None,
    embeddings: np.ndarray | None = None,
    detect_campaigns: bool = True,
    previous_members: Sequence[str | None] | None = None,
) -> ThemeRun:
    """Theme ``texts``. Quotes come only from items with ``quotable`` true, using
    ``quote_texts`` (the redacted text; the text itself when not given); without
    ``quotable`` nothing is quoted. ``perspectives`` (codes per item, from
    heard.core.vocab) turns on the perspective lens. ``previous`` (an earlier run's state)
    keeps theme ids and edits. Pass ``embeddings`` to skip step 1 (already computed with
    ``embedder``). ``previous_members`` (each item's theme id in ``previous``, None for new
    items) lets a theme keep its id where its contributions went. With
    ``detect_campaigns``, a text pasted by many people counts once in clustering, key words
    and quotes (every copy still joins the campaign's theme)."""
    texts = list(texts)
    report = progress or (lambda fraction, message: None)
    model = get_embedder(embedder)
    seconds: dict[str, float] = {}
    clock = time.perf_counter()

    report(0.0, f"Reading {len(texts):,} texts with {model.name}")
    vectors = embed_texts(texts, model) if embeddings is None else embeddings
    clock = _lap(seconds, "embed", clock)
    report(0.5, "Looking for campaigns")
    campaigns = find_campaigns(texts) if detect_campaigns else Campaigns(len(texts))
    standing = campaigns.standing()
    report(0.55, "Finding themes")
    clustering = cluster_collapsed(vectors, campaigns, config)
    clock = _lap(seconds, "cluster", clock)
    report(0.75, "Finding key words")
    # Each campaign's words are counted once, so one template cannot name a theme.
    label_texts, label_of = [texts[i] for i in standing], clustering.labels[standing]
    counts = count_terms(label_texts, label_of, seed=(config or ClusterConfig()).seed)
    terms = theme_terms(label_texts, label_of, clustering.k, counts=counts)
    report(0.8, "Naming themes")
    shown = list(quote_texts) if quote_texts is not None else list(texts)
    names = name_themes(
        label_texts, label_of, clustering.k, vectors=vectors[standing], embedder=model,
        quotable=[bool(quotable[i]) for i in standing] if quotable is not None else None,
        quote_texts=[shown[i] for i in standing],
        key_words=[t.key_words for t in terms],
        key_weights=[t.weights for t in terms], seed=(config or ClusterConfig()).seed,
    )
    # Names were read from the standing texts only: point their quotes back at the run's items.
    names = [replace(n, quote_index=None if n.quote_index is None
                     else int(standing[n.quote_index])) for n in names]
    clock = _lap(seconds, "label", clock)
    report(0.85, "Choosing quotes")
    may_quote = np.zeros(len(texts), dtype=bool)
    if quotable is not None:
        may_quote[standing] = np.asarray(quotable, dtype=bool)[standing]
    quotes = pick_quotes(
        vectors, clustering.labels, clustering.centroids, may_quote,
        list(quote_texts) if quote_texts is not None else texts, max_quotes,
    )
    clock = _lap(seconds, "quotes", clock)
    lenses: list[ThemeLens] | None = None
    if perspectives is not None:
        report(0.92, "Comparing perspectives")
        lenses = perspective_lens(clustering.labels, clustering.k, perspectives, counts)
    _lap(seconds, "perspectives", clock)
    run = _assemble(model.name, clustering, terms, names, quotes, lenses, previous, edits,
                    previous_members)
    run.seconds, run.campaigns = seconds, campaigns
    report(1.0, f"Found {len(run.themes)} themes")
    return run


def _assemble(
    embedder_name: str,
    clustering: Clustering,
    terms: list[ThemeTerms],
    names: list[ThemeName],
    quotes: list[list[Quote]],
    lenses: list[ThemeLens] | None,
    previous: ModelState | None,
    edits: Mapping[str, ThemeEdit | Mapping[str, Any]] | None,
    previous_members: Sequence[str | None] | None = None,
) -> ThemeRun:
    previous = _with_edits(previous, edits)
    ids, next_number = match_themes(clustering.centroids, previous, labels=clustering.labels,
                                    previous_members=previous_members)
    all_edits = resolve_edits(previous, edits)
    sizes = clustering.sizes()
    chosen = [final_label(theme_id, names[index].label, all_edits, previous)
              for index, theme_id in enumerate(ids)]
    labels = _distinct_from_analysts(chosen, names, sizes)
    themes = []
    for index, theme_id in enumerate(ids):
        edit = all_edits.get(theme_id)
        themes.append(Theme(
            id=theme_id, index=index, label=labels[index], label_source=chosen[index][1],
            locked=bool(edit and edit.locked), key_words=terms[index].key_words,
            size=int(sizes[index]), quotes=quotes[index],
            lens=lenses[index] if lenses is not None else None,
            description=names[index].description,
            description_quote=names[index].quote,
            description_quote_index=names[index].quote_index,
        ))
    state = ModelState(
        embedder_name=embedder_name, theme_ids=ids, centroids=clustering.centroids,
        labels={theme.id: theme.label for theme in themes},
        edits={key: edit for key, edit in all_edits.items() if key in set(ids)},
        next_number=next_number,
    )
    return ThemeRun(
        themes=themes, labels=clustering.labels, scores=clustering.score,
        secondary=clustering.secondary, secondary_scores=clustering.secondary_score,
        state=state, k_scores=clustering.k_scores,
    )


def _with_edits(
    previous: ModelState | None, edits: Mapping[str, ThemeEdit | Mapping[str, Any]] | None
) -> ModelState | None:
    """The previous state with today's edits in it, so matching knows which themes analysts
    named or locked since that run."""
    if previous is None or not edits:
        return previous
    return replace(previous, edits=resolve_edits(previous, edits))


def _distinct_from_analysts(
    chosen: list[tuple[str, str]], names: list[ThemeName], sizes: np.ndarray
) -> list[str]:
    """Analysts' names (and kept ones) win; an automatic name another theme already carries
    gives way to that theme's next best phrase."""
    fixed = [label for label, source in chosen if source != "automatic"]
    automatic = [i for i, (_, source) in enumerate(chosen) if source == "automatic"]
    ranked = [[names[i].label, *names[i].alternatives] for i in automatic]
    picked = unique_labels(ranked, sizes=[int(sizes[i]) for i in automatic], taken=fixed)
    labels = [label for label, _ in chosen]
    for i, label in zip(automatic, picked, strict=True):
        labels[i] = label or f"{names[i].label} ({i + 1})"
    return labels


def _lap(seconds: dict[str, float], name: str, start: float) -> float:
    now = time.perf_counter()
    seconds[name] = now - start
    return now


__all__ = ["Progress", "TermCounts", "Theme", "ThemeRun", "embed_texts", "run_themes"]

"""Thematic analysis, pure Python (no Django): embed -> cluster -> label -> quotes -> lens.

Import cost stays small: no model library (torch, sentence-transformers, model2vec) is imported
until an embedder is used. See docs/decisions/0005-embeddings.md for how models are obtained.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# What the package offers, by the module that holds it. Each is imported when first asked for
# (PEP 562), not with the package: importing one part (`heard.analysis.themes.campaigns`, say)
# runs this file first, and importing every part here loaded scipy's optimisation, clustering
# and sparse packages into every Django process at start-up (decision 0050).
_PARTS: dict[str, tuple[str, ...]] = {
    "cluster": ("ClusterConfig", "Clustering", "cluster_embeddings"),
    "command": ("run_themes_cli",),
    "embedders": ("Embedder", "FakeEmbedder", "StaticEmbedder", "TransformerEmbedder",
                  "get_embedder", "models_extra_installed"),
    "errors": ("ModelUnavailableError", "ThemesError", "ThemesInputError"),
    "labels": ("ThemeTerms", "count_terms", "theme_terms"),
    "perspectives": ("display_count", "perspective_lens", "representation_ratio",
                     "weighted_log_odds"),
    "pipeline": ("Theme", "ThemeRun", "embed_texts", "run_themes"),
    "quotes": ("Quote", "pick_quotes"),
    "stability": ("Assignment", "ModelState", "ThemeEdit", "assign_to_existing",
                  "match_themes"),
}
_HOME = {name: module for module, names in _PARTS.items() for name in names}

if TYPE_CHECKING:  # the same names, for type checkers and readers
    from heard.analysis.themes.cluster import ClusterConfig, Clustering, cluster_embeddings
    from heard.analysis.themes.command import run_themes_cli
    from heard.analysis.themes.embedders import (
        Embedder,
        FakeEmbedder,
        StaticEmbedder,
        TransformerEmbedder,
        get_embedder,
        models_extra_installed,
    )
    from heard.analysis.themes.errors import ModelUnavailableError, ThemesError, ThemesInputError
    from heard.analysis.themes.labels import ThemeTerms, count_terms, theme_terms
    from heard.analysis.themes.perspectives import (
        display_count,
        perspective_lens,
        representation_ratio,
        weighted_log_odds,
    )
    from heard.analysis.themes.pipeline import Theme, ThemeRun, embed_texts, run_themes
    from heard.analysis.themes.quotes import Quote, pick_quotes
    from heard.analysis.themes.stability import (
        Assignment,
        ModelState,
        ThemeEdit,
        assign_to_existing,
        match_themes,
    )


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
    globals()[name] = value  # asked once: later lookups find it without this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOME])


__all__ = [
    "Assignment", "ClusterConfig", "Clustering", "Embedder", "FakeEmbedder",
    "ModelState", "ModelUnavailableError", "Quote", "StaticEmbedder", "Theme", "ThemeEdit",
    "ThemeRun", "ThemeTerms", "ThemesError", "ThemesInputError", "TransformerEmbedder",
    "assign_to_existing", "cluster_embeddings", "count_terms", "display_count", "embed_texts",
    "get_embedder", "match_themes", "models_extra_installed", "perspective_lens",
    "pick_quotes", "representation_ratio", "run_themes", "run_themes_cli", "theme_terms",
    "weighted_log_odds",
]

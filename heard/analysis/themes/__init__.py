"""Thematic analysis, pure Python (no Django): embed -> cluster -> label -> quotes -> lens.

Import cost stays small: no model library (torch, sentence-transformers, model2vec) is imported
until an embedder is used. See docs/decisions/0005-embeddings.md for how models are obtained.
"""

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

__all__ = [
    "Assignment", "ClusterConfig", "Clustering", "Embedder", "FakeEmbedder",
    "ModelState", "ModelUnavailableError", "Quote", "StaticEmbedder", "Theme", "ThemeEdit",
    "ThemeRun", "ThemeTerms", "ThemesError", "ThemesInputError", "TransformerEmbedder",
    "assign_to_existing", "cluster_embeddings", "count_terms", "display_count", "embed_texts",
    "get_embedder", "match_themes", "models_extra_installed", "perspective_lens",
    "pick_quotes", "representation_ratio", "run_themes", "run_themes_cli", "theme_terms",
    "weighted_log_odds",
]

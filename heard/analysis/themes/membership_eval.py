"""`heard eval membership`: does a change to theme membership raise NMI, and in every fold?

Each variant is scored against the baseline (whole texts, the pipeline's clustering) on the
shared labelled sets (banking77 test, clinc150 test: see evaluate.py), whole and in ``folds``
disjoint folds (each fold clustered on its own, as a new consultation would be). A variant is
worth keeping only when it raises NMI on the whole sets and in most folds.

Variants:

- ``windows``: cluster sentence windows and give each text its strongest theme (windows.py);
- ``redacted``: embed the text with the redaction detectors' suggestions applied, as the app
  does (people's names and numbers replaced by placeholders);
- ``stability-k`` (auto k only): choose k by how stable the clustering is on subsamples
  instead of by the silhouette;
- ``campaigns``: cluster with near-duplicate groups counted once (campaigns.py).

Modes: ``k`` gives the true number of labels; ``auto`` lets the pipeline choose (5 to 30).
Data: banking77 CC BY 4.0, PolyAI; clinc150 CC BY 3.0, Clinc.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from heard.analysis.themes.campaigns import cluster_collapsed, find_campaigns
from heard.analysis.themes.cluster import (
    ClusterConfig,
    Clustering,
    _sample,
    candidate_ks,
    cluster_embeddings,
)
from heard.analysis.themes.embedders import Embedder, get_embedder
from heard.analysis.themes.evaluate import ATTRIBUTION, DATASETS, load_dataset
from heard.analysis.themes.windows import cluster_windows

VARIANTS = ("baseline", "windows", "redacted", "stability-k", "campaigns")
Variant = Callable[[list[str], np.ndarray, Embedder, ClusterConfig], Clustering]


def _baseline(texts: list[str], x: np.ndarray, model: Embedder,
              config: ClusterConfig) -> Clustering:
    return cluster_embeddings(x, config)


def _windows(texts: list[str], x: np.ndarray, model: Embedder,
             config: ClusterConfig) -> Clustering:
    return cluster_windows(texts, model, config, story_vectors=x)


def _redacted(texts: list[str], x: np.ndarray, model: Embedder,
              config: ClusterConfig) -> Clustering:
    from heard.safety.redaction import apply_redactions, detect_many

    missing = [text for text in dict.fromkeys(texts) if text not in _REDACTED]
    for text, found in zip(missing, detect_many(missing), strict=True):
        _REDACTED[text] = apply_redactions(text, found)
    cleaned = [_REDACTED[text] for text in texts]
    return cluster_embeddings(np.asarray(model.embed(cleaned), dtype=np.float32), config)


# Detection is the slow part; folds reuse what the whole set found.
_REDACTED: dict[str, str] = {}


def _campaigns(texts: list[str], x: np.ndarray, model: Embedder,
               config: ClusterConfig) -> Clustering:
    return cluster_collapsed(x, find_campaigns(texts), config)


def _stability_k(texts: list[str], x: np.ndarray, model: Embedder,
                 config: ClusterConfig) -> Clustering:
    if config.k is not None:
        return cluster_embeddings(x, config)
    k = stability_k(x, config)
    return cluster_embeddings(x, ClusterConfig(k=k, min_size=config.min_size, seed=config.seed))


def stability_k(x: np.ndarray, config: ClusterConfig, repeats: int = 3,
                share: float = 0.8) -> int:
    """The k whose Ward cuts agree best (adjusted Rand) between pairs of random subsamples,
    on the texts the two share; ties go to the larger k (stability favours few themes)."""
    sample = _sample(x, config.sample_size, config.seed)
    rng = np.random.default_rng(config.seed)
    high = min(config.max_themes, sample.shape[0] // max(config.min_size, 1))
    ks = candidate_ks(max(2, config.min_themes), max(high, 2))
    scores = {k: 0.0 for k in ks}
    size = int(share * sample.shape[0])
    for _ in range(repeats):
        a = np.sort(rng.choice(sample.shape[0], size, replace=False))
        b = np.sort(rng.choice(sample.shape[0], size, replace=False))
        shared = np.intersect1d(a, b)
        tree_a = linkage(sample[a].astype(np.float64), method="ward")
        tree_b = linkage(sample[b].astype(np.float64), method="ward")
        pos_a, pos_b = np.searchsorted(a, shared), np.searchsorted(b, shared)
        for k in ks:
            cut_a = fcluster(tree_a, k, criterion="maxclust")[pos_a]
            cut_b = fcluster(tree_b, k, criterion="maxclust")[pos_b]
            scores[k] += adjusted_rand_score(cut_a, cut_b) / repeats
    return max(scores.items(), key=lambda item: (round(item[1], 3), item[0]))[0]


RUN: dict[str, Variant] = {
    "baseline": _baseline, "windows": _windows, "redacted": _redacted,
    "stability-k": _stability_k, "campaigns": _campaigns,
}


def _score(truth: list[str], clustering: Clustering) -> dict[str, Any]:
    return {"nmi": round(float(normalized_mutual_info_score(truth, clustering.labels)), 4),
            "ari": round(float(adjusted_rand_score(truth, clustering.labels)), 4),
            "themes": clustering.k}


def evaluate_membership(
    datasets: Iterable[str] = DATASETS, embedder: str = "static",
    variants: Iterable[str] = VARIANTS, modes: Iterable[str] = ("k", "auto"),
    folds: int = 5, seed: int = 0,
) -> dict[str, Any]:
    """``{dataset: {mode: {variant: {"all": scores, "folds": [nmi...], "gain": ...}}}}``."""
    model = get_embedder(embedder)
    out: dict[str, Any] = {"embedder": model.name}
    for name in datasets:
        texts, truth = load_dataset(name)
        x = np.asarray(model.embed(texts), dtype=np.float32)
        order = np.random.default_rng(seed).permutation(len(texts))
        parts = [np.sort(part) for part in np.array_split(order, folds)] if folds > 1 else []
        out[name] = {}
        for mode in modes:
            out[name][mode] = _mode(texts, truth, x, model, mode, list(variants), parts)
    return out


def _mode(texts: list[str], truth: list[str], x: np.ndarray, model: Embedder, mode: str,
          variants: list[str], parts: list[np.ndarray]) -> dict[str, Any]:
    def config(labels: list[str]) -> ClusterConfig:
        return ClusterConfig(k=len(set(labels)) if mode == "k" else None)

    rows: dict[str, Any] = {}
    for variant in ["baseline", *[v for v in variants if v != "baseline"]]:
        whole = _score(truth, RUN[variant](texts, x, model, config(truth)))
        fold_nmi = []
        for part in parts:
            sub_texts, sub_truth = [texts[i] for i in part], [truth[i] for i in part]
            found = RUN[variant](sub_texts, x[part], model, config(sub_truth))
            fold_nmi.append(_score(sub_truth, found)["nmi"])
        rows[variant] = {"all": whole, "folds": fold_nmi}
    base = rows["baseline"]
    for row in rows.values():
        row["gain"] = round(row["all"]["nmi"] - base["all"]["nmi"], 4)
        row["fold_gains"] = [round(a - b, 4) for a, b in zip(row["folds"], base["folds"],
                                                               strict=True)]
        row["folds_improved"] = sum(1 for g in row["fold_gains"] if g > 0)
    return rows


def format_report(results: dict[str, Any]) -> str:
    lines = [f"Embedder: {results['embedder']}",
             f"{'dataset':<10} {'mode':<5} {'variant':<12} {'NMI':>6} {'ARI':>6} {'themes':>6} "
             f"{'gain':>7} {'folds NMI (mean)':>17} {'folds up':>8}"]
    datasets = [d for d in results if d != "embedder"]
    for dataset in datasets:
        for mode, rows in results[dataset].items():
            for variant, row in rows.items():
                folds = row["folds"]
                mean = f"{np.mean(folds):.3f}" if folds else "-"
                lines.append(
                    f"{dataset:<10} {mode:<5} {variant:<12} {row['all']['nmi']:>6.3f} "
                    f"{row['all']['ari']:>6.3f} {row['all']['themes']:>6} {row['gain']:>+7.3f} "
                    f"{mean:>17} {row['folds_improved']:>4}/{len(folds)}")
    lines += ["", "Data: " + "; ".join(ATTRIBUTION[d] for d in datasets if d in ATTRIBUTION)]
    return "\n".join(lines)

"""`heard eval themes`: theme quality against human intent labels.

Returns ``{dataset: {"<embedder>@k": metrics, "<embedder>@auto": metrics}}`` where metrics is
``{"ari", "nmi", "unassigned", "themes", "seconds", "label_top1", "label_top3"}``:

- ``@k``: the true number of labels is given as k;
- ``@auto``: k chosen by the pipeline's defaults (5 to 30 themes, the analyst-facing range);
- ``@auto-wide``: k chosen between 5 and 200, to show what the selection does unbounded.

``seconds`` is embedding plus clustering. ``label_top1``/``label_top3`` measure the theme
names (see :mod:`.label_eval`): each name and every category name are embedded with
all-MiniLM-L6-v2 (the installed package; nothing is downloaded), and a theme scores when the
category nearest its name is the one most of its items carry (top 3: among the 3 nearest).
``labels="keywords"`` measures the older keyword labels ("Card, fee, charged"), for comparison;
``label_seconds`` is the time naming took. An embedder that cannot be loaded gives
``{"skipped": reason}`` in place of metrics. Datasets (read from ../shared/data):

- banking77: ``clustering/banking77/test.csv`` (3,080 texts, 77 intents);
- clinc150: ``clustering/clinc150/data_full.json``, its ``test`` split only (4,500 texts,
  150 intents). The out-of-scope texts (``oos_test``) are left out: "out of scope" is not one
  intent but everything else, so no clustering should put them together.

``split="train"`` (``--split train --samples N``) scores N samples of the training splits
instead (``banking77/train.csv``, clinc150's ``train``), each drawn per category to the test
set's size (40 texts per banking77 category, fewer where the category has fewer; 30 per
clinc150 intent), keyed ``banking77-train-s0``... Tune on these; keep the test sets for the
final check, so that a change is not chosen for the very texts it is judged on.

Data: banking77 CC BY 4.0, PolyAI; clinc150 CC BY 3.0, Clinc.
"""

from __future__ import annotations

import csv
import json
import random
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from heard.analysis.themes.cluster import ClusterConfig, cluster_embeddings
from heard.analysis.themes.embedders import get_embedder
from heard.analysis.themes.errors import ThemesError
from heard.analysis.themes.label_eval import label_match
from heard.analysis.themes.labels import theme_terms
from heard.analysis.themes.names import name_themes

LABEL_MEASURE_EMBEDDER = "transformer"  # all-MiniLM-L6-v2, as the measure is defined
LABEL_METHODS = ("phrases", "keywords")

SHARED_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
DATASETS = ("banking77", "clinc150")
ATTRIBUTION = {
    "banking77": "banking77: CC BY 4.0, PolyAI",
    "clinc150": "clinc150: CC BY 3.0, Clinc",
}
MODES: dict[str, dict[str, Any]] = {
    "k": {},
    "auto": {"k": None},
    "auto-wide": {"k": None, "max_themes": 200},
}


SPLITS = ("test", "train")
# Texts per category in each test set: a training sample is drawn to the same size.
_TEST_PER_CATEGORY = {"banking77": 40, "clinc150": 30}


def load_dataset(name: str, root: Path = SHARED_DATA,
                 split: str = "test") -> tuple[list[str], list[str]]:
    if split not in SPLITS:
        raise ValueError(f"Unknown split {split!r}; known: {', '.join(SPLITS)}.")
    if name == "banking77":
        return load_csv(root / "clustering" / "banking77" / f"{split}.csv", "text", "category")
    if name == "clinc150":
        data = json.loads((root / "clustering" / "clinc150" / "data_full.json").read_text())
        return [row[0] for row in data[split]], [row[1] for row in data[split]]
    raise ValueError(f"Unknown dataset {name!r}; known: {', '.join(DATASETS)}.")


def train_sample(name: str, sample: int,
                 root: Path = SHARED_DATA) -> tuple[list[str], list[str]]:
    """Sample ``sample`` (0, 1, ...) of a training split, the test set's size per category;
    the same number always draws the same texts, in the file's order."""
    texts, truth = load_dataset(name, root, split="train")
    by_category: dict[str, list[int]] = defaultdict(list)
    for i, category in enumerate(truth):
        by_category[category].append(i)
    rng = random.Random(1000 + sample)  # noqa: S311 - a repeatable sample, not a secret
    per = _TEST_PER_CATEGORY[name]
    keep = sorted(i for category in sorted(by_category)
                  for i in rng.sample(by_category[category], min(per, len(by_category[category]))))
    return [texts[i] for i in keep], [truth[i] for i in keep]


def load_csv(path: Path, text_column: str, label_column: str) -> tuple[list[str], list[str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        rows = [row for row in csv.DictReader(handle) if (row.get(text_column) or "").strip()]
    return [row[text_column] for row in rows], [row[label_column] for row in rows]


def evaluate(
    datasets: Iterable[str] | None = None,
    embedders: Iterable[str] = ("static", "transformer"),
    data: str | Path | None = None,
    text_column: str | None = None,
    label_column: str | None = None,
    modes: Iterable[str] = ("k", "auto", "auto-wide"),
    labels: str = "phrases",
    split: str = "test",
    samples: int = 3,
) -> dict[str, dict[str, dict[str, Any]]]:
    """Score each embedder on each dataset; ``data`` (a CSV with ``text_column`` and
    ``label_column``) replaces the default datasets. ``labels`` is ``phrases`` (theme names
    as the app makes them), ``keywords`` (the older keyword labels) or ``none``.
    ``split="train"`` scores ``samples`` samples of the training splits instead."""
    modes = list(modes)
    unknown = [mode for mode in modes if mode not in MODES]
    if unknown:
        raise ValueError(f"Unknown mode {unknown[0]!r}; known: {', '.join(MODES)}.")
    if labels not in (*LABEL_METHODS, "none"):
        raise ValueError(f"Unknown labels {labels!r}; known: {', '.join(LABEL_METHODS)}, none.")
    if split not in SPLITS:
        raise ValueError(f"Unknown split {split!r}; known: {', '.join(SPLITS)}.")
    if split == "train" and not 1 <= samples <= 20:
        raise ValueError("samples must be between 1 and 20.")
    if data is not None:
        if not (text_column and label_column):
            raise ValueError("A data file needs text_column and label_column.")
        sets = {Path(data).stem: load_csv(Path(data), text_column, label_column)}
    elif split == "train":
        sets = {f"{name}-train-s{i}": train_sample(name, i)
                for name in (datasets or DATASETS) for i in range(samples)}
    else:
        sets = {name: load_dataset(name) for name in (datasets or DATASETS)}
    results: dict[str, dict[str, dict[str, Any]]] = {}
    for name, (texts, truth) in sets.items():
        results[name] = {}
        for embedder in embedders:
            results[name].update(_score_embedder(embedder, texts, truth, modes,
                                                 label_method=labels))
    return results


def _score_embedder(
    name: str, texts: list[str], truth: list[str], modes: list[str], label_method: str = "none",
) -> dict[str, dict[str, Any]]:
    start = time.perf_counter()
    try:
        model = get_embedder(name)
        vectors = model.embed(texts)
    except ThemesError as error:
        return {f"{name}@{mode}": {"skipped": str(error)} for mode in modes}
    embed_seconds = time.perf_counter() - start
    out = {}
    for mode in modes:
        settings = {"k": len(set(truth)), **MODES[mode]}
        start = time.perf_counter()
        clustering = cluster_embeddings(vectors, ClusterConfig(**settings))
        labels = clustering.labels
        out[f"{name}@{mode}"] = {
            "ari": round(float(adjusted_rand_score(truth, labels)), 4),
            "nmi": round(float(normalized_mutual_info_score(truth, labels)), 4),
            "unassigned": float(np.mean(labels < 0)),
            "themes": clustering.k,
            "seconds": round(embed_seconds + time.perf_counter() - start, 2),
        }
        if label_method != "none":
            out[f"{name}@{mode}"].update(_label_scores(
                texts, truth, clustering.labels, clustering.k, vectors, model, label_method))
    return out


def _label_scores(
    texts: list[str], truth: list[str], theme_of_item: np.ndarray, k: int,
    vectors: np.ndarray, model: Any, method: str,
) -> dict[str, Any]:
    """label_top1 / label_top3 for the names ``method`` gives these themes."""
    start = time.perf_counter()
    terms = theme_terms(texts, theme_of_item, k)
    if method == "keywords":
        names = [term.label for term in terms]
    else:
        found = name_themes(texts, theme_of_item, k, vectors=vectors, embedder=model,
                            key_words=[t.key_words for t in terms],
                            key_weights=[t.weights for t in terms])
        names = [name.label for name in found]
    seconds = round(time.perf_counter() - start, 2)
    try:
        measure = get_embedder(LABEL_MEASURE_EMBEDDER)
        scores: dict[str, Any] = dict(label_match(names, theme_of_item, truth, measure))
    except ThemesError as error:
        return {"label_skipped": f"the label measure needs all-MiniLM-L6-v2: {error}"}
    return {**scores, "label_method": method, "label_seconds": seconds,
            "distinct_labels": len({name.lower() for name in names}) == len(names)}


def format_report(results: dict[str, dict[str, dict[str, Any]]]) -> str:
    lines = [f"{'dataset':<11} {'embedder@mode':<26} {'ARI':>6} {'NMI':>6} {'unassigned':>10} "
             f"{'themes':>6} {'seconds':>8} {'label top-1':>11} {'label top-3':>11}"]
    for dataset, rows in results.items():
        for key, row in rows.items():
            if "skipped" in row:
                lines.append(f"{dataset:<11} {key:<26} skipped: {row['skipped']}")
                continue
            lines.append(
                f"{dataset:<11} {key:<26} {row['ari']:>6.3f} {row['nmi']:>6.3f} "
                f"{row['unassigned']:>10.1%} {row['themes']:>6} {row['seconds']:>8.1f}"
                + (f" {row['label_top1']:>11.3f} {row['label_top3']:>11.3f}"
                   if "label_top1" in row else "")
            )
    named = dict.fromkeys(d.split("-train-")[0] for d in results)
    lines += ["", "Data: " + "; ".join(ATTRIBUTION[d] for d in named if d in ATTRIBUTION)]
    return "\n".join(lines)


if __name__ == "__main__":
    print(format_report(evaluate()))

"""Measure variants of theme-name ranking (issue 16, decision 0016). Exploration only.

Clusters each set once with the static embedder at k = the true number of categories (so
membership, NMI and ARI are the same for every variant), then names the themes with
``names._rank`` replaced by a version whose weights and extra signals come from a JSON list:

    python scripts/label_variants.py banking77,clinc150,care '[{}, {"knn": 10, "kw": 0.5}]'

Keys: cov (key-word weight, 1.0), cen (centrality weight, 3.0), nb (push from the nearest
other centre, 0.3), nbmode (max | top3 | lse), strip (drop a leading I/you/we/me/to),
tight (centre from this share of the most central members), pool (60), ngram ([lo, hi]:
add contiguous word n-grams as candidates), conn (n-grams must be one dependency subtree),
mild (no n-gram with punctuation inside, ending in a pronoun, auxiliary or "not", or
starting with an auxiliary), show (print the names), knn + kw (add kw x the share of the
candidate's knn nearest texts that are in the theme).
"care" is tests/data/care_feedback_labelled.csv. Prints label_top1 / label_top3.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

import heard.analysis.themes.names as N
from heard.analysis.themes.cluster import ClusterConfig, cluster_embeddings
from heard.analysis.themes.embedders import get_embedder
from heard.analysis.themes.evaluate import load_csv, load_dataset
from heard.analysis.themes.label_eval import label_match
from heard.analysis.themes.labels import theme_terms

DEFAULTS: dict[str, Any] = dict(cov=1.0, cen=3.0, nb=0.3, nbmode="max", strip=0, tight=0,
                                pool=60)
P: dict[str, Any] = dict(DEFAULTS)
STATE: dict[str, np.ndarray] = {}
_PARSED: dict[str, Any] = {}
_original_parse = N._parse


def cached_parse(texts: list[str]) -> list[Any]:
    missing = [t for t in dict.fromkeys(texts) if t not in _PARSED]
    _PARSED.update(zip(missing, _original_parse(missing), strict=True))
    return [_PARSED[t] for t in texts]


def ngram_candidates(doc: Any) -> list[tuple[str, frozenset[str]]]:
    named = {tok.i for ent in doc.ents if ent.label_ in N._NAMED for tok in ent}
    out = []
    low, high = P["ngram"]
    for n in range(low, high + 1):
        for i in range(len(doc) - n + 1):
            span = doc[i:i + n]
            if P.get("conn"):
                roots = [tk for tk in span if not span.start <= tk.head.i < span.end
                         or tk.head.i == tk.i]
                if (len(roots) != 1 or any(tk.is_punct for tk in span)
                        or span[-1].pos_ in ("AUX", "PRON", "PART", "ADP", "DET", "CCONJ",
                                             "SCONJ", "ADV")
                        or roots[0].pos_ not in ("NOUN", "VERB")):
                    continue
            if P.get("mild") and (any(tk.is_punct for tk in span)
                                  or span[-1].pos_ in ("PRON", "AUX") or span[-1].dep_ == "neg"
                                  or span[0].pos_ == "AUX"):
                continue
            phrase = N._tidy(span, named)
            if phrase is not None:
                out.append(phrase)
    return out


def phrases(doc: Any) -> list[tuple[str, frozenset[str]]]:
    """names.candidate_phrases, with the n-grams and the leading-word strip a variant asks for."""
    found = N.candidate_phrases(doc) + (ngram_candidates(doc) if P.get("ngram") else [])
    if not P["strip"]:
        return found
    out = []
    for text, key in found:
        words = text.split()
        while len(words) > 1 and words[0].lower() in ("i", "you", "we", "me", "to"):
            words = words[1:]
        out.append((" ".join(words), key))
    return out


def rank(theme: int, per_theme: list[list[Any]], weights: dict[str, float],
         centres: Any, embedder: Any, index: Any = None) -> list[Any]:
    """names._rank's replacement: the same screened candidates (names._screened), then this
    script's own centrality and nearest-text variants; no word-precision or conjunction step."""
    pool = N._screened(per_theme[theme], weights, phrases=phrases, coverage=P["cov"],
                       keep=P["pool"])
    if not pool:
        return []
    vectors = np.asarray(embedder.embed([c.text for c in pool]), dtype=np.float64)
    sim = vectors @ STATE["centres"].T
    own = sim[:, theme].copy()
    sim[:, theme] = -np.inf
    if P["nbmode"] == "max":
        other = sim.max(axis=1)
    elif P["nbmode"] == "top3":
        other = np.sort(sim, axis=1)[:, -3:].mean(axis=1)
    else:  # soft maximum, temperature 0.05
        s = np.delete(sim, theme, axis=1)
        top_s = s.max(axis=1, keepdims=True)
        other = (0.05 * np.log(np.exp((s - top_s) / 0.05).sum(axis=1)) + top_s[:, 0])
    if P.get("knn"):
        nearest = np.argpartition(-(vectors @ STATE["vectors"].T), P["knn"], axis=1)
        share = (STATE["labels"][nearest[:, :P["knn"]]] == theme).mean(axis=1)
        for i, c in enumerate(pool):
            c.score += P["kw"] * float(share[i])
    for i, c in enumerate(pool):
        c.score += P["cen"] * float(own[i] - P["nb"] * other[i])
    return sorted(pool, key=lambda c: (-c.score, c.text))


def centres_for(vectors: np.ndarray, labels: np.ndarray, k: int, tight: float) -> np.ndarray:
    centres = N._centres(vectors, labels, k)
    if tight:
        for t in range(k):
            members = np.flatnonzero(labels == t)
            if members.size:
                close = members[np.argsort(-(vectors[members] @ centres[t]))]
                centre = vectors[close[:max(5, int(tight * members.size))]].mean(axis=0)
                centres[t] = centre / np.linalg.norm(centre)
    return centres


def main(sets: str, variants_json: str) -> None:
    N._parse = cached_parse
    N._rank = rank
    static, measure = get_embedder("static"), get_embedder("transformer")
    for name in sets.split(","):
        texts, truth = (load_csv(Path("tests/data/care_feedback_labelled.csv"), "text",
                                 "category") if name == "care" else load_dataset(name))
        vectors = np.asarray(static.embed(texts), dtype=np.float64)
        clustering = cluster_embeddings(vectors, ClusterConfig(k=len(set(truth))))
        labels, k = clustering.labels, clustering.k
        print(f"{name}: NMI {normalized_mutual_info_score(truth, labels):.4f} "
              f"ARI {adjusted_rand_score(truth, labels):.4f}", flush=True)
        terms = theme_terms(texts, labels, k)
        STATE.update(vectors=vectors, labels=labels)
        for variant in json.loads(variants_json):
            P.clear()
            P.update(DEFAULTS, **variant)
            STATE["centres"] = centres_for(vectors, labels, k, P["tight"])
            names = N.name_themes(texts, labels, k, vectors=vectors, embedder=static,
                                  key_words=[t.key_words for t in terms],
                                  key_weights=[t.weights for t in terms])
            shown = [n.label for n in names]
            if variant.get("show"):
                print("\n".join(f"    {label}" for label in shown))
            score = label_match(shown, labels, truth, measure)
            print(f"  {json.dumps(variant):60s} top1 {score['label_top1']:.3f} "
                  f"top3 {score['label_top3']:.3f}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "[{}]")

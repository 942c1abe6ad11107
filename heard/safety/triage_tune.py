"""Pick the triage thresholds on development data, and print the development figures.

    python -m heard.safety.triage_tune            # print figures for the current thresholds
    python -m heard.safety.triage_tune --write    # pick thresholds and save them

The development split is **by writer**: each writer's texts are scored by a model trained on
the other writers only (leave-one-writer-out), so the scores are what the model does on
someone else's words, which is what the frozen test set and real contributions are. A random
split would put a writer's near-paraphrases on both sides and flatter the model.

Thresholds are picked on the corpus writers' out-of-fold scores, for recall first: the
immediate threshold is the highest that keeps immediate recall at `IMMEDIATE_RECALL`; then
the concern threshold is the highest that still flags (as concern or immediate) `RISK_RECALL`
of the concern texts. The hand-written 528-line set (`handwritten`) is scored out of fold too
but is not used to pick thresholds: the rules were tuned on it, so it flatters them.

Pure; no Django imports.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass

import numpy as np

from heard.analysis.themes.embedders import StaticEmbedder

from . import triage_model as tm
from .safeguarding_eval import LABELS, Example, evaluate, format_report
from .triage_corpus import corpus_digest, load_corpus
from .triage_features import fit_vectorisers
from .triage_result import CONCERN, IMMEDIATE, NONE, TriageResult, highest
from .triage_rules import classify_rules
from .triage_windows import make_windows

IMMEDIATE_RECALL = 0.97  # above the 0.95 target: new writers score lower than development
RISK_RECALL = 0.95
NOT_FOR_PICKING = ("handwritten",)


@dataclass
class OutOfFold:
    writers: list[str]
    labels: list[str]
    texts: list[str]
    top_immediate: np.ndarray  # per text: how immediate its riskiest window reads in context
    top_risk: np.ndarray  # per text: the riskiest window's P(concern or immediate)
    rule_levels: list[str]


def out_of_fold(data: tm._Encoded) -> OutOfFold:
    """Score each writer's texts with a model trained without that writer."""
    writers = [t.writer for t in data.texts]
    immediacy = np.zeros(len(writers))
    risk = np.zeros(len(writers))
    # Vocabulary from every text, as the shipped model has (no labels: only which words exist).
    vectorisers = fit_vectorisers([" ".join(t.text.split()) for t in data.texts])
    for writer in sorted(set(writers)):
        model = tm.fit(tm.subset(data, [i for i, w in enumerate(writers) if w != writer]),
                       vectorisers=vectorisers)
        for i in (i for i, w in enumerate(writers) if w == writer):
            first, stop = int(data.offsets[i]), int(data.offsets[i + 1])
            probs = model.probabilities(data.window_vectors[first:stop],
                                        data.window_texts[first:stop])
            scores = [tm.WindowScore(window, data.window_vectors[first + j], float(p[2]),
                                     float(p[1] + p[2]))
                      for j, (window, p) in enumerate(zip(make_windows(data.texts[i].text),
                                                          probs, strict=True))]
            if scores:
                _top, immediacy[i] = tm.riskiest(scores)
                risk[i] = _top.risk
    texts = [t.text for t in data.texts]
    return OutOfFold(writers, [t.label for t in data.texts], texts, immediacy, risk,
                     [classify_rules(t).level for t in texts])


def levels(oof: OutOfFold, thresholds: tm.Thresholds, with_rules: bool = True) -> list[str]:
    """What classify would say for each text, from the out-of-fold scores."""
    out = []
    for i, rule_level in enumerate(oof.rule_levels):
        model_level = (IMMEDIATE if oof.top_immediate[i] >= thresholds.immediate
                       else CONCERN if oof.top_risk[i] >= thresholds.concern else NONE)
        out.append(highest([model_level, rule_level]) if with_rules else model_level)
    return out


def pick_thresholds(oof: OutOfFold) -> tm.Thresholds:
    chosen = [i for i, w in enumerate(oof.writers) if w not in NOT_FOR_PICKING]
    labels = np.array(oof.labels)[chosen]
    immediate = _threshold_for_recall(oof.top_immediate[chosen][labels == IMMEDIATE],
                                      IMMEDIATE_RECALL)
    # Concern texts that the immediate threshold already takes cannot be won back by the
    # concern threshold; pick it on the rest.
    left = (labels == CONCERN) & (oof.top_immediate[chosen] < immediate)
    concern = _threshold_for_recall(oof.top_risk[chosen][left], RISK_RECALL)
    return tm.Thresholds(round(float(immediate), 4), round(float(concern), 4))


def _threshold_for_recall(scores: np.ndarray, recall: float) -> float:
    """The highest threshold with at least `recall` of these scores at or above it."""
    if not len(scores):
        return 0.5
    ordered = np.sort(scores)[::-1]
    return float(ordered[min(len(ordered) - 1, int(np.ceil(recall * len(ordered))) - 1)])


def figures(oof: OutOfFold, thresholds: tm.Thresholds, with_rules: bool = True) -> dict:
    """Evaluation JSON per writer, and for all the corpus writers together."""
    predicted = levels(oof, thresholds, with_rules)
    groups = {w: [i for i, x in enumerate(oof.writers) if x == w] for w in sorted(set(oof.writers))}
    groups["all corpus writers"] = [i for i, w in enumerate(oof.writers)
                                    if w not in NOT_FOR_PICKING]
    return {name: _evaluate_fixed([Example(oof.texts[i], oof.labels[i]) for i in chosen],
                                  [predicted[i] for i in chosen])
            for name, chosen in groups.items()}


def _evaluate_fixed(examples: list[Example], predicted: list[str]) -> dict:
    """`evaluate` for predictions already made (out of fold), not by calling classify."""
    answers = iter(predicted)
    return evaluate(examples, lambda _text: TriageResult(next(answers)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="save the picked thresholds")
    args = parser.parse_args(argv)
    corpus = load_corpus()
    print(f"{len(corpus)} texts from {len({t.writer for t in corpus})} writers; "
          f"labels {', '.join(f'{lab} {sum(t.label == lab for t in corpus)}' for lab in LABELS)}")
    oof = out_of_fold(tm.encode(corpus, StaticEmbedder()))
    thresholds = pick_thresholds(oof) if args.write else tm.load_thresholds()
    if args.write:
        record = {"immediate": thresholds.immediate, "concern": thresholds.concern,
                  "picked_by": "python -m heard.safety.triage_tune --write",
                  "immediate_recall_target": IMMEDIATE_RECALL, "risk_recall_target": RISK_RECALL,
                  "corpus_sha256": corpus_digest(), "model_version": tm.MODEL_VERSION}
        tm.THRESHOLDS_FILE.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(f"thresholds: immediate {thresholds.immediate}, concern {thresholds.concern}")
    for with_rules in (True, False):
        print(f"\n=== out of fold, {'model + rules' if with_rules else 'model alone'} ===")
        for name, result in figures(oof, thresholds, with_rules).items():
            print(f"\n--- {name} ---\n{format_report(result)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

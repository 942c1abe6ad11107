"""Pick the triage thresholds by leave-one-writer-group-out, and print the figures per group.

    python -m heard.safety.triage_tune                  # figures for the current thresholds
    python -m heard.safety.triage_tune --write          # pick thresholds and save them
    python -m heard.safety.triage_tune --scores F.json  # reuse (or save) the held-out scores
    python -m heard.safety.triage_tune --write --immediate-recall 0.93  # pick for this recall

The corpus has nine held-out writer groups (`young`, `adults`, `contrast`, `survey`,
`chat`, `letters`, `everyday`, `channels`, `boundaries`: separately briefed writers). Each
group's texts are scored by a model trained on the others only (plus `handwritten`, never held out
because the rules were tuned on it, and `boundary`: `triage_model.ALWAYS_TRAINED`), so
every score is what the model does on a writer it has never seen, which is what the frozen
test set and real contributions are. A random split would put a
writer's near-paraphrases on both sides and flatter the model.

The thresholds are picked on the pooled held-out scores, within the lower bounds that keep
the demo's own texts unflagged (`DEMO_POINTS`, `MIN_CONCERN`): among all that keep
immediate recall at `IMMEDIATE_RECALL` (or `--immediate-recall`) and immediate precision
at `IMMEDIATE_PRECISION`,
those with the best concern recall plus none recall (fewest concerns escalated or
missed, fewest false flags). The rule floor (`triage.RULE_FLOOR`) is applied as classify
applies it. Pure; no Django imports.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from heard.analysis.themes.embedders import StaticEmbedder

from . import triage_model as tm
from .safeguarding_eval import LABELS, Example, evaluate, format_report
from .triage_corpus import corpus_digest, load_corpus
from .triage_result import CONCERN, IMMEDIATE, NONE, RANK, TriageResult
from .triage_rules import classify_rules

IMMEDIATE_RECALL = 0.95  # the target, picked for on the held-out groups (decision 0017)
IMMEDIATE_PRECISION = 0.62
# The none recall the concern threshold must keep: below it, a safeguarding lead's queue fills
# with ordinary feedback. Model 9 kept 0.787 with the concern-plus-none objective; decision 0026
# picks for the most concern recall at this floor instead (0.78 flagged 20.3% of the demo
# contributions, 0.80 flagged 18.0%).
NONE_RECALL = 0.80
# Heard's own demo texts and calm test fixtures that the picked thresholds must never call
# immediate, as the shipped model (version 10: converged one-thread fit, stage 4, trained with
# the `boundaries` writer) scores them: (riskiest window's risk, urgency in context, stage 3),
# each rounded up, rescored with the full model (decision 0026). A flagged idea is never
# published, so `heard demo` and tests/safety/test_triage.py fail;
# tests/insight/test_campaigns_in_app.py allows at most one of its 30 demo stories to be
# held. Every other demo idea, answer and story reads below urgency 0.03. Exact points rather
# than a lower bound on each threshold: a text is immediate only when it passes all three.
# The tests that read the real texts at the shipped thresholds say when these numbers go
# stale; rescore them with the full model after retraining.
DEMO_POINTS = np.array([
    (0.028, 0.229, 0.945),  # fixture: "I am 15 and live in Cardiff." (test_triage.py)
    (0.049, 0.172, 0.896),  # "I voted to Leave." and "I identify as male.": known misses of
    (0.092, 0.171, 0.919),  # model 9 (decision 0025); bounds only, never trained on
    (0.318, 0.158, 0.696),  # demo stories (tests/insight/test_campaigns_in_app.py)
    (0.125, 0.137, 0.875),  # fixture: "I am currently working"
    (0.116, 0.134, 0.451),
    (0.415, 0.127, 0.276),
    (0.131, 0.121, 0.708),  # fixture: "Dads are never invited, said Sarah Jones, fathers are
    #                         left out" (tests/insight/test_theme_reading.py)
    (0.164, 0.104, 0.339),
    (0.240, 0.100, 0.672),  # idea: a welcome box with "a night light and a phone charger"
    (0.026, 0.083, 0.360),  # answer: "Give every child a proper bag, not a bin bag."
    (0.240, 0.082, 0.678),  # the welcome-box idea with its title
    (0.196, 0.081, 0.413),  # answer: "Keeping my phone and my bike made it feel less strange."
    (0.137, 0.077, 0.246),
    (0.244, 0.067, 0.322),
    (0.038, 0.066, 0.929),  # fixture: "Ring Anna on 07700 900111 about the room."
    (0.124, 0.059, 0.842),  # fixture: "Call Dave on 07700 900456." (test_open_space.py)
    (0.244, 0.046, 0.143),
    (0.101, 0.044, 0.490),  # fixture: "I'm a grandparent and I look after my grandson."
    (0.341, 0.032, 0.111),  # fixture: "I'm in year 10."
])
# And on concern (stage 4's concern score since model 10): a flagged idea is never published.
# The highest among the demo ideas and answers is 0.206; the calm fixture "I'm in year 10."
# reads 0.398. The bound is kept at 0.42, above both.
MIN_CONCERN = 0.42
_GRID = np.round(np.arange(0.03, 0.96, 0.01), 2)
# Stage 3 (immediate rather than concern): 0 leaves it unused, so the tuner can say it does
# not help.
_SHARP_GRID = np.round(np.concatenate([[0.0], np.arange(0.05, 0.91, 0.05)]), 2)
LEVEL_NAMES = (NONE, CONCERN, IMMEDIATE)


@dataclass
class OutOfFold:
    writers: list[str]
    labels: list[str]
    texts: list[str]
    risk: np.ndarray  # per text: the riskiest window's P(any risk)
    immediacy: np.ndarray  # per text: P(immediate) in context around it, in context
    rule_levels: list[str]
    sharp: np.ndarray  # per text: P(immediate rather than concern) in context (stage 3)
    concern: np.ndarray  # per text: the concern score `decide` compares (stages 1 and 4)

    def to_json(self) -> dict:
        return {"writers": self.writers, "labels": self.labels, "risk": self.risk.tolist(),
                "immediacy": self.immediacy.tolist(), "rule_levels": self.rule_levels,
                "sharp": self.sharp.tolist(), "concern": self.concern.tolist(),
                "corpus_sha256": corpus_digest(), "model_version": tm.MODEL_VERSION}


def out_of_fold(data: tm.Encoded) -> OutOfFold:
    """Score each writer group's texts with a model trained without that group."""
    writers = [t.writer for t in data.texts]
    risk = np.zeros(len(writers))
    immediacy = np.zeros(len(writers))
    sharp = np.zeros(len(writers))
    concern = np.zeros(len(writers))
    idf = tm.word_weights(data)  # which words exist where (no labels), as the shipped model
    for group, chosen in zip(tm.groups_of(data.texts), tm.folds(data.texts), strict=True):
        model = tm.fit(tm.subset(data, chosen), idf)
        held = [i for i, w in enumerate(writers) if w == group]
        part = tm.subset(data, held)
        probs = model.probabilities(part.windows)
        for k, i in enumerate(held):
            first, stop = int(part.offsets[k]), int(part.offsets[k + 1])
            risk[i], immediacy[i], sharp[i], concern[i], _best = tm.text_scores(
                part.cuts[k], probs[first:stop])
        print(f"  scored {group} ({len(held)} texts) with a model trained without it",
              flush=True)
    return OutOfFold(writers, [t.label for t in data.texts], [t.text for t in data.texts],
                     risk, immediacy, [classify_rules(t.text).level for t in data.texts], sharp,
                     concern)


def load_scores(path: Path, texts: list[str]) -> OutOfFold | None:
    """Saved held-out scores, if they are for this corpus and model version."""
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("corpus_sha256") != corpus_digest() or \
            data.get("model_version") != tm.MODEL_VERSION:
        return None
    return OutOfFold(data["writers"], data["labels"], texts, np.asarray(data["risk"]),
                     np.asarray(data["immediacy"]), data["rule_levels"],
                      np.asarray(data["sharp"]), np.asarray(data["concern"]))


def model_levels(oof: OutOfFold, thresholds: tm.Thresholds) -> list[str]:
    return [LEVEL_NAMES[k] for k in _model_ranks(oof, thresholds)]


def _model_ranks(oof: OutOfFold, t: tm.Thresholds) -> np.ndarray:
    """What `triage_model.decide` says for each text, as ranks (0 none, 1 concern, 2 immediate)."""
    urgent = (oof.risk >= t.gate) & (oof.immediacy >= t.immediate) & \
        ((t.sharp <= 0.0) | (oof.sharp >= t.sharp))
    return np.where(urgent, 2, np.where(oof.concern >= t.concern, 1, 0))


def levels(oof: OutOfFold, thresholds: tm.Thresholds, floor: dict[str, str] | None = None,
           ) -> list[str]:
    """What classify would say for each text, from the held-out scores."""
    from .triage import with_rule_floor

    return [with_rule_floor(level, rule, floor)
            for level, rule in zip(model_levels(oof, thresholds), oof.rule_levels, strict=True)]


def pick_thresholds(oof: OutOfFold, floor: dict[str, str] | None = None,
                    target: float = IMMEDIATE_RECALL,
                    demo_points: np.ndarray = DEMO_POINTS,
                    none_recall: float = NONE_RECALL) -> tm.Thresholds:
    """The thresholds with the best concern recall that keeps none recall at `none_recall`,
    among those that keep immediate recall and precision at their targets (the best
    immediate recall, if the demo bounds leave none that can). Where no concern threshold
    keeps none recall there, the best concern recall plus none recall.

    For a given risk gate and stage-3 threshold, the best urgency threshold is the highest
    that keeps immediate recall at its target: a higher one only turns immediate answers into
    concern or none, which can only help concern and none recall. So the urgency threshold is
    found, not searched, and the concern threshold is scored for every value at once.
    """
    from .triage import RULE_FLOOR

    floor = RULE_FLOOR if floor is None else floor
    truth = np.array([RANK[label] for label in oof.labels])
    lowest = np.array([RANK[floor.get(level, NONE)] for level in oof.rule_levels])
    best: tuple[float, bool, bool, float, tm.Thresholds] | None = None
    # The concern score is stage 4's (`triage_model.concern_score`), not the risk the gate is
    # on, so its threshold may sit below the gate.
    concerns = _GRID[_GRID >= MIN_CONCERN]
    for gate in _GRID:
        for sharp in _SHARP_GRID:
            eligible = (oof.risk >= gate) & ((sharp <= 0.0) | (oof.sharp >= sharp))
            immediate = _above_demo(
                _highest_for_recall(oof.immediacy, eligible, truth == 2, target) or 0.0,
                gate, sharp, demo_points)
            urgent = eligible & (oof.immediacy >= immediate)
            said = np.maximum(np.where(urgent[None, :], 2,
                                       (oof.concern[None, :] >= concerns[:, None]).astype(int)),
                              lowest[None, :])
            concern_recall = (said[:, truth == 1] == 1).mean(axis=1)
            none_kept = (said[:, truth == 0] == 0).mean(axis=1)
            kept = bool((none_kept >= none_recall).any())
            goal = np.where(none_kept >= none_recall, concern_recall, -1.0) if kept \
                else concern_recall + none_kept
            k = int(np.argmax(goal))
            precision = float(np.mean(truth[urgent] == 2)) if urgent.any() else 0.0
            reached = min(float(np.mean(urgent[truth == 2])), target)
            candidate = (reached, precision >= IMMEDIATE_PRECISION, kept, float(goal[k]),
                         tm.Thresholds(float(immediate), float(concerns[k]), float(gate),
                                       float(sharp)))
            if best is None or candidate[:4] > best[:4]:
                best = candidate
    return best[4] if best else tm.Thresholds(0.5, 0.5, 0.5)


def _highest_for_recall(urgency: np.ndarray, eligible: np.ndarray, immediate: np.ndarray,
                        target: float = IMMEDIATE_RECALL) -> float | None:
    """The highest grid threshold on urgency at which immediate recall reaches its target."""
    scores = np.where(eligible, urgency, -1.0)[immediate]
    recall = (scores[None, :] >= _GRID[:, None]).mean(axis=1)
    feasible = _GRID[recall >= target]
    return float(feasible.max()) if len(feasible) else None


def _above_demo(urgency: float, gate: float, sharp: float, points: np.ndarray) -> float:
    """The urgency threshold raised, if it must be, above every demo text that would
    otherwise be called immediate at this gate and stage-3 threshold."""
    if not len(points):
        return urgency
    caught = (points[:, 0] >= gate) & ((sharp <= 0.0) | (points[:, 2] >= sharp)) & \
        (points[:, 1] >= urgency)
    if not caught.any():
        return urgency
    above = _GRID[points[caught, 1].max() < _GRID]
    return float(above.min()) if len(above) else 1.0


def figures(oof: OutOfFold, predicted: list[str]) -> dict:
    """Evaluation JSON per writer group, and for all groups together."""
    groups = {w: [i for i, x in enumerate(oof.writers) if x == w] for w in sorted(set(oof.writers))}
    groups["all held-out groups"] = list(range(len(oof.writers)))
    return {name: _evaluate_fixed([oof.labels[i] for i in chosen],
                                  [predicted[i] for i in chosen])
            for name, chosen in groups.items()}


def _evaluate_fixed(labels: list[str], predicted: list[str]) -> dict:
    """`evaluate` for predictions already made (out of fold), not by calling classify."""
    answers = iter(predicted)
    return evaluate([Example("", label) for label in labels],
                    lambda _text: TriageResult(next(answers)))


def summary_line(name: str, result: dict) -> str:
    return (f"{name:<16} immediate P {result[IMMEDIATE]['precision']:.3f} "
            f"R {result[IMMEDIATE]['recall']:.3f} | concern P "
            f"{result[CONCERN]['precision']:.3f} R {result[CONCERN]['recall']:.3f} | "
            f"none R {result[NONE]['recall']:.3f} | n={sum(result[x]['support'] for x in LABELS)}")


def main(argv: list[str] | None = None) -> int:
    from .triage import RULE_FLOOR

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="save the picked thresholds")
    parser.add_argument("--scores", type=Path, help="held-out scores file to reuse or save")
    parser.add_argument("--immediate-recall", type=float, default=IMMEDIATE_RECALL,
                        help="the immediate recall to pick for (default: the issue's target)")
    parser.add_argument("--none-recall", type=float, default=NONE_RECALL,
                        help="the none recall the concern threshold must keep")
    args = parser.parse_args(argv)
    corpus = load_corpus()
    print(f"{len(corpus)} texts from {len({t.writer for t in corpus})} writers; labels "
          f"{', '.join(f'{lab} {sum(t.label == lab for t in corpus)}' for lab in LABELS)}")
    oof = load_scores(args.scores, [t.text for t in corpus]) if args.scores else None
    held = [i for i, t in enumerate(corpus) if t.writer not in tm.ALWAYS_TRAINED]
    if oof is None:
        full = out_of_fold(tm.encode(corpus, StaticEmbedder()))
        oof = OutOfFold([full.writers[i] for i in held], [full.labels[i] for i in held],
                        [full.texts[i] for i in held], full.risk[held], full.immediacy[held],
                        [full.rule_levels[i] for i in held], full.sharp[held],
                        full.concern[held])
        if args.scores:
            args.scores.write_text(json.dumps(oof.to_json()), encoding="utf-8")
    thresholds = pick_thresholds(oof, target=args.immediate_recall,
                                 none_recall=args.none_recall) if args.write \
        else tm.load_thresholds()
    if args.write:
        record = {"immediate": thresholds.immediate, "concern": thresholds.concern,
                  "gate": thresholds.gate, "sharp": thresholds.sharp,
                  "picked_by": "python -m heard.safety.triage_tune --write --immediate-recall "
                               f"{args.immediate_recall} --none-recall {args.none_recall}",
                  "none_recall_floor": args.none_recall,
                  "immediate_recall_target": args.immediate_recall,
                  "immediate_precision_target": IMMEDIATE_PRECISION,
                  "corpus_sha256": corpus_digest(), "model_version": tm.MODEL_VERSION}
        tm.THRESHOLDS_FILE.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(f"thresholds: immediate {thresholds.immediate} (risk gate {thresholds.gate}, "
          f"stage 3 {thresholds.sharp}), "
          f"concern {thresholds.concern}; "
          f"rule floor {RULE_FLOOR}")
    runs = {"model + rule floor (what classify does)": levels(oof, thresholds, RULE_FLOOR),
            "model alone": levels(oof, thresholds, {}),
            "old rules alone": oof.rule_levels}
    for title, predicted in runs.items():
        print(f"\n=== leave-one-writer-group-out, {title} ===")
        results = figures(oof, predicted)
        for name, result in results.items():
            print(summary_line(name, result))
        print(f"\n--- all held-out groups ---\n{format_report(results['all held-out groups'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

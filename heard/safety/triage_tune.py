"""Pick the triage thresholds by leave-one-writer-group-out, and print the figures per group.

    python -m heard.safety.triage_tune                  # figures for the current thresholds
    python -m heard.safety.triage_tune --write          # pick thresholds and save them
    python -m heard.safety.triage_tune --scores F.json  # reuse (or save) the held-out scores
    python -m heard.safety.triage_tune --write --immediate-recall 0.93  # pick for this recall

The corpus has twelve held-out writer groups (`young`, `adults`, `contrast`, `survey`,
`chat`, `letters`, `everyday`, `channels`, `boundaries`, `channels2`, `border`, `hard`:
separately briefed writers). Each
group's texts are scored by a model trained on the others only (plus `handwritten`, never held out
because the rules were tuned on it, and `boundary`: `triage_model.ALWAYS_TRAINED`), so
every score is what the model does on a writer it has never seen, which is what the frozen
test set and real contributions are. A random split would put a
writer's near-paraphrases on both sides and flatter the model.

The thresholds are picked on the pooled held-out scores, within the lower bounds that keep
the demo's own texts unflagged (`demo_points`, `MIN_CONCERN`): among all that keep
immediate recall at `IMMEDIATE_RECALL` (or `--immediate-recall`) and immediate precision
at `IMMEDIATE_PRECISION`, those with the best concern recall at the none-recall floor
(`NONE_RECALL`). Texts of 8-15 words have their own urgency threshold, picked with the
others (`triage_model.urgency_for`). The rule floor (`triage.RULE_FLOOR`) is applied as
classify applies it.

The contextual look (`triage_look`) is scored per fold too: each fold's look is trained on the
other groups' riskiest neighbourhoods, as the fold's model finds them, and scores the held-out
group's; thresholds are picked on the blended scores, blended only for texts over the gate
being tried, as `triage_model.decide` does. MiniLM's vectors come from the cache beside the
model, so a rerun embeds only windows it has not seen. Pure; no Django imports.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from heard.analysis.themes.embedders import Embedder, StaticEmbedder, model_cache_dir
from heard.contributions.demo_corpus import generate_demo_contributions
from heard.contributions.demo_words import CHANGES, HELPED, IDEAS

from . import triage_finetune as finetune
from . import triage_look as looks
from . import triage_model as tm
from .safeguarding_eval import LABELS, Example, evaluate, format_report
from .triage_corpus import corpus_digest, load_corpus
from .triage_result import CONCERN, IMMEDIATE, NONE, RANK, TriageResult
from .triage_rules import classify_rules

# The issue asks for immediate recall 0.95 on text by writers never seen. The pooled held-out
# recall is an estimate of that from a sample of writers: at a pooled 0.95 the twelve groups'
# own immediate recalls spread with a standard deviation of 0.033 over the eleven groups that
# have immediate texts (0.903 to 0.996), so the pooled figure is uncertain by about
# 0.033 / sqrt(11) = 0.010 from which writers happen to be in the corpus (`main` prints it,
# `writer_spread`). Picking for 0.95 left no margin, and two of the four held-out writers fell below
# (decision 0026, round 6). One standard error is added: 0.96. More is not reachable at a
# useful cost (0.962 raises the risk gate to 0.28: immediate precision 0.77, concern recall 0.75).
IMMEDIATE_RECALL = 0.96
# The floor is 0.60. The pooled figure is kept at 0.70 or more because single writer
# groups read well below the pool (`channels` 0.65 when the pool reads 0.85).
IMMEDIATE_PRECISION = 0.70
# The none recall the concern threshold must keep: below it, a safeguarding lead's queue fills
# with ordinary feedback. Model 9 kept 0.787 with the concern-plus-none objective; decision 0026
# picks for the most concern recall at this floor instead (0.78 flagged 20.3% of the demo
# contributions, 0.80 flagged 18.0%).
NONE_RECALL = 0.80
# Calm test fixtures the thresholds must never flag: a test reads each at the shipped
# thresholds, so a threshold that flags one fails the suite. "I voted to Leave." and "I identify
# as male." were known misses of model 9 (decision 0025); they are bounds only, never trained on.
CALM_FIXTURES = (
    "I am 15 and live in Cardiff.",  # tests/safety/test_triage.py, like the next five
    "I am currently working",
    "I'm in year 10.",
    "I'm a grandparent and I look after my grandson.",
    "Ring Anna on 07700 900111 about the room.",
    "I voted to Leave.",
    "I identify as male.",
    "Call Dave on 07700 900456.",  # tests/activities/test_open_space.py
    "Dads are never invited, said Sarah Jones, fathers are left out",  # test_theme_reading.py
    # tests/safety/test_triage.py ABOUT_YOU: short facts about the writer (decision 0026,
    # round 3). Picking for recall 0.96 with a mid-length threshold first called "I'm a 15
    # year old boy" immediate (risk 0.49, urgency 0.139 against 0.13): a bound, as the
    # fixtures above are (round 6).
    "I am male", "I identify as male", "I am 15", "I'm a dad", "I'm male.", "Male",
    "I am male, 16", "I am in year 8", "I'm a 15 year old boy", "I am adopted", "I'm a father",
    "I am transgender", "I'm lesbian", "I am a nan", "I'm from Syria", "I am at uni",
    "male, 15, Cardiff", "Gender: male", "I'm a single dad",
)
# The demo stories tests/insight/test_campaigns_in_app.py shares (it allows one to be held).
DEMO_STORIES = {"seed": 3, "count": 30}


def demo_texts() -> list[str]:
    """Heard's own calm texts that the picked thresholds must never call immediate: the calm
    fixtures, the demo stories, and the demo consultation answers and ideas (a flagged idea is
    never published, so `heard demo` would break), each idea with and without its title."""
    stories = [c.text for c in generate_demo_contributions(**DEMO_STORIES)]
    ideas = [*HELPED, *CHANGES, *(f"{title}. {idea}" for title, idea in IDEAS),
             *(idea for _title, idea in IDEAS)]
    return [*CALM_FIXTURES, *stories, *ideas]


def demo_points(model: tm.TriageModel, embedder: Embedder,
                texts: list[str] | None = None,
                reader: looks.Reader | None = None) -> np.ndarray:
    """(risk, urgency, stage 3, words) of each demo text as `model` scores it, in the order of
    `demo_texts`: the exact points the thresholds must keep below immediate. Scored at tune
    time with the model that ships (trained on the whole corpus), so they never go stale
    after retraining (model 11 was tuned against model 10's hand-copied scores). With a
    `reader`, the urgency is the higher of the base urgency and the one blended with the
    contextual look's (`decide` blends for a text over the gate), so the bounds hold with the
    look and without it (MiniLM failing to load, or switched off as in the test suite)."""
    points = []
    take = tm.look_with(model, reader)
    for text in demo_texts() if texts is None else texts:
        scores = tm.score_windows(model, embedder, text)
        if not scores:
            continue
        top, urgency = tm.riskiest(scores)
        seen = take(scores, top) if take is not None else None
        if seen is not None:
            urgency = max(urgency, looks.blend(urgency, seen.urgency))
        # A short text under the short-text gate can never be immediate (`tm.gate_for`).
        risk = 0.0 if top.risk < tm.gate_for(tm.Thresholds(1.0, 1.0), len(text.split())) \
            else top.risk
        points.append((risk, urgency, tm.sharpness(scores, top), len(text.split())))
    return np.asarray(points, dtype=float).reshape(-1, 4)


def concern_floor(model: tm.TriageModel, embedder: Embedder,
                  reader: looks.Reader | None = None) -> float:
    """The least concern threshold that leaves every calm fixture and demo answer and idea
    unflagged as `model` scores them, and never below `MIN_CONCERN` (the demo stories may be
    held at concern: they are shared, not published as ideas). With a `reader`, the higher
    of the base and the blended concern score counts: which one `decide` compares depends on
    the gate, which is not picked yet."""
    stories = {c.text for c in generate_demo_contributions(**DEMO_STORIES)}
    highest = 0.0
    take = tm.look_with(model, reader)
    for text in demo_texts():
        scores = tm.score_windows(model, embedder, text)
        if scores and text not in stories:
            top = tm.riskiest(scores)[0]
            level = tm.concern_score(scores, top)
            seen = take(scores, top) if take is not None else None
            highest = max(highest, level, looks.blend(level, seen.concern) if seen else 0.0)
    above = _GRID[highest < _GRID]
    return max(MIN_CONCERN, float(above.min()) if len(above) else 1.0)


# And on concern (stage 4's concern score since model 10): a flagged idea is never published.
# The concern threshold stays at or above this, and above every calm fixture and demo answer
# and idea as the shipped model scores them (`concern_floor`; model 11: the highest demo idea
# or answer read 0.206, the fixture "I'm in year 10." 0.398).
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
    # Per text: the contextual look's urgency and concern scores (`triage_look`), by a look
    # trained without the text's group; NaN where there is no look (no words, or none made).
    look_urgency: np.ndarray | None = None
    look_concern: np.ndarray | None = None
    tuned_look: bool = False  # whether each fold's look read with MiniLM's layers tuned

    def urgency(self) -> np.ndarray:
        """The urgency `decide` compares for a text over the gate: blended with the look's
        where there is one (below the gate the urgency is never compared)."""
        return _blended(self.immediacy, self.look_urgency)

    def concern_over_gate(self) -> np.ndarray:
        """The concern score `decide` compares for a text over the gate (blended where there
        is a look); below the gate it is `concern`."""
        return _blended(self.concern, self.look_concern)

    def to_json(self) -> dict:
        return {"writers": self.writers, "labels": self.labels, "risk": self.risk.tolist(),
                "immediacy": self.immediacy.tolist(), "rule_levels": self.rule_levels,
                "sharp": self.sharp.tolist(), "concern": self.concern.tolist(),
                "look_urgency": _listed(self.look_urgency),
                "look_concern": _listed(self.look_concern), "tuned_look": self.tuned_look,
                "corpus_sha256": corpus_digest(), "model_version": tm.MODEL_VERSION}


def _blended(base: np.ndarray, look: np.ndarray | None) -> np.ndarray:
    if look is None:
        return base
    return np.where(np.isnan(look), base, (1 - looks.LOOK_WEIGHT) * base
                    + looks.LOOK_WEIGHT * np.nan_to_num(look))


def _listed(values: np.ndarray | None) -> list[float | None] | None:
    """JSON has no NaN: a text without a look is null."""
    return None if values is None else [None if np.isnan(v) else float(v) for v in values]


def _unlisted(values: list[float | None] | None) -> np.ndarray | None:
    return None if values is None else np.array([np.nan if v is None else v for v in values],
                                                  dtype=float)


# One fold of the tuner: (training texts with words, their neighbourhoods, held-out texts with
# words, their neighbourhoods).
Plan = tuple[list[int], list[str], list[int], list[str]]


def out_of_fold(data: tm.Encoded, look: bool | None = None,
                cache: looks.VectorCache | None = None, recipe: finetune.Recipe | None = None,
                only: Collection[int] | None = None, cache_dir: Path | None = None) -> OutOfFold:
    """Score each writer group's texts with a model trained without that group, and with a
    contextual look trained without it (`look`; None: when MiniLM can be loaded here and the
    look is not switched off): each training text's riskiest neighbourhood as the fold's
    model finds it (in sample, as `triage_model.train` does), and each held-out text's as
    the fold's model finds it.

    With a `recipe`, each fold's look reads with MiniLM's layers tuned on that fold's training
    neighbourhoods only (`tuned_fold_looks`), as the shipped model's look is tuned on the whole
    corpus. A fold's tune costs minutes of CPU, so tunes and their vectors are cached (under
    `cache_dir`, default the model cache), and `only` (fold numbers, in `groups_of` order)
    scores just those folds: two processes can fill the cache side by side, and a last run
    without `only` reads it (the other folds' scores are left at 0 when `only` is given)."""
    writers = [t.writer for t in data.texts]
    risk = np.zeros(len(writers))
    immediacy = np.zeros(len(writers))
    sharp = np.zeros(len(writers))
    concern = np.zeros(len(writers))
    look = looks.available() and looks.enabled() if look is None else look
    # Per fold: (training texts with words, their neighbourhoods, held-out texts with words,
    # their neighbourhoods), embedded together once every fold is fitted.
    plans: list[Plan] = []
    idf = tm.word_weights(data)  # which words exist where (no labels), as the shipped model
    for number, (group, chosen) in enumerate(zip(tm.groups_of(data.texts),
                                                   tm.folds(data.texts), strict=True)):
        if only is not None and number not in only:
            continue
        training = tm.subset(data, chosen)
        model = tm.fit(training, idf)
        held = [i for i, w in enumerate(writers) if w == group]
        part = tm.subset(data, held)
        probs = model.probabilities(part.windows)
        for k, i in enumerate(held):
            first, stop = int(part.offsets[k]), int(part.offsets[k + 1])
            risk[i], immediacy[i], sharp[i], concern[i], _best = tm.text_scores(
                part.cuts[k], probs[first:stop])
        if look:
            trained, trained_texts = tm.look_texts(training, model.probabilities(
                training.windows))
            seen, seen_texts = tm.look_texts(part, probs)
            plans.append(([chosen[k] for k in trained], trained_texts,
                          [held[k] for k in seen], seen_texts))
        print(f"  scored {group} ({len(held)} texts) with a model trained without it",
              flush=True)
    look_urgency = look_concern = None
    if look and recipe is not None:
        look_urgency, look_concern = tuned_fold_looks(data, plans, recipe, cache_dir)
    elif look:
        look_urgency = np.full(len(writers), np.nan)
        look_concern = np.full(len(writers), np.nan)
        cache = cache or looks.VectorCache()
        reader = looks.shared_reader()
        every = [text for plan in plans for text in (*plan[1], *plan[3])]
        cache.vectors(every, reader, "the held-out folds")
        print(f"  embedded {len(set(every))} neighbourhoods for the contextual look", flush=True)
        for plan in plans:
            _score_fold_look(plan, data.labels, cache, reader, look_urgency, look_concern)
    return OutOfFold(writers, [t.label for t in data.texts], [t.text for t in data.texts],
                     risk, immediacy, [classify_rules(t.text).level for t in data.texts], sharp,
                     concern, look_urgency, look_concern, bool(look and recipe is not None))


def _score_fold_look(plan: Plan, labels: np.ndarray, cache: looks.VectorCache,
                     reader: looks.Reader, urgency: np.ndarray, concern: np.ndarray) -> None:
    """One fold's look: regressions fitted on its training neighbourhoods' vectors (by
    `reader`, through `cache`), then its held-out texts' look urgency and concern filled in."""
    trained, trained_texts, seen, seen_texts = plan
    fitted = looks.fit_look(cache.vectors(trained_texts, reader), labels[trained])
    if seen:
        urgency[seen], concern[seen] = fitted.score(cache.vectors(seen_texts, reader))


# Where the tuner keeps its folds' tuned layers and their vectors, inside the model cache:
# apart from the shipped model's, whose tune is keyed by the same recipe but other texts.
FOLDS_FOLDER = "triage-tuner-folds"


def tuned_fold_looks(data: tm.Encoded, plans: list[Plan], recipe: finetune.Recipe,
                     cache_dir: Path | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Each fold's look with MiniLM's layers tuned on its training neighbourhoods only, then
    its regressions fitted on that encoder's 8-bit vectors (`triage_model.fit_tuned_look`'s
    recipe, per fold): the held-out texts' look urgency and concern. The frozen layers run
    once over every fold's neighbourhoods, and only if some fold's tune is not cached."""
    folder = (cache_dir or model_cache_dir()) / FOLDS_FOLDER
    urgency = np.full(len(data.texts), np.nan)
    concern = np.full(len(data.texts), np.nan)
    every = [text for plan in plans for text in plan[1]]
    states: list[finetune.States] = []

    def shared_states() -> finetune.States:
        if not states:
            states.append(finetune.states_for(every, recipe))
        return states[0]

    for plan in plans:
        trained, trained_texts = plan[0], plan[1]
        began = finetune.cpu()
        tuned = finetune.cached_tune(trained_texts, data.labels[trained], recipe, folder,
                                     shared_states)
        reader = looks.Reader(tuned)
        _score_fold_look(plan, data.labels, looks.VectorCache(folder, reader.key), reader,
                         urgency, concern)
        print(f"  tuned look for a fold ({len(trained_texts)} training neighbourhoods): "
              f"{finetune.cpu() - began:.0f} s CPU", flush=True)
    return urgency, concern


def load_scores(path: Path, texts: list[str], tuned_look: bool = False) -> OutOfFold | None:
    """Saved held-out scores, if they are for this corpus, model version and kind of look."""
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("corpus_sha256") != corpus_digest() or \
            data.get("model_version") != tm.MODEL_VERSION or \
            bool(data.get("tuned_look")) != tuned_look:
        return None
    if len(texts) != len(data["labels"]):
        return None  # scores of another selection of texts
    return OutOfFold(data["writers"], data["labels"], texts, np.asarray(data["risk"]),
                     np.asarray(data["immediacy"]), data["rule_levels"],
                     np.asarray(data["sharp"]), np.asarray(data["concern"]),
                     _unlisted(data.get("look_urgency")), _unlisted(data.get("look_concern")),
                     tuned_look)


def model_levels(oof: OutOfFold, thresholds: tm.Thresholds) -> list[str]:
    return [LEVEL_NAMES[k] for k in _model_ranks(oof, thresholds)]


def _short_risk(oof: OutOfFold) -> np.ndarray:
    """The risk as the gate reads it: in a very short text, a risk under `SHORT_GATE` can
    never pass (`triage_model.gate_for`), so it reads as 0."""
    short = np.array([0 < len(text.split()) <= tm.SHORT_WORDS for text in oof.texts], dtype=bool)
    return np.where(short & (oof.risk < tm.SHORT_GATE), 0.0, oof.risk) if len(short) \
        else oof.risk


def _middle(oof: OutOfFold) -> np.ndarray:
    """Which texts have the mid-length urgency threshold (`triage_model.urgency_for`)."""
    words = np.array([len(text.split()) for text in oof.texts], dtype=int)
    return (words > tm.SHORT_WORDS) & (words <= tm.MID_WORDS)


def _model_ranks(oof: OutOfFold, t: tm.Thresholds) -> np.ndarray:
    """What `triage_model.decide` says for each text, as ranks (0 none, 1 concern, 2 immediate)."""
    urgency = np.where(_middle(oof), t.immediate if t.mid is None else t.mid, t.immediate)
    passes = _short_risk(oof) >= t.gate
    urgent = passes & (oof.urgency() >= urgency) & ((t.sharp <= 0.0) | (oof.sharp >= t.sharp))
    concern = np.where(passes, oof.concern_over_gate(), oof.concern)
    return np.where(urgent, 2, np.where(concern >= t.concern, 1, 0))


def levels(oof: OutOfFold, thresholds: tm.Thresholds, floor: dict[str, str] | None = None,
           ) -> list[str]:
    """What classify would say for each text, from the held-out scores."""
    from .triage import with_rule_floor

    return [with_rule_floor(level, rule, floor, text)
            for level, rule, text in zip(model_levels(oof, thresholds), oof.rule_levels,
                                         oof.texts, strict=True)]


def pick_thresholds(oof: OutOfFold, floor: dict[str, str] | None = None,
                    target: float = IMMEDIATE_RECALL,
                    demo_points: np.ndarray | None = None,
                    none_recall: float = NONE_RECALL,
                    min_concern: float = MIN_CONCERN) -> tm.Thresholds:
    """The thresholds with the best concern recall that keeps none recall at `none_recall`,
    among those that keep immediate recall and precision at their targets (the best
    immediate recall, if the demo bounds leave none that can). Where no concern threshold
    keeps none recall there, the best concern recall plus none recall.

    For a given risk gate and stage-3 threshold, the best urgency threshold is the highest
    that keeps immediate recall at its target: a higher one only turns immediate answers into
    concern or none, which can only help concern and none recall. So the urgency threshold is
    found, not searched, and the concern threshold is scored for every value at once. Texts
    of `MID_WORDS` or fewer words (but more than `SHORT_WORDS`) have their own urgency
    threshold (`triage_model.urgency_for`): each value on the grid is tried, with the highest
    threshold for the other texts that keeps the pooled recall at its target.
    """
    from .triage import with_rule_floor

    demo_points = np.zeros((0, 4)) if demo_points is None else demo_points
    # Demo points without a word count (three columns) count as texts of any other length.
    demo_middle = (demo_points[:, 3] > tm.SHORT_WORDS) & (demo_points[:, 3] <= tm.MID_WORDS) \
        if demo_points.shape[1] > 3 else np.zeros(len(demo_points), dtype=bool)
    truth = np.array([RANK[label] for label in oof.labels])
    lowest = np.array([RANK[with_rule_floor(NONE, level, floor, text)]
                       for level, text in zip(oof.rule_levels, oof.texts, strict=True)])
    middle = _middle(oof)
    best: tuple[float, bool, bool, float, tm.Thresholds] | None = None
    # The concern score is stage 4's (`triage_model.concern_score`), not the risk the gate is
    # on, so its threshold may sit below the gate.
    concerns = _GRID[min_concern <= _GRID]
    gated = _short_risk(oof)
    urgency = oof.urgency()
    # The concern score a text is compared on: blended with the contextual look's above the
    # gate, the base score below it (`triage_model.decide`), so it depends on the gate.
    concern_looked = oof.concern_over_gate()
    for gate in _GRID:
        # What each text is said to be when it is not immediate, at every concern threshold:
        # a concern (or none) text is kept right unless it is escalated, so concern and none
        # recall for any set of immediate answers are one product each.
        concern = np.where(gated >= gate, concern_looked, oof.concern)
        if_not_urgent = np.maximum((concern[None, :] >= concerns[:, None]).astype(int),
                                   lowest[None, :])
        concern_right = (if_not_urgent[:, truth == 1] == 1).astype(float)
        none_right = (if_not_urgent[:, truth == 0] == 0).astype(float)
        for sharp in _SHARP_GRID:
            eligible = (gated >= gate) & ((sharp <= 0.0) | (oof.sharp >= sharp))
            for other, mid in _urgency_pairs(urgency, eligible, truth == 2, middle,
                                             target):
                other = _above_demo(other, gate, sharp, demo_points[~demo_middle])
                mid = _above_demo(mid, gate, sharp, demo_points[demo_middle])
                urgent = eligible & (urgency >= np.where(middle, mid, other))
                concern_recall = concern_right @ ~urgent[truth == 1] / max(1, (truth == 1).sum())
                none_kept = none_right @ ~urgent[truth == 0] / max(1, (truth == 0).sum())
                kept = bool((none_kept >= none_recall).any())
                goal = np.where(none_kept >= none_recall, concern_recall, -1.0) if kept \
                    else concern_recall + none_kept
                k = int(np.argmax(goal))
                precision = float(np.mean(truth[urgent] == 2)) if urgent.any() else 0.0
                reached = min(float(np.mean(urgent[truth == 2])), target)
                candidate = (reached, precision >= IMMEDIATE_PRECISION, kept, float(goal[k]),
                             tm.Thresholds(float(other), float(concerns[k]), float(gate),
                                           float(sharp), float(mid)))
                if best is None or candidate[:4] > best[:4]:
                    best = candidate
    return best[4] if best else tm.Thresholds(0.5, 0.5, 0.5)


def _urgency_pairs(urgency: np.ndarray, eligible: np.ndarray, immediate: np.ndarray,
                   middle: np.ndarray, target: float) -> list[tuple[float, float]]:
    """(urgency threshold for most texts, for mid-length texts) pairs worth trying: for each
    mid-length threshold on the grid, the highest other threshold that keeps the pooled
    immediate recall at `target`. One threshold for both where there are no mid-length
    immediate texts, and 0 (every eligible text) where the target cannot be reached."""
    if not (immediate & middle).any():
        single = _highest_for_recall(urgency, eligible, immediate, target) or 0.0
        return [(single, single)]
    scores = np.where(eligible, urgency, -1.0)
    caught_mid = (scores[immediate & middle][None, :] >= _GRID[:, None]).sum(axis=1)
    caught_other = (scores[immediate & ~middle][None, :] >= _GRID[:, None]).sum(axis=1)
    pairs = []
    for mid, caught in zip(_GRID, caught_mid, strict=True):
        feasible = _GRID[(caught + caught_other) / immediate.sum() >= target]
        if len(feasible):
            pairs.append((float(feasible.max()), float(mid)))
    return pairs or [(0.0, 0.0)]


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


def writer_spread(results: dict) -> tuple[float, float, int]:
    """The mean and standard deviation of the writer groups' own immediate recalls (groups
    with immediate texts), and how many groups: the standard deviation over the square root
    of the count is how far the pooled recall may sit from a new writer's by chance of which
    writers the corpus holds (`IMMEDIATE_RECALL`)."""
    recalls = [result[IMMEDIATE]["recall"] for name, result in results.items()
               if name != "all held-out groups" and result[IMMEDIATE]["support"]]
    if len(recalls) < 2:
        return (float(np.mean(recalls)) if recalls else 0.0), 0.0, len(recalls)
    return float(np.mean(recalls)), float(np.std(recalls, ddof=1)), len(recalls)


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
                        help="the immediate recall to pick for (default: the issue's 0.95 "
                             "plus a margin for writers never seen)")
    parser.add_argument("--none-recall", type=float, default=NONE_RECALL,
                        help="the none recall the concern threshold must keep")
    looks_wanted = parser.add_mutually_exclusive_group()
    looks_wanted.add_argument("--tuned-look", action="store_true",
                              help="score (and pick for) a look with MiniLM's layers tuned per "
                                   "fold (decision 0036; about 7 CPU-minutes a fold the first "
                                   "time, then cached), whatever the app ships")
    looks_wanted.add_argument("--frozen-look", action="store_true",
                              help="score (and pick for) the look with MiniLM as installed")
    parser.add_argument("--folds", type=lambda v: {int(x) for x in v.split(",")},
                        help="only tune and cache these folds' looks (numbers from 0, "
                             "comma-separated), then stop: a second process can fill the "
                             "cache beside the first")
    args = parser.parse_args(argv)
    recipe = finetune.Recipe() if args.tuned_look else None if args.frozen_look \
        else tm.SHIPPED_RECIPE
    if args.folds is not None and recipe is None:
        parser.error("--folds tunes the folds' looks: give --tuned-look")
    corpus = load_corpus()
    print(f"{len(corpus)} texts from {len({t.writer for t in corpus})} writers; labels "
          f"{', '.join(f'{lab} {sum(t.label == lab for t in corpus)}' for lab in LABELS)}")
    held = [i for i, t in enumerate(corpus) if t.writer not in tm.ALWAYS_TRAINED]
    # The saved scores are for the held-out texts only, in corpus order (the short-text rule
    # floor reads each text, so the texts must line up with the scores).
    if args.folds is not None:
        out_of_fold(tm.encode(corpus, StaticEmbedder()), look=True, recipe=recipe,
                    only=args.folds)
        print(f"folds {sorted(args.folds)}: tuned looks cached; nothing picked")
        return 0
    oof = load_scores(args.scores, [corpus[i].text for i in held],
                      recipe is not None) if args.scores else None
    if oof is None:
        full = out_of_fold(tm.encode(corpus, StaticEmbedder()), recipe=recipe)
        oof = OutOfFold([full.writers[i] for i in held], [full.labels[i] for i in held],
                        [full.texts[i] for i in held], full.risk[held], full.immediacy[held],
                        [full.rule_levels[i] for i in held], full.sharp[held],
                        full.concern[held],
                        None if full.look_urgency is None else full.look_urgency[held],
                        None if full.look_concern is None else full.look_concern[held],
                        full.tuned_look)
        if args.scores:
            args.scores.write_text(json.dumps(oof.to_json()), encoding="utf-8")
    thresholds = tm.load_thresholds()
    if args.write:
        # The demo bounds are scored by the model that will ship: trained on the whole
        # corpus as it is now (built and cached here if it is not yet).
        embedder = StaticEmbedder()
        shipped = tm.build(embedder, recipe=recipe)  # the shipped one unless a flag says
        if (shipped.look is None) != (oof.look_urgency is None):
            raise SystemExit("The held-out scores and the model that would ship disagree on "
                             "the contextual look (one has it, one does not): rerun without "
                             "--scores, or where MiniLM can be loaded.")
        reader = tm.reader_for(shipped) if shipped.look is not None else None
        thresholds = pick_thresholds(oof, target=args.immediate_recall,
                                     none_recall=args.none_recall,
                                     demo_points=demo_points(shipped, embedder, reader=reader),
                                     min_concern=concern_floor(shipped, embedder, reader))
    if args.write:
        record = {"immediate": thresholds.immediate, "immediate_mid": thresholds.mid,
                  "concern": thresholds.concern,
                  "gate": thresholds.gate, "sharp": thresholds.sharp,
                  "picked_by": "python -m heard.safety.triage_tune --write --immediate-recall "
                               f"{args.immediate_recall} --none-recall {args.none_recall}"
                               + (" --tuned-look" if recipe else ""),
                  "tuned_look": recipe is not None,
                  "none_recall_floor": args.none_recall,
                  "immediate_recall_target": args.immediate_recall,
                  "immediate_precision_target": IMMEDIATE_PRECISION,
                  "corpus_sha256": corpus_digest(), "model_version": tm.MODEL_VERSION}
        tm.THRESHOLDS_FILE.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print("contextual look: " + ("none" if oof.look_urgency is None else
                                 "scored per fold, blended half and half over the gate"
                                 + (", MiniLM's layers tuned per fold" if oof.tuned_look
                                    else "")))
    print(f"thresholds: immediate {thresholds.immediate} ({thresholds.mid} for texts of "
          f"{tm.SHORT_WORDS + 1}-{tm.MID_WORDS} words; risk gate {thresholds.gate}, "
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
        mean, spread, count = writer_spread(results)
        print(f"immediate recall per writer group: mean {mean:.3f}, standard deviation "
              f"{spread:.3f} over {count} groups (standard error "
              f"{spread / max(1, count) ** 0.5:.3f})")
        print(f"\n--- all held-out groups ---\n{format_report(results['all held-out groups'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

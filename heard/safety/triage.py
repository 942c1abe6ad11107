"""Safeguarding triage: flag contributions that may need a person to act.

Every contribution is classified on arrival as:

* ``immediate`` - a child or young person may be unsafe now: current abuse or neglect,
  self-harm or suicidal intent, or a threat to someone.
* ``concern`` - past abuse disclosed, distress, or a worry about someone else.
* ``none`` - nothing that needs a safeguarding look.

`classify(text) -> TriageResult(level, triggers)` is the one function the rest of Heard calls.
It combines two signals:

* the **rules** (`triage_rules`): phrases from reviewable lexicon files, judged in their
  sentence for negation, tense, reported speech and jokes. Precise on wording they know;
* the **semantic model** (`triage_model`): every sentence window scored by a classifier over
  static embeddings trained on the project's labelled corpus, so risk written in words no
  rule foresaw is still found, even one sentence inside a long, calm message.
  Where the riskiest window is risky enough to pass the gate, a second, contextual look
  (`triage_look`: MiniLM, 8-bit) reads the sentences around it for tense and plans, and its
  reading counts for half of the urgency and concern scores.

The level is the higher of the two: a missed disclosure is far worse than a false alarm.
Reviewers see both kinds of reason: the rule phrases that fired, and the window the model
scored with its score and nearest labelled examples.

It never raises, whatever the input (HTML, emoji, mixed scripts, very long text), because it
runs on every contribution as it arrives. If the model cannot be loaded, the rules still run,
the result says `degraded=True`, and an error is logged. Pure; no Django imports.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from . import triage_model
from .triage_result import (
    CONCERN,
    IMMEDIATE,
    LEVELS,
    NONE,
    RANK,
    NearExample,
    TriageResult,
    Trigger,
    highest,
)
from .triage_rules import classify_rules, normalise

__all__ = ["CONCERN", "IMMEDIATE", "LEVELS", "NONE", "NearExample", "TriageResult", "Trigger",
           "classify", "classify_rules", "model_status"]

log = logging.getLogger(__name__)


def classify(text: str) -> TriageResult:
    """Classify one contribution. Never raises; non-text input is treated as empty."""
    if not isinstance(text, str) or not text.strip():
        return TriageResult(NONE, [])
    rules = classify_rules(text)
    try:
        semantic = _classify_semantic(text, rules)
    except Exception:  # noqa: BLE001 - triage must answer; the rules' answer is the floor
        log.exception("Safeguarding triage: the semantic model failed on a text; rules only.")
        semantic = None
    if semantic is None:
        return TriageResult(rules.level, rules.triggers, degraded=True)
    return _combine(rules, semantic, text)


def _classify_semantic(text: str, rules: TriageResult) -> TriageResult | None:
    """The model's level and its one reason; None when the model is unavailable."""
    loaded = triage_model.get_loaded()
    if loaded.model is None or loaded.embedder is None or loaded.thresholds is None:
        return None
    scores = triage_model.score_windows(loaded.model, loaded.embedder, text, rules.triggers)
    decision = triage_model.decide(scores, loaded.thresholds, len(text.split()),
                                   loaded.look())
    if decision.best is None:
        return TriageResult(NONE, [])
    return TriageResult(decision.level, [triage_model.explain(loaded.model, decision, text)])


# The least a rule level can make the result, whatever the model says. The rules are an input
# to the model already (a rule phrase is a feature of its window); a floor is kept only where
# the rules' own precision on the corpus's unseen writers is high (see the decision record).
RULE_FLOOR: dict[str, str] = {IMMEDIATE: CONCERN}
# A very short text in the writer's own voice ("I am not safe", "she touched me", "I'm being
# bullied") is one sentence with no context around it: the rules judge that whole sentence
# (tense, negation, reported speech), while the model weighs a window this short against the
# corpus's short windows, which are mostly calm about-you facts (decision 0026, round 4: its
# length bands). So here the rules' own level is the floor. First person only: a short topic
# line ("FGM e-learning done.") is the rules' usual false alarm (decision 0026, round 5).
SHORT_TEXT_WORDS = 7  # the longest length band of the model (`triage_features.LENGTH_EDGES`)
_FIRST_PERSON = re.compile(r"\b(?:i|me|my|myself|mine|us|we|our|i'm|im|ive|i've)\b", re.IGNORECASE)


def speaks_for_self_briefly(text: str) -> bool:
    """A text of at most `SHORT_TEXT_WORDS` words with a first-person word in it."""
    words = text.split()
    return len(words) <= SHORT_TEXT_WORDS and bool(_FIRST_PERSON.search(normalise(text)))


def with_rule_floor(model_level: str, rule_level: str, floor: dict[str, str] | None = None,
                    text: str = "") -> str:
    """The model's level, raised to the floor the rules' level sets: `floor` (`RULE_FLOOR`
    unless given), or the rules' own level in a short first-person text. An empty `floor`
    means no floor at all (the model alone)."""
    floor = RULE_FLOOR if floor is None else floor
    lowest = floor.get(rule_level, NONE)
    if floor and text and speaks_for_self_briefly(text):
        lowest = rule_level
    return highest([model_level, lowest])


def _combine(rules: TriageResult, semantic: TriageResult, text: str = "") -> TriageResult:
    """The model's level with the rule floor; every reason from both, in text order. Rule
    phrases above the final level are kept as reasons but lowered to it, so a reviewer sees
    them without the flag claiming more than the triage decided."""
    level = with_rule_floor(semantic.level, rules.level, text=text)
    kept = [t if RANK[t.level] <= RANK[level] else replace(t, level=level)
            for t in rules.triggers]
    triggers = sorted([*kept, *semantic.triggers], key=lambda t: (t.start, t.source))
    return TriageResult(level, triggers)


def model_status() -> str:
    """"" when the semantic model is loaded, otherwise why not (for checks and the CLI)."""
    return triage_model.get_loaded().error

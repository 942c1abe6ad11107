"""Safeguarding triage: flag contributions that may need a person to act.

Every contribution is classified on arrival as:

* ``immediate`` - a child or young person may be unsafe now: current abuse or neglect,
  self-harm or suicidal intent, or a threat to someone.
* ``concern`` - past abuse disclosed, distress, or a worry about someone else.
* ``none`` - nothing that needs a safeguarding look.

`classify(text) -> TriageResult(level, triggers)` is the one function the rest of Heard calls.
It never raises, whatever the input (HTML, emoji, mixed scripts, very long text), because it
runs on every contribution as it arrives. Pure; no Django imports.
"""

from __future__ import annotations

from .triage_result import (
    CONCERN,
    IMMEDIATE,
    LEVELS,
    NONE,
    NearExample,
    TriageResult,
    Trigger,
)
from .triage_rules import classify_rules

__all__ = ["CONCERN", "IMMEDIATE", "LEVELS", "NONE", "NearExample", "TriageResult", "Trigger",
           "classify", "classify_rules"]


def classify(text: str) -> TriageResult:
    """Classify one contribution. Never raises; non-text input is treated as empty."""
    return classify_rules(text)

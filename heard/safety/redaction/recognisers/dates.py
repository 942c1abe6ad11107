"""Dates of birth: dates with a year, and dates near a birth cue."""

from __future__ import annotations

import re

from .base import DIGITS, RuleRecogniser, rule

# ---- DATE_OF_BIRTH: dates, shown without a cue only when they have a year

_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_DATE_RULES = [
    (r"\b(?:0?[1-9]|[12]\d|3[01])[/.-](?:0?[1-9]|1[0-2])[/.-](?:19|20)?\d{2}\b", 0.45),
    (r"(?i:\b" + _DAY + r"[ \t]+(?:of[ \t]+)?" + _MONTHS + r",?[ \t]+(?:19|20)\d{2})\b", 0.45),
    (r"(?i:\b" + _MONTHS + r"[ \t]+" + _DAY + r",?[ \t]+(?:19|20)\d{2})\b", 0.45),
    (r"(?i:\b" + _DAY + r"[ \t]+(?:of[ \t]+)?" + _MONTHS + r")(?!\w)", 0.2),
    (r"(?i:\b" + _MONTHS + r"[ \t]+" + _DAY + r")\b", 0.15),
]
_BIRTH_CUE = re.compile(r"(?i)\bborn\b|\bd\.?o\.?b\b|date\s+of\s+birth|birth\s*day|\bb-?day")


def date_of_birth_recogniser() -> RuleRecogniser:
    return RuleRecogniser(
        "DATE_OF_BIRTH", [rule(pattern, score, near=DIGITS) for pattern, score in _DATE_RULES],
        context=["born", "dob", "birthday", "birth"], cue=_BIRTH_CUE, cue_boost=0.4,
        cue_window=50,
    )


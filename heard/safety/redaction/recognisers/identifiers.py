"""Numbers that identify a person: NHS and National Insurance numbers, cards named as such."""

from __future__ import annotations

import re

from .base import DIGITS, RuleRecogniser, rule
from .contact import NHS_CUE, PHONE_CUE

# ---- CREDIT_CARD numbers introduced as such, whether or not their check digit is right


def card_after_cue_recogniser() -> RuleRecogniser:
    # Presidio's rule needs a valid Luhn digit; a mistyped card number is still one
    pattern = r"(?i:\bcard(?:[ \t]+(?:no|number|num))?\.?[ \t]*[:#]?)[ \t]*(\d(?:[ -]?\d){11,18})\b"
    return RuleRecogniser("CREDIT_CARD", [rule(pattern, 0.6, 1, near=DIGITS)], context=["card"])

# ---- UK_NHS: ten digits whose last is the mod-11 check digit of the first nine


def nhs_check_digit_ok(digits: str) -> bool:
    """Whether ten digits form a valid NHS number (the weighted mod-11 check)."""
    if len(digits) != 10 or not digits.isdigit() or len(set(digits)) == 1:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _check_nhs(text: str, start: int, end: int, score: float) -> float | None:
    if not nhs_check_digit_ok(re.sub(r"\D", "", text[start:end])):
        return None
    near = text[max(0, start - 40) : start]
    if PHONE_CUE.search(near) and not NHS_CUE.search(near):
        return None  # "call me on 7700900123": a phone that happens to pass the check
    return score


def nhs_recogniser() -> RuleRecogniser:
    return RuleRecogniser(
        "UK_NHS",
        [rule(r"(?<![\d+])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d])", 0.5, near=DIGITS)],
        context=["nhs", "health"], cue=NHS_CUE, cue_boost=0.4, check=_check_nhs,
    )


# After "NHS number" (or "NHS no:"), ten digits are someone's NHS number whether or not the
# check digit is right: a number mistyped on a form, or copied with a digit wrong, still
# identifies the person to anyone who can guess the one wrong digit.
_NHS_AFTER_CUE = (
    r"(?i:\bnhs(?:[ \t]+(?:no|number|num|#))?\.?(?:[ \t]+(?:is|was))?[ \t]*[:#-]?)"
    r"[ \t]*(\d{3}[ -]?\d{3}[ -]?\d{4})(?![\d])"
)


def nhs_after_cue_recogniser() -> RuleRecogniser:
    return RuleRecogniser("UK_NHS", [rule(_NHS_AFTER_CUE, 0.7, 1, near=DIGITS)],
                          context=["nhs"])


# ---- UK_NINO: two prefix letters (some never issued), six digits, suffix A-D

_NINO = (
    r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
    r"[ \t]?\d{2}[ \t]?\d{2}[ \t]?\d{2}[ \t]?[A-D]\b"
)
_NINO_CUE = re.compile(r"(?i)national\s+insurance|\bni\s*(?:no|number|#)|\bnino\b")
# after a cue, any two letters: a made-up or mistyped number is still someone's number
_NINO_AFTER_CUE = (
    r"(?i:(?:national[ \t]+insurance|\bni|\bnino)(?:[ \t]+(?:no|number|#))?\.?(?:[ \t]+is)?"
    r"[ \t]*[:#-]?)[ \t]*([A-Z]{2}[ \t]?\d{2}[ \t]?\d{2}[ \t]?\d{2}[ \t]?[A-D])\b"
)


def nino_recogniser() -> RuleRecogniser:
    return RuleRecogniser(
        "UK_NINO", [rule(_NINO, 0.6, flags=re.IGNORECASE, near=DIGITS),
                    rule(_NINO_AFTER_CUE, 0.6, 1, near=DIGITS)],
        context=["insurance", "nino"], cue=_NINO_CUE, cue_boost=0.3,
    )


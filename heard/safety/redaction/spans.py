"""Spans of personal data, what replaces them, and the names moderators read.

Pure Python: the review page, the shown-text helper and the audit trail import this without
loading the language model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

PLACEHOLDERS: dict[str, str] = {
    "PERSON": "[name]",
    "EMAIL_ADDRESS": "[email]",
    "PHONE_NUMBER": "[phone]",
    "STREET_ADDRESS": "[address]",
    "UK_POSTCODE": "[postcode]",
    "UK_NHS": "[NHS number]",
    "UK_NINO": "[NI number]",
    "ORGANIZATION": "[school or organisation]",
    "DATE_OF_BIRTH": "[date]",
    "URL": "[link]",
    "SOCIAL_HANDLE": "[social media]",
    "CREDIT_CARD": "[card]",
    "IBAN_CODE": "[bank]",
    "US_SSN": "[ID number]",
    "IP_ADDRESS": "[IP address]",
    "LOCATION": "[place]",
}
ENTITY_TYPES: tuple[str, ...] = tuple(PLACEHOLDERS)
_FALLBACK_PLACEHOLDER = "[personal information]"

# What moderators and reports read: never the codes above, which are Presidio's.
TYPE_LABELS: dict[str, str] = {
    "PERSON": "Person's name",
    "LOCATION": "Place (town, area, street or park)",
    "ORGANIZATION": "School or organisation",
    "STREET_ADDRESS": "Street address",
    "UK_POSTCODE": "Postcode",
    "PHONE_NUMBER": "Phone number",
    "EMAIL_ADDRESS": "Email address",
    "SOCIAL_HANDLE": "Social media name",
    "URL": "Web address",
    "DATE_OF_BIRTH": "Date of birth or other date",
    "UK_NHS": "NHS number",
    "UK_NINO": "National Insurance number",
    "CREDIT_CARD": "Bank card number",
    "IBAN_CODE": "Bank account (IBAN)",
    "US_SSN": "US Social Security number",
    "IP_ADDRESS": "IP address",
}
_FALLBACK_LABEL = "Other personal information"


def type_label(entity_type: str) -> str:
    """The plain-English name of a type, for pages and reports."""
    return TYPE_LABELS.get(entity_type, _FALLBACK_LABEL)
_SCHOOL_WORDS = re.compile(
    r"\b(?:school|academy|primary|secondary|infants?|juniors?|high|grammar|college|"
    r"nursery|sixth form|pupil referral unit|PRU)\b",
    re.IGNORECASE,
)


class RedactionError(ValueError):
    """Spans that cannot be applied to the text; the message is shown to moderators."""


@dataclass(frozen=True)
class Span:
    """A stretch of ``text[start:end]`` that looks like personal data."""

    entity_type: str
    start: int
    end: int
    score: float
    source: str  # "ner" when the statistical model found it, "pattern" otherwise



def placeholder_for(entity_type: str, covered_text: str) -> str:
    """What replaces a span: ``[school]`` for organisations that look like schools."""
    if entity_type == "ORGANIZATION" and _SCHOOL_WORDS.search(covered_text):
        return "[school]"
    return PLACEHOLDERS.get(entity_type, _FALLBACK_PLACEHOLDER)


def apply_redactions(text: str, spans: Sequence[Span]) -> str:
    """Replace each span with its placeholder; bad spans raise :class:`RedactionError`."""
    ordered = sorted(spans, key=lambda span: (span.start, span.end))
    _check_spans(text, ordered)
    pieces: list[str] = []
    cursor = 0
    for span in ordered:
        pieces.append(text[cursor : span.start])
        pieces.append(placeholder_for(span.entity_type, text[span.start : span.end]))
        cursor = span.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _check_spans(text: str, ordered: Sequence[Span]) -> None:
    for span in ordered:
        if not 0 <= span.start < span.end <= len(text):
            raise RedactionError(
                f"The {type_label(span.entity_type).lower()} redaction at characters "
                f"{span.start}-{span.end} "
                f"is outside the text, which has {len(text)} characters."
            )
    for before, after in zip(ordered, ordered[1:], strict=False):
        if after.start < before.end:
            raise RedactionError(
                f"The redactions at characters {before.start}-{before.end} "
                f"({type_label(before.entity_type).lower()}) and {after.start}-{after.end} "
                f"({type_label(after.entity_type).lower()}) overlap; keep only one of them."
            )


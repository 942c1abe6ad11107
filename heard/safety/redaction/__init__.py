"""Find personal data in contributions and suggest redactions.

The public face of the package. :mod:`.spans` (spans, placeholders, readable type names) is
pure Python and cheap to import; :mod:`.engine` loads Presidio and spaCy, so it is imported
only when something is first detected. The recognisers are in :mod:`.recognisers`, one
module per family, and their word lists are plain text files in ``data/``.
"""

from __future__ import annotations

from collections.abc import Iterable

from .spans import (
    ENTITY_TYPES,
    PLACEHOLDERS,
    TYPE_LABELS,
    RedactionError,
    Span,
    apply_redactions,
    placeholder_for,
    type_label,
)

__all__ = [
    "ENTITY_TYPES", "PLACEHOLDERS", "TYPE_LABELS", "RedactionError", "Span", "apply_redactions",
    "detect", "detect_many", "nhs_check_digit_ok", "placeholder_for", "type_label",
]


def detect(text: str) -> list[Span]:
    """Spans of personal data in ``text``: sorted, non-overlapping; never raises on text."""
    return detect_many([text])[0]


def detect_many(texts: Iterable[str]) -> list[list[Span]]:
    """:func:`detect` for many texts, running the language model over them in batches."""
    from .engine import detect_many as run  # loads spaCy and Presidio on first use

    return run(texts)


def nhs_check_digit_ok(digits: str) -> bool:
    """Whether ten digits form a valid NHS number (the weighted mod-11 check)."""
    from .recognisers.identifiers import nhs_check_digit_ok as check

    return check(digits)

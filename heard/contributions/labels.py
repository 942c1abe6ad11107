"""The self-description labels of heard.core.vocab, in the page's language (decision 0024).

vocab.py stays free of Django and only marks its labels (gettext_noop); the words are looked up
here, lazily, so a form or a page built once still shows them in each visitor's language. What
is stored and exported stays the English code and label.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from heard.core.vocab import (
    AGE_BANDS,
    DISABILITY,
    ETHNICITY_GROUPS,
    GENDERS,
    KIND_LABELS,
    PERSPECTIVE_LABELS,
    PERSPECTIVE_SHORT_LABELS,
    PREFER_NOT_TO_SAY,
)

Label = str | Promise


def translated(choices: tuple[tuple[str, str], ...]) -> list[tuple[str, Label]]:
    return [(code, gettext_lazy(label)) for code, label in choices]


# An ethnic group is shown with its Census heading ("White: Irish"); each half is translated.
ETHNICITY_CHOICES: list[tuple[str, Label]] = [
    *((code, format_lazy("{}: {}", gettext_lazy(heading), gettext_lazy(label)))
      for heading, rows in ETHNICITY_GROUPS for code, label in rows),
    (PREFER_NOT_TO_SAY, gettext_lazy("Prefer not to say")),
]

EQUALITY_CHOICES: dict[str, list[tuple[str, Label]]] = {
    "age_band": translated(AGE_BANDS),
    "gender": translated(GENDERS),
    "ethnicity": ETHNICITY_CHOICES,
    "disability": translated(DISABILITY),
}


def perspective_label(code: str) -> Label:
    return gettext_lazy(PERSPECTIVE_LABELS[code])


def perspective_short_label(code: str) -> Label:
    return gettext_lazy(PERSPECTIVE_SHORT_LABELS[code])


def kind_label(code: str) -> Label:
    return gettext_lazy(KIND_LABELS[code])


# For templates that look a label up by code (the get_item filter).
PERSPECTIVE_LABELS_SHOWN: dict[str, Label] = {
    code: gettext_lazy(label) for code, label in PERSPECTIVE_LABELS.items()}

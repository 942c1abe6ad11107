"""Turning contributions into what pages show, with small numbers suppressed."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from heard.core.suppression import ShownCount, nameable, shown
from heard.core.vocab import PERSPECTIVES
from heard.people.local_authorities import WELSH_COUNCILS, council_name

from .labels import EQUALITY_CHOICES, Label, perspective_short_label
from .models import Contribution

# The "About you" answers as the person's own pages show them, in the page's language.
EQUALITY_LABELS: dict[str, tuple[Label, dict[str, Label]]] = {
    "age_band": (gettext_lazy("Age"), dict(EQUALITY_CHOICES["age_band"])),
    "gender": (gettext_lazy("Gender"), dict(EQUALITY_CHOICES["gender"])),
    "ethnicity": (gettext_lazy("Ethnic group"), dict(EQUALITY_CHOICES["ethnicity"])),
    "disability": (gettext_lazy("Disability or long-term condition"),
                   dict(EQUALITY_CHOICES["disability"])),
    "local_authority": (gettext_lazy("Local authority area"),
                        {"prefer_not_to_say": gettext_lazy("Prefer not to say"),
                         **{name: council_name(name) for name in WELSH_COUNCILS}}),
}


@dataclass(frozen=True)
class PerspectiveCount:
    code: str
    label: Label
    count: ShownCount


def perspective_counts(contributions: QuerySet[Contribution]) -> list[PerspectiveCount]:
    counter: Counter[str] = Counter()
    for perspectives in contributions.values_list("perspectives", flat=True):
        counter.update(set(perspectives or []))
    return [
        PerspectiveCount(code, perspective_short_label(code), shown(counter[code]))
        for code in PERSPECTIVES
        if counter[code]
    ]


def public_perspectives(contributions: QuerySet[Contribution]) -> frozenset[str]:
    """Perspectives that may label a published item in this list (see suppression.nameable)."""
    return nameable([p or [] for p in contributions.values_list("perspectives", flat=True)])


def equality_summary(answers: dict[str, str]) -> list[tuple[Label, Label]]:
    rows = []
    for key, (question, labels) in EQUALITY_LABELS.items():
        value = answers.get(key)
        rows.append((question, labels.get(value, value) if value else gettext_lazy("Not answered")))
    return rows

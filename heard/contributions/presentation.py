"""Turning contributions into what pages show, with small numbers suppressed."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import QuerySet

from heard.core.suppression import ShownCount, nameable, shown
from heard.core.vocab import (
    AGE_BANDS,
    DISABILITY,
    ETHNICITIES,
    GENDERS,
    PERSPECTIVE_SHORT_LABELS,
    PERSPECTIVES,
)

from .models import Contribution

EQUALITY_LABELS = {
    "age_band": ("Age", dict(AGE_BANDS)),
    "gender": ("Gender", dict(GENDERS)),
    "ethnicity": ("Ethnic group", dict(ETHNICITIES)),
    "disability": ("Disability or long-term condition", dict(DISABILITY)),
    "local_authority": ("Local authority area", {"prefer_not_to_say": "Prefer not to say"}),
}


@dataclass(frozen=True)
class PerspectiveCount:
    code: str
    label: str
    count: ShownCount


def perspective_counts(contributions: QuerySet[Contribution]) -> list[PerspectiveCount]:
    counter: Counter[str] = Counter()
    for perspectives in contributions.values_list("perspectives", flat=True):
        counter.update(set(perspectives or []))
    return [
        PerspectiveCount(code, PERSPECTIVE_SHORT_LABELS[code], shown(counter[code]))
        for code in PERSPECTIVES
        if counter[code]
    ]


def public_perspectives(contributions: QuerySet[Contribution]) -> frozenset[str]:
    """Perspectives that may label a published item in this list (see suppression.nameable)."""
    return nameable([p or [] for p in contributions.values_list("perspectives", flat=True)])


def equality_summary(answers: dict[str, str]) -> list[tuple[str, str]]:
    rows = []
    for key, (question, labels) in EQUALITY_LABELS.items():
        value = answers.get(key)
        rows.append((question, labels.get(value, value) if value else "Not answered"))
    return rows

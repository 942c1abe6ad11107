"""Reading the codebook: which contributions may be coded, who coded what, and how far
coders agree with each other and with the machine's themes.

Only contributions the theme pipeline may read are ever counted or shown (the same
`eligible` query), so a withdrawal, an erasure, a withdrawn consent or an immediate-risk
flag takes a contribution's codes off every page at once, with nothing to refresh.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db.models import QuerySet

from heard.activities.models import Activity
from heard.analysis.agreement import (
    ThemeComparison,
    code_agreement,
    compare_with_themes,
    landis_koch,
)
from heard.contributions.models import Contribution

from .inputs import eligible
from .models import AnalysisRun, Code, CodeApplication, CodingReview, Theme
from .themes_for import latest_run

Coding = dict[str, dict[int, set[int]]]


def codable(activity: Activity | None = None) -> QuerySet[Contribution]:
    return eligible(activity)


def uses_of(code: Code) -> int:
    """How many contributions still open to coding carry this code (withdrawn and erased words
    no longer count)."""
    return code.applications.filter(contribution__in=codable().values("pk")).count()


def coding_by_coder(activity: Activity | None = None) -> Coding:
    """For each coder (by username): the contributions they looked at and the code ids they
    gave each."""
    live = codable(activity).values("pk")
    coding: Coding = {}
    for name, item in CodingReview.objects.filter(contribution__in=live).values_list(
            "coder__username", "contribution_id"):
        coding.setdefault(name, {})[item] = set()
    for name, item, code in CodeApplication.objects.filter(contribution__in=live).values_list(
            "coder__username", "contribution_id", "code_id"):
        coding.setdefault(name, {}).setdefault(item, set()).add(code)
    return coding


def my_codes(coder: User, contribution_ids: list[int]) -> dict[int, set[int]]:
    mine: dict[int, set[int]] = {i: set() for i in contribution_ids}
    for item, code in CodeApplication.objects.filter(
            coder=coder, contribution_id__in=contribution_ids).values_list(
            "contribution_id", "code_id"):
        mine[item].add(code)
    return mine


def to_code(activity: Activity | None, coder: User, uncoded_only: bool) -> QuerySet[Contribution]:
    rows = codable(activity).select_related("activity").order_by("id")
    if uncoded_only:
        rows = rows.exclude(coding_reviews__coder=coder)
    return rows


@dataclass
class AgreementRow:
    code: Code
    items_with_code: int
    pairs: list[dict[str, Any]]
    alpha: float | None
    alpha_words: str
    alpha_items: int


def agreement_rows(activity: Activity | None = None) -> tuple[list[AgreementRow], int]:
    codes = list(Code.objects.all())
    coding = coding_by_coder(activity)
    found = code_agreement(coding, [c.pk for c in codes])
    rows = [AgreementRow(
        code=code, items_with_code=r.items_with_code,
        pairs=[{"first": p.first, "second": p.second, "items": p.items, "kappa": p.kappa,
                "words": landis_koch(p.kappa)} for p in r.pairs],
        alpha=r.alpha, alpha_words=landis_koch(r.alpha), alpha_items=r.alpha_items)
        for code, r in zip(codes, found, strict=True)]
    return rows, len(coding)


@dataclass
class ThemeRows:
    run: AnalysisRun | None
    comparison: ThemeComparison | None
    matches: list[dict[str, Any]]


def theme_rows(activity: Activity | None = None) -> ThemeRows:
    """Human codes against the latest finished theme run for the same scope."""
    run = latest_run(activity.slug if activity else "all") or (
        latest_run("all") if activity else None)
    if run is None:
        return ThemeRows(None, None, [])
    coding = coding_by_coder(activity)
    items = {i for given in coding.values() for i in given}
    themes = dict(run.assignments.filter(contribution_id__in=items).values_list(
        "contribution_id", "theme_id"))
    codes = list(Code.objects.all())
    comparison = compare_with_themes(coding, themes, [c.pk for c in codes])
    labels = {t.pk: t for t in Theme.objects.filter(run=run)}
    matches = [{"code": code, "theme": labels.get(m.theme) if m.theme is not None else None,
                "items": m.items_with_code, "shared": m.shared, "jaccard": m.jaccard,
                "coverage": m.coverage}
               for code, m in zip(codes, comparison.matches, strict=True)]
    return ThemeRows(run, comparison, matches)


def reviewed_by(coder: User, contributions: list[Contribution]) -> set[int]:
    return set(CodingReview.objects.filter(coder=coder, contribution__in=contributions)
               .values_list("contribution_id", flat=True))

"""Who has been heard, gathered from the database for the representation page and the
key-messages report: which contributions count, which reference figures they are set against,
and the alerts and suggestions that follow. Said once, so the page and the report agree cell by
cell; the counting itself is pure (`representation`)."""

from __future__ import annotations

from dataclasses import dataclass

from heard.activities.models import Activity
from heard.contributions.access import reportable_contributions
from heard.core.vocab import gettext_noop

from . import dfe
from .models import ReferenceFigure
from .presentation import perspective_hidden
from .representation import (
    Alert,
    ContributionFacts,
    Reference,
    Representation,
    Suggestion,
    Translate,
    alerts,
    as_written,
    build_representation,
    in_area,
    reference_for,
    suggestions,
)

ENGLAND = "england"  # the area that means the national figures


@dataclass(frozen=True)
class Gathered:
    rep: Representation
    hidden: set[str]  # perspective counts the page hides (presentation.perspective_hidden)
    alerts: list[Alert]
    suggestions: list[Suggestion]
    other_area: int  # people left out because they named another local authority


def representation_for(area: str = ENGLAND, activity: Activity | None = None,
                       translate: Translate = as_written) -> Gathered:
    """Everyone who shared (in one activity, or in all), set against England's figures or one
    local authority's. ``translate`` writes the alerts and suggestions in the page's language."""
    contributions = reportable_contributions()
    if activity is not None:
        contributions = contributions.filter(activity=activity)
    facts = [ContributionFacts.of(p, e)
             for p, e in contributions.values_list("perspectives", "equality")]
    counted = facts if area == ENGLAND else in_area(facts, area)
    rep = build_representation(counted, reference_for_area(area))
    hidden = perspective_hidden(rep)
    found = alerts(rep, hidden=hidden, translate=translate)
    return Gathered(rep, hidden, found, suggestions(rep, found, translate=translate),
                    other_area=len(facts) - len(counted))


def reference_for_area(area: str) -> Reference:
    """The latest DfE and ONS figures for England, or for one local authority by its name."""
    if area == ENGLAND:
        rows = ReferenceFigure.objects.filter(geography_code=dfe.ENGLAND_CODE,
                                              geography_level="national")
        # The place name the alerts write ("in England"), translated there.
        return reference_for([row.to_parsed() for row in rows], None, gettext_noop("England"))
    codes = list(ReferenceFigure.objects.filter(
        geography_level="local_authority", geography_name=area,
    ).values_list("geography_code", flat=True).distinct())
    rows = ReferenceFigure.objects.filter(geography_code__in=codes)
    return reference_for([row.to_parsed() for row in rows], codes, area)

"""Representation against the population served. Thin: gathering is in `representation`."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from heard.activities.models import Activity
from heard.audit.log import record
from heard.contributions.access import reportable_contributions
from heard.core.permissions import staff_with
from heard.people.local_authorities import LOCAL_AUTHORITIES

from . import dfe
from .models import ReferenceFigure
from .presentation import page_tables, perspective_hidden
from .representation import (
    PANEL_KEYS,
    ContributionFacts,
    alerts,
    build_representation,
    reference_for,
    suggestions,
)

ENGLAND = "england"


class RepresentationFilter(forms.Form):
    area = forms.ChoiceField(
        label="Compare with", required=False,
        choices=[(ENGLAND, "England")] + [(name, name) for name in LOCAL_AUTHORITIES],
    )
    activity = forms.ChoiceField(label="Activity", required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        activity = self.fields["activity"]
        assert isinstance(activity, forms.ChoiceField)
        activity.choices = [("", "All activities")] + [
            (a.slug, a.title) for a in Activity.objects.order_by("title")
        ]


@staff_with("reports.view_representation")
@require_safe
def representation(request: HttpRequest) -> HttpResponse:
    form = RepresentationFilter(request.GET or None)
    area, activity = ENGLAND, None
    if form.is_valid():
        area = form.cleaned_data["area"] or ENGLAND
        slug = form.cleaned_data["activity"]
        activity = Activity.objects.filter(slug=slug).first() if slug else None
    contributions = reportable_contributions()
    if activity is not None:
        contributions = contributions.filter(activity=activity)
    facts = [ContributionFacts.of(p, e)
             for p, e in contributions.values_list("perspectives", "equality")]
    other_area = 0
    if area != ENGLAND:
        # People who named another area are left out; people who did not say are kept.
        kept = [f for f in facts if f.equality.get("local_authority") in (None, "", area,
                                                                          "prefer_not_to_say")]
        other_area = len(facts) - len(kept)
        facts = kept
    reference = reference_for(_figures_for(area), None if area == ENGLAND else _codes_for(area),
                              "England" if area == ENGLAND else area)
    rep = build_representation(facts, reference)
    hidden = perspective_hidden(rep)
    found = alerts(rep, hidden=hidden)
    record(request.user, "representation.viewed", object_type="report",
           object_id="representation", area=area, activity=activity.slug if activity else "")
    panel = [reference.values[k] for k in PANEL_KEYS if k in reference.values]
    return render(request, "reports/representation.html", {
        "form": form, "area": area, "activity": activity, "rep": rep,
        "page": page_tables(rep, hidden), "alerts": found, "suggestions": suggestions(rep, found),
        "panel": panel, "ethnicity_source": reference.ethnicity_source,
        "has_reference": bool(panel), "other_area": other_area,
    })


def _codes_for(area: str) -> list[str]:
    return list(ReferenceFigure.objects.filter(
        geography_level="local_authority", geography_name=area,
    ).values_list("geography_code", flat=True).distinct())


def _figures_for(area: str) -> list[dfe.ReferenceFigure]:
    if area == ENGLAND:
        rows = ReferenceFigure.objects.filter(geography_code=dfe.ENGLAND_CODE,
                                              geography_level="national")
    else:
        rows = ReferenceFigure.objects.filter(geography_code__in=_codes_for(area))
    return [row.to_parsed() for row in rows]

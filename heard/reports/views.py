"""Representation against the population served. Thin: gathering is in `queries`, counting in
`representation`."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from heard.activities.models import Activity
from heard.audit.log import record
from heard.core.permissions import staff_with
from heard.people.local_authorities import LOCAL_AUTHORITIES

from .presentation import page_tables
from .queries import ENGLAND, representation_for
from .representation import PANEL_KEYS


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
    heard = representation_for(area, activity)
    record(request.user, "representation.viewed", object_type="report",
           object_id="representation", area=area, activity=activity.slug if activity else "")
    reference = heard.rep.reference
    panel = [reference.values[k] for k in PANEL_KEYS if k in reference.values]
    return render(request, "reports/representation.html", {
        "form": form, "area": area, "activity": activity, "rep": heard.rep,
        "page": page_tables(heard.rep, heard.hidden), "alerts": heard.alerts,
        "suggestions": heard.suggestions, "panel": panel,
        "ethnicity_source": reference.ethnicity_source, "has_reference": bool(panel),
        "other_area": heard.other_area,
    })

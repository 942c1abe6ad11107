"""Staff pages about contributions: export for analysis, and erasure."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from heard.audit.log import record
from heard.engagement.models import Activity

from .access import get_contribution_for
from .actions import ContributionError, do_erase_contribution

EXPORT_COLUMNS = ("id", "activity", "kind", "status", "submitted_at", "perspectives",
                  "consent_quote", "consent_publish", "title", "text")


@login_required
@permission_required("contributions.export_contributions", raise_exception=True)
def export_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """Contributions consented for analysis. Withdrawn ones are never in it."""
    activity = get_object_or_404(Activity, slug=slug)
    rows = activity.contributions.for_analysis().order_by("id")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}-contributions.csv"'
    writer = csv.writer(response)
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    for c in rows.iterator():
        writer.writerow([c.pk, slug, c.kind, c.status, c.submitted_at.isoformat() if c.submitted_at
                         else "", ";".join(c.perspectives), c.consent_quote, c.consent_publish,
                         _safe_cell(c.title), _safe_cell(c.text)])
        count += 1
    record(request.user, "contributions.exported", activity, rows=count)
    return response


def _safe_cell(value: str) -> str:
    # A cell starting with = + - @ runs as a formula in spreadsheets; a leading quote defuses it.
    return f"'{value}" if value[:1] in {"=", "+", "-", "@", "\t", "\r"} else value


@login_required
@require_http_methods(["GET", "POST"])
def erase(request: HttpRequest, contribution_id: int) -> HttpResponse:
    contribution = get_contribution_for(
        request.user, contribution_id, "contributions.erase_contribution"
    )
    if request.method == "POST":
        try:
            do_erase_contribution(contribution, request.user, request.POST.get("reason", ""))
        except ContributionError as error:
            messages.error(request, str(error))
            return redirect("staff:erase", contribution_id=contribution.pk)
        messages.success(request, f"Contribution {contribution.pk} has been erased.")
        return redirect("staff:dashboard")
    return render(request, "staff/erase.html", {"contribution": contribution})

"""Staff pages about contributions: export for analysis, and erasure."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST, require_safe

from heard.activities.models import Activity
from heard.audit.log import record
from heard.core import csv_safe
from heard.core.permissions import staff_with
from heard.core.verbs import by_verb

from .access import checked_words, for_analysis_in, get_contribution_for, wants_raw_words
from .actions import ContributionError, do_erase_contribution
from .forms import EraseForm
from .models import Contribution

EXPORT_COLUMNS = ("id", "activity", "kind", "status", "submitted_at", "perspectives",
                  "consent_quote", "consent_publish", "channel", "helper_role", "capture_mode",
                  "words_checked", "text")
RAW_COLUMNS = (*EXPORT_COLUMNS[:-2], "title", "text_as_written")


@staff_with("contributions.export_contributions")
@require_safe
def export_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """Contributions consented for analysis, in the words a moderator checked and redacted.
    The words as written only with `?words=raw` and the permission for it; both are audited."""
    activity = get_object_or_404(Activity, slug=slug)
    raw = wants_raw_words(request)
    rows = for_analysis_in(activity).order_by("id")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"{slug}-contributions{'-as-written' if raw else ''}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv_safe.writer(response)
    writer.writerow(RAW_COLUMNS if raw else EXPORT_COLUMNS)
    count = 0
    for c in rows.iterator():
        facts = [c.pk, slug, c.kind, c.status, c.submitted_at.isoformat() if c.submitted_at
                 else "", ";".join(c.perspectives), c.consent_quote, c.consent_publish,
                 c.channel, c.helper_role, c.capture_mode]
        writer.writerow([*facts, c.title, c.text] if raw else [*facts, *checked_words(c)])
        count += 1
    record(request.user, "contributions.exported", activity, rows=count,
           as_written=raw)
    return response


def _erasable(request: HttpRequest, contribution_id: int) -> Contribution:
    return get_contribution_for(request.user, contribution_id,
                                "contributions.erase_contribution")


@login_required
@require_GET
def show_erase(request: HttpRequest, contribution_id: int) -> HttpResponse:
    return render(request, "staff/erase.html",
                  {"contribution": _erasable(request, contribution_id)})


@login_required
@require_POST
def erase_contribution(request: HttpRequest, contribution_id: int) -> HttpResponse:
    contribution = _erasable(request, contribution_id)
    try:
        do_erase_contribution(contribution, request.user, EraseForm(request.POST).value("reason"))
    except ContributionError as error:
        messages.error(request, str(error))
        return redirect("staff:erase", contribution_id=contribution.pk)
    messages.success(request, f"Contribution {contribution.pk} has been erased.")
    return redirect("staff:dashboard")


erase = by_verb(get=show_erase, post=erase_contribution)

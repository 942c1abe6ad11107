from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from heard.contributions.access import get_contribution_for
from heard.contributions.actions import ContributionError
from heard.contributions.models import Contribution
from heard.engagement.models import Activity
from heard.people.vocab import PERSPECTIVE_LABELS

from .actions import do_hold, do_publish, do_reject
from .forms import DecisionForm, QueueFilterForm
from .models import SafeguardingFlag

STATUS_FILTERS = {
    "waiting": (Contribution.Status.SUBMITTED, Contribution.Status.IN_MODERATION),
    "held": (Contribution.Status.HELD,),
    "published": (Contribution.Status.PUBLISHED,),
    "rejected": (Contribution.Status.REJECTED,),
}


@login_required
@permission_required("contributions.moderate_contribution", raise_exception=True)
def queue(request: HttpRequest) -> HttpResponse:
    form = QueueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    status_key = filters.get("status") or "waiting"
    rows = _queue_rows(status_key, filters)
    return render(request, "staff/moderation_queue.html", {
        "form": form, "rows": rows[:200], "total": rows.count(), "status_key": status_key,
        "activities": Activity.objects.all(), "filters": filters,
    })


def _queue_rows(status_key: str, filters: dict) -> QuerySet[Contribution]:
    """Oldest first, so nobody's words wait longest by accident."""
    rows: QuerySet[Contribution] = Contribution.objects.filter(
        status__in=STATUS_FILTERS[status_key])
    if filters.get("activity"):
        rows = rows.filter(activity__slug=filters["activity"])
    if filters.get("kind"):
        rows = rows.filter(kind=filters["kind"])
    rows = _filter_safety(rows, filters.get("safety", ""))
    if filters.get("waiting"):
        cutoff = timezone.now() - timedelta(days=int(filters["waiting"]))
        rows = rows.filter(submitted_at__lt=cutoff)
    if filters.get("age_band"):
        rows = rows.filter(equality__age_band=filters["age_band"])
    return rows.select_related("activity").order_by("submitted_at", "id")


def _filter_safety(rows: QuerySet[Contribution], safety: str) -> QuerySet[Contribution]:
    if safety == "flagged":
        return rows.filter(
            safeguarding_flags__status__in=SafeguardingFlag.OPEN_STATUSES).distinct()
    if safety:
        return rows.filter(safety_level=safety)
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def decide(request: HttpRequest, contribution_id: int) -> HttpResponse:
    contribution = get_contribution_for(
        request.user, contribution_id, "contributions.moderate_contribution"
    )
    initial = {"public_text": contribution.public_text or contribution.text}
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            _apply(contribution, request, form.cleaned_data)
        except ContributionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Decision saved for contribution {contribution.pk}.")
            return redirect("staff:moderation")
    return render(request, "staff/moderation_decide.html", {
        "contribution": contribution, "form": form, "perspective_labels": PERSPECTIVE_LABELS,
        "decisions": contribution.moderation_decisions.select_related("decided_by")[:20],
    })


def _apply(contribution: Contribution, request: HttpRequest, data: dict) -> None:
    user = request.user
    assert isinstance(user, User)  # login_required let only signed-in staff this far
    if data["decision"] == "publish":
        do_publish(contribution, user, data["public_text"], data.get("reason", ""))
    elif data["decision"] == "hold":
        do_hold(contribution, user, data["reason"])
    else:
        do_reject(contribution, user, data["reason"])

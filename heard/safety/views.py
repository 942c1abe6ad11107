from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.models import User
from django.db import transaction
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

from .actions import do_hold, do_publish, do_reject, do_review_redactions
from .forms import DecisionForm, QueueFilterForm
from .models import SafeguardingFlag
from .redaction import Span, placeholder_for, type_label
from .redaction_review import span_to_dict, spans_from_review, suggestions_for
from .safeguarding_views import highlight

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
    rows: QuerySet[Contribution] = Contribution.objects.sent().filter(
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
    suggestions = suggestions_for(contribution)
    kept = _kept_indexes(contribution, suggestions)
    form = DecisionForm(request.POST or None, suggestion_count=len(suggestions),
                        initial={"accept": [str(i) for i in kept]})
    if request.method == "POST" and form.is_valid():
        try:
            _apply(contribution, request, form, suggestions)
        except ContributionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Decision saved for contribution {contribution.pk}.")
            return redirect("staff:moderation")
    return render(request, "staff/moderation_decide.html", {
        "contribution": contribution, "form": form, "perspective_labels": PERSPECTIVE_LABELS,
        "decisions": contribution.moderation_decisions.select_related("decided_by")[:20],
        "suggestions": _suggestion_rows(contribution.text, suggestions, form),
        "marked": highlight(contribution.text, [span_to_dict(s) for s in suggestions]),
        "flag_open": contribution.has_open_safeguarding_flag(),
    })


def _kept_indexes(contribution: Contribution, suggestions: list[Span]) -> set[int]:
    """Every suggestion starts ticked; after a review, only the ones the moderator kept."""
    if contribution.redaction_reviewed_at is None:
        return set(range(len(suggestions)))
    kept = {(r["start"], r["end"]) for r in contribution.redactions}
    return {i for i, s in enumerate(suggestions) if (s.start, s.end) in kept}


def _suggestion_rows(text: str, suggestions: list[Span], form: DecisionForm) -> list[dict]:
    ticked = set(form["accept"].value() or [])
    return [{"index": str(i), "number": i + 1, "words": text[s.start:s.end],
             "type": type_label(s.entity_type), "placeholder": placeholder_for(s.entity_type,
                                                                   text[s.start:s.end]),
             "score": s.score, "checked": str(i) in ticked}
            for i, s in enumerate(suggestions)]


@transaction.atomic
def _apply(contribution: Contribution, request: HttpRequest, form: DecisionForm,
           suggestions: list[Span]) -> None:
    user = request.user
    assert isinstance(user, User)  # login_required let only signed-in staff this far
    data = form.cleaned_data
    spans = spans_from_review(contribution.text, suggestions, form.accepted_indexes(),
                              data.get("extra_phrases", ""), data.get("extra_type") or "PERSON")
    do_review_redactions(contribution, user, spans)
    if data["decision"] == "publish":
        do_publish(contribution, user, data.get("reason", ""))
    elif data["decision"] == "hold":
        do_hold(contribution, user, data["reason"])
    else:
        do_reject(contribution, user, data["reason"])

"""The staff dashboard: the first page every staff member sees. It sits at the top layer
(beside urls.py) because it gathers figures from several apps; no app imports it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from heard.accountability.metrics import loop_metrics
from heard.contributions.access import live_contributions
from heard.contributions.models import Contribution
from heard.contributions.presentation import perspective_counts
from heard.core.suppression import shown
from heard.people.roles import roles_of
from heard.safety.access import open_flag_count
from heard.safety.moderation_queue import STATUS_FILTERS


@login_required
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    roles = roles_of(request.user)
    if not roles:
        raise PermissionDenied
    live = live_contributions()
    by_status = {row["status"]: row["n"] for row in live.values("status").annotate(n=Count("id"))}
    can_see_stats = request.user.has_perm("contributions.view_contribution_stats")
    context = {
        "roles": roles,
        # What the moderation queue calls waiting, counted the same way.
        "waiting": sum(by_status.get(status, 0) for status in STATUS_FILTERS["waiting"]),
        "published": shown(by_status.get(Contribution.Status.PUBLISHED, 0)),
        "held": by_status.get(Contribution.Status.HELD, 0),
        "total": shown(live.count()),
        "counts": perspective_counts(live) if can_see_stats else [],
        "can_see_stats": can_see_stats,
        "overdue_actions": (loop_metrics().overdue_actions
                            if request.user.has_perm("engagement.respond_to_activity") else []),
        "open_flags": open_flag_count(),
    }
    return render(request, "staff/dashboard.html", context)

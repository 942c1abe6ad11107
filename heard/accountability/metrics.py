"""How well the service is closing the loop: figures for the dashboard and the public page."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Min

from heard.contributions.models import Contribution

from .models import Action, Response


@dataclass(frozen=True)
class LoopMetrics:
    subjects: int
    answered: int
    median_days_to_first_response: float | None
    overdue_actions: list[Action]
    responses: int = 0

    @property
    def share_answered(self) -> float | None:
        return self.answered / self.subjects if self.subjects else None


def loop_metrics(today: date | None = None) -> LoopMetrics:
    """Subjects are activities with contributions and the themes of the latest analyses. An
    activity counts as answered by any response about it (the whole activity, one of its ideas
    or a theme from it), so the figures never say "no responses" beside a response. The wait is
    from the first words about a subject to its first response."""
    first_seen = _activities_first_seen() | _themes_first_seen()
    first_answer = _first_responses()
    delays = [max(0.0, (first_answer[s] - first_seen[s]).total_seconds() / 86400)
              for s in first_seen if s in first_answer]
    overdue = [a for a in Action.objects.select_related("response__activity")
               if a.is_overdue(today)]
    return LoopMetrics(
        subjects=len(first_seen),
        answered=len(set(first_seen) & set(first_answer)),
        median_days_to_first_response=statistics.median(delays) if delays else None,
        overdue_actions=overdue,
        responses=Response.objects.filter(published_at__isnull=False).count(),
    )


def _activities_first_seen() -> dict[str, datetime]:
    rows = (Contribution.objects.live().exclude(submitted_at=None).values("activity_id")
            .annotate(first=Min("submitted_at")).values_list("activity_id", "first"))
    return {f"activity:{activity_id}": first for activity_id, first in rows}


def _themes_first_seen() -> dict[str, datetime]:
    from heard.insight.models import Assignment
    from heard.insight.themes_for import latest_run_ids

    rows = (Assignment.objects.filter(run_id__in=latest_run_ids())
            .exclude(contribution__status__in=Contribution.GONE_STATUSES)
            .exclude(contribution__submitted_at=None)
            .values("theme__key").annotate(first=Min("contribution__submitted_at"))
            .values_list("theme__key", "first"))
    return {f"theme:{key}": first for key, first in rows}


def _first_responses() -> dict[str, datetime]:
    published = Response.objects.filter(published_at__isnull=False)
    first: dict[str, datetime] = {}
    for activity_id, theme_key, at in published.values_list("activity_id", "theme_key",
                                                            "published_at"):
        if at is None:
            continue
        for subject in (f"activity:{activity_id}", f"theme:{theme_key}" if theme_key else ""):
            if subject and (subject not in first or at < first[subject]):
                first[subject] = at
    return first

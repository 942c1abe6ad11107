"""How well the service is closing the loop: figures for the dashboard and the public page."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date

from django.db.models import Min

from heard.contributions.models import Contribution

from .models import Action, Response


@dataclass(frozen=True)
class LoopMetrics:
    subjects: int
    answered: int
    median_days_to_first_response: float | None
    overdue_actions: list[Action]

    @property
    def share_answered(self) -> float | None:
        return self.answered / self.subjects if self.subjects else None


def loop_metrics(today: date | None = None) -> LoopMetrics:
    """Subjects are activities with contributions, plus every theme key that has a response or
    exists in a finished run."""
    from heard.insight.models import Theme
    from heard.insight.themes_for import latest_run_ids

    first_seen = dict(Contribution.objects.live().exclude(submitted_at=None)
                      .values("activity_id").annotate(first=Min("submitted_at"))
                      .values_list("activity_id", "first"))
    responses = Response.objects.filter(published_at__isnull=False)
    first_response = dict(responses.filter(subject=Response.Subject.ACTIVITY)
                          .values("activity_id").annotate(first=Min("published_at"))
                          .values_list("activity_id", "first"))
    theme_keys = set(Theme.objects.filter(run_id__in=latest_run_ids())
                     .values_list("key", flat=True))
    answered_themes = set(responses.filter(theme_key__in=theme_keys)
                          .values_list("theme_key", flat=True))
    delays = [(first_response[a] - first_seen[a]).total_seconds() / 86400
              for a in first_seen if a in first_response]
    overdue = [a for a in Action.objects.select_related("response__activity")
               if a.is_overdue(today)]
    return LoopMetrics(
        subjects=len(first_seen) + len(theme_keys),
        answered=len(set(first_seen) & set(first_response)) + len(answered_themes),
        median_days_to_first_response=statistics.median(delays) if delays else None,
        overdue_actions=overdue,
    )

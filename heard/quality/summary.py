"""What the staff pages show for each activity, gathered in few queries. Every count a person
could stand behind goes through small-number suppression."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from heard.accountability.models import Response
from heard.activities.models import Activity
from heard.reports.suppression import ShownCount, shown, suppress_table

from .frameworks import (
    INFLUENCE_SCORES,
    LUNDY_ITEM_COUNT,
    RUNGS,
    Rung,
    influence_mean,
    tokenism_reasons,
)
from .models import ArnsteinRating, InfluenceAnswer, LundyAnswer


def tokenism_days() -> int:
    return int(getattr(settings, "HEARD_TOKENISM_DAYS", 60))


@dataclass
class QualitySummary:
    activity: Activity
    lundy_yes: int = 0
    lundy_partly: int = 0
    lundy_no: int = 0
    rung: Rung | None = None
    influence_counts: dict[int, int] = field(default_factory=dict)
    has_published_response: bool = False
    warnings: list[str] = field(default_factory=list)

    @property
    def lundy_met(self) -> int:
        return self.lundy_yes + self.lundy_partly

    @property
    def lundy_answered(self) -> int:
        return self.lundy_met + self.lundy_no

    @property
    def lundy_total(self) -> int:
        return LUNDY_ITEM_COUNT

    @property
    def influence_total(self) -> ShownCount:
        return shown(sum(self.influence_counts.values()))

    @property
    def influence_mean(self) -> str:
        mean = influence_mean(self.influence_counts)
        # One decimal place: enough to act on, and it keeps hidden cells from being worked out.
        return "" if mean is None else f"{mean:.1f}"

    @property
    def distribution(self) -> list[tuple[int, str, ShownCount]]:
        counts = [self.influence_counts.get(score, 0) for score, _ in INFLUENCE_SCORES]
        cells = suppress_table([counts])[0]
        return [(score, label, cell)
                for (score, label), cell in zip(INFLUENCE_SCORES, cells, strict=True)]


def summaries(activities: list[Activity], now: datetime | None = None) -> list[QualitySummary]:
    now = now or timezone.now()
    ids = [a.pk for a in activities]
    lundy: dict[int, Counter[str]] = defaultdict(Counter)
    for activity_id, answer, n in (LundyAnswer.objects.filter(activity_id__in=ids)
                                   .values_list("activity_id", "answer")
                                   .annotate(n=Count("id")).order_by()):
        lundy[activity_id][answer] = n
    rungs = dict(ArnsteinRating.objects.filter(activity_id__in=ids)
                 .values_list("activity_id", "rung"))
    influence: dict[int, dict[int, int]] = defaultdict(dict)
    for activity_id, score, n in (InfluenceAnswer.objects.filter(activity_id__in=ids)
                                  .values_list("activity_id", "score")
                                  .annotate(n=Count("id")).order_by()):
        influence[activity_id][score] = n
    # Any published response counts: to the activity as a whole, to one of its ideas or themes.
    answered = set(Response.objects.filter(activity_id__in=ids, published_at__isnull=False,
                                           published_at__lte=now)
                   .values_list("activity_id", flat=True))
    days = tokenism_days()
    found = []
    for activity in activities:
        counts = lundy[activity.pk]
        summary = QualitySummary(
            activity=activity, lundy_yes=counts["yes"], lundy_partly=counts["partly"],
            lundy_no=counts["no"], rung=RUNGS.get(rungs.get(activity.pk, "")),
            influence_counts=influence[activity.pk],
            has_published_response=activity.pk in answered,
        )
        summary.warnings = tokenism_reasons(
            now=now, closes_at=activity.closes_at,
            has_published_response=summary.has_published_response,
            influence_counts=summary.influence_counts, days=days)
        found.append(summary)
    return found


def summary_for(activity: Activity) -> QualitySummary:
    return summaries([activity])[0]

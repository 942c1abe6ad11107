"""Which themes a contribution fed, and who fed a theme: always from the latest finished run
of the theme's scope, and only live contributions."""

from __future__ import annotations

from django.db.models import QuerySet

from heard.contributions.models import Contribution

from .models import AnalysisRun, Assignment


def latest_run(scope: str) -> AnalysisRun | None:
    runs = AnalysisRun.objects.filter(status=AnalysisRun.Status.DONE)
    runs = runs.filter(activity__isnull=True) if scope == "all" else \
        runs.filter(activity__slug=scope)
    return runs.order_by("-finished_at", "-id").first()


def latest_run_ids() -> list[int]:
    seen: dict[str, int] = {}
    for run in AnalysisRun.objects.filter(status=AnalysisRun.Status.DONE).select_related(
            "activity").order_by("-finished_at", "-id"):
        seen.setdefault(run.scope, run.pk)
    return list(seen.values())


def theme_keys_of(contribution: Contribution) -> list[str]:
    return list(Assignment.objects.filter(contribution=contribution,
                                          run_id__in=latest_run_ids())
                .values_list("theme__key", flat=True))


def contributions_in_theme(theme_key: str) -> QuerySet[Contribution]:
    scope = theme_key.rsplit(":", 1)[0]
    run = latest_run(scope)
    if run is None:
        return Contribution.objects.none()
    return Contribution.objects.live().filter(theme_assignments__run=run,
                                              theme_assignments__theme__key=theme_key)

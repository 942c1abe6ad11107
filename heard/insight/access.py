"""How analyst views reach runs and themes. A theme's label and quotes can carry a person's
words, so views go through here rather than the models (tests/core: access helpers). Each
helper checks the analysis permission itself, as the views' decorators do."""

from __future__ import annotations

from typing import TypeVar

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.http import Http404

from heard.core.permissions import require_permission

from .models import AnalysisRun, Theme

Found = TypeVar("Found", AnalysisRun, Theme)


def themes_of(run: AnalysisRun) -> QuerySet[Theme]:
    """A run's themes; the analyst views check the analysis permission first."""
    return run.themes.all()


ANALYSE = "insight.run_analysis"


def campaign_count(run: AnalysisRun) -> int:
    """How many near-identical campaigns the run found; the analyst views check the analysis
    permission first."""
    return run.campaigns.count()


def recent_runs_for(user: User | AnonymousUser, limit: int = 50) -> QuerySet[AnalysisRun]:
    """The analysts' list of runs, newest first as the model orders them."""
    require_permission(user, ANALYSE)
    return AnalysisRun.objects.select_related("activity")[:limit]


def active_run_for(user: User | AnonymousUser) -> AnalysisRun | None:
    """The run queued or under way, if any: the runs page shows its progress."""
    require_permission(user, ANALYSE)
    return AnalysisRun.objects.filter(status__in=("queued", "running")).first()


def get_run_for(user: User | AnonymousUser, run_id: int) -> AnalysisRun:
    """One run with its activity."""
    require_permission(user, ANALYSE)
    return _found(AnalysisRun.objects.select_related("activity"), run_id, "run")


def get_theme_for(user: User | AnonymousUser, theme_id: int) -> Theme:
    """One theme with its run and activity; its label and quotes can carry a person's words."""
    require_permission(user, ANALYSE)
    return _found(Theme.objects.select_related("run__activity"), theme_id, "theme")


def _found(rows: QuerySet[Found], pk: int, what: str) -> Found:
    found = rows.filter(pk=pk).first()
    if found is None:
        raise Http404(f"No such {what}")
    return found


def theme_still_exists(theme: Theme) -> bool:
    """Whether an edit left the theme in place (a merge removes the theme merged away)."""
    return Theme.objects.filter(pk=theme.pk).exists()

"""How analyst views reach a run's themes. A theme's label and quotes can carry a person's
words, so views go through here rather than the model (tests/core: access helpers)."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import AnalysisRun, Theme


def themes_of(run: AnalysisRun) -> QuerySet[Theme]:
    """A run's themes; the analyst views check the analysis permission first."""
    return run.themes.all()

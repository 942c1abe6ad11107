"""Running an analysis in the background and storing what it found."""

from __future__ import annotations

import threading
import time
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from heard.analysis.themes import (
    ClusterConfig,
    Embedder,
    ModelState,
    ThemesError,
    get_embedder,
    run_themes,
)
from heard.analysis.themes.pipeline import Theme as FoundTheme
from heard.analysis.themes.pipeline import ThemeRun
from heard.audit.log import record
from heard.core.model_parts import longest

from .campaigns import store_campaigns
from .inputs import RunInputs, gather
from .lens import lens_to_json
from .models import AnalysisRun, Assignment, ContributionPin, Theme, ThemeEdit
from .themes_for import latest_run

# What a run says about itself and the names it finds are made by the code, not typed: they are
# cut to their columns, never refused (a run must not fail for a long error message).
MESSAGE_LENGTH = longest(AnalysisRun, "message")
LABEL_LENGTH = longest(Theme, "label")

MIN_CONTRIBUTIONS = 10
_EMBEDDERS: dict[str, Embedder] = {}
_EMBEDDERS_LOCK = threading.Lock()


def run_analysis(run_id: int) -> None:
    run = AnalysisRun.objects.select_related("activity").filter(pk=run_id).first()
    if run is None or run.status not in (AnalysisRun.Status.QUEUED, AnalysisRun.Status.RUNNING):
        return
    _set(run, status=AnalysisRun.Status.RUNNING, progress=1, message="Gathering contributions")
    inputs = gather(run.activity)
    if len(inputs.ids) < MIN_CONTRIBUTIONS:
        _fail(run, f"There are {len(inputs.ids)} contributions to analyse; at least "
                   f"{MIN_CONTRIBUTIONS} are needed to find themes.")
        return
    previous = latest_run(run.scope)
    try:
        found = run_themes(
            inputs.texts, loaded_embedder(run.embedder), quotable=inputs.quotable,
            perspectives=inputs.perspectives,
            config=ClusterConfig(k=run.requested_k, seed=run.seed),
            previous=ModelState.from_dict(previous.state) if previous and previous.state
            else None,
            edits=_edits(run.scope), progress=_progress_reporter(run),
            previous_members=_previous_members(previous, inputs.ids),
        )
    except (ThemesError, ValueError) as error:
        _fail(run, str(error))
        return
    _store(run, inputs, found)


@transaction.atomic
def _fail(run: AnalysisRun, message: str) -> None:
    _set(run, status=AnalysisRun.Status.FAILED, progress=100, message=message)
    # Recorded as a finished run is, so the log shows how every run ended (the message, on
    # the run, says why).
    record(run.created_by, "analysis.failed", run)


def loaded_embedder(name: str) -> Embedder:
    """Each worker process loads a model once and keeps it: loading the static model from disk
    took 2 to 4 seconds of every 6 to 8 second demo run (measured with cProfile)."""
    with _EMBEDDERS_LOCK:
        if name not in _EMBEDDERS:
            _EMBEDDERS[name] = get_embedder(name)
        return _EMBEDDERS[name]


def _previous_members(previous: AnalysisRun | None, ids: list[int]) -> list[str | None] | None:
    """Each contribution's theme id in the previous run (after the analyst's merges and moves),
    None for contributions that are new since: matching follows the contributions."""
    if previous is None or not previous.state:
        return None
    prefix = f"{previous.scope}:"
    theme_of = {contribution: key.removeprefix(prefix) for contribution, key in
                Assignment.objects.filter(run=previous).values_list("contribution_id",
                                                                     "theme__key")}
    return [theme_of.get(contribution_id) for contribution_id in ids]


def _edits(scope: str) -> dict[str, dict[str, Any]]:
    prefix = f"{scope}:"
    return {edit.key.removeprefix(prefix): {"label": edit.label or None, "locked": edit.locked}
            for edit in ThemeEdit.objects.filter(scope=scope) if edit.label or edit.locked}


def _progress_reporter(run: AnalysisRun) -> Any:
    last = [0.0]

    def report(fraction: float, message: str) -> None:
        # Writing progress costs a query; a few updates a second are plenty for a person.
        if time.monotonic() - last[0] > 0.5 or fraction >= 1.0:
            last[0] = time.monotonic()
            _set(run, progress=max(1, min(99, int(fraction * 100))), message=message)

    return report


def _set(run: AnalysisRun, **fields: Any) -> None:
    if "message" in fields:
        fields["message"] = fields["message"][:MESSAGE_LENGTH]
    for name, value in fields.items():
        setattr(run, name, value)
    AnalysisRun.objects.filter(pk=run.pk).update(**fields)


@transaction.atomic
def _store(run: AnalysisRun, inputs: RunInputs, found: ThemeRun) -> None:
    themes = {t.id: _theme_row(run, t, inputs) for t in found.themes}
    Theme.objects.bulk_create(themes.values())
    by_id = {t.key: t for t in Theme.objects.filter(run=run)}
    rows = [
        Assignment(run=run, contribution_id=contribution_id,
                   theme=by_id[_key(run, found.themes[int(found.labels[i])].id)],
                   score=float(found.scores[i]),
                   secondary_key=_key(run, found.themes[int(found.secondary[i])].id)
                   if int(found.secondary[i]) >= 0 else "",
                   secondary_score=float(found.secondary_scores[i]))
        for i, contribution_id in enumerate(inputs.ids)
    ]
    Assignment.objects.bulk_create(rows, batch_size=2000)
    store_campaigns(run, inputs.ids, found)
    apply_lasting_edits(run)
    run.status, run.progress = AnalysisRun.Status.DONE, 100
    run.message = f"Found {len(found.themes)} themes in {len(inputs.ids):,} contributions."
    run.contributions_used, run.finished_at = len(inputs.ids), timezone.now()
    run.state = found.state.to_dict()
    run.save(update_fields=["status", "progress", "message", "contributions_used",
                            "finished_at", "state"])
    record(run.created_by, "analysis.finished", run, themes=len(found.themes),
           contributions=len(inputs.ids))


def _key(run: AnalysisRun, theme_id: str) -> str:
    return f"{run.scope}:{theme_id}"


def _theme_row(run: AnalysisRun, theme: FoundTheme, inputs: RunInputs) -> Theme:
    return Theme(
        run=run, key=_key(run, theme.id), label=theme.label[:LABEL_LENGTH],
        key_words=theme.key_words,
        size=theme.size, quote_ids=[inputs.ids[q.index] for q in theme.quotes],
        description=theme.description, description_quote=theme.description_quote,
        description_from=(inputs.ids[theme.description_quote_index]
                          if theme.description_quote_index is not None else None),
        lens=lens_to_json(theme.lens) if theme.lens is not None else {}, locked=theme.locked,
    )


def apply_lasting_edits(run: AnalysisRun) -> None:
    """Merges and moves an analyst made on earlier runs, applied again to this one."""
    themes = {t.key: t for t in run.themes.all()}
    for edit in ThemeEdit.objects.filter(scope=run.scope).exclude(merged_into=""):
        source, target = themes.get(edit.key), themes.get(edit.merged_into)
        if source is not None and target is not None and source != target:
            run.assignments.filter(theme=source).update(theme=target)
    for pin in ContributionPin.objects.filter(scope=run.scope):
        if pin.key not in themes:
            themes[pin.key] = _recreate(run, pin.key)
        if pin.key in themes:
            run.assignments.filter(contribution_id=pin.contribution_id).update(
                theme=themes[pin.key], moved_by_analyst=True)
    refresh_sizes(run)


def _recreate(run: AnalysisRun, key: str) -> Theme:
    """A theme an analyst made by splitting lives on: bring it back with its last name."""
    earlier = Theme.objects.filter(key=key).exclude(run=run).order_by("-run_id").first()
    edit = ThemeEdit.objects.filter(scope=run.scope, key=key).first()
    label = (edit.label if edit and edit.label else earlier.label if earlier else key)
    return Theme.objects.create(run=run, key=key, label=label[:LABEL_LENGTH],
                                key_words=earlier.key_words if earlier else [])


def refresh_sizes(run: AnalysisRun) -> None:
    for theme in run.themes.all():
        size = theme.assignments.count()
        if size == 0:
            theme.delete()
        elif size != theme.size:
            Theme.objects.filter(pk=theme.pk).update(size=size)


def embedder_choices() -> list[str]:
    return list(getattr(settings, "HEARD_EMBEDDERS", ["static", "transformer"]))

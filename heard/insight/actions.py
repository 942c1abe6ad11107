"""Analysts' actions: start a run, and correct the machine. Edits are kept per theme key, so
they survive the next run."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from heard.activities.models import Activity
from heard.analysis.themes import ClusterConfig, ThemesError, run_themes
from heard.analysis.themes.stability import ModelState, merge_centroids
from heard.audit.log import record
from heard.core.limits import MAX_QUOTES
from heard.core.model_parts import longest
from heard.tasks.queue import enqueue

from .inputs import analysis_text
from .models import AnalysisRun, Assignment, ContributionPin, Theme, ThemeEdit
from .runs import embedder_choices, loaded_embedder, refresh_sizes


class InsightError(ValueError):
    """A request that cannot be carried out; safe to show to analysts."""


@transaction.atomic
def do_start_analysis(activity: Activity | None, embedder: str, k: int | None,
                      analyst: User) -> AnalysisRun:
    if embedder not in embedder_choices():
        raise InsightError("Choose a way of reading the texts from the list.")
    if k is not None and not 2 <= k <= 200:
        raise InsightError("The number of themes must be between 2 and 200, or left empty.")
    run = AnalysisRun.objects.create(activity=activity, embedder=embedder, requested_k=k,
                                     created_by=analyst)
    record(analyst, "analysis.started", run, embedder=embedder, k=k,
           scope=activity.slug if activity else "all")
    enqueue("insight.run", run_id=run.pk)
    return run


def _edit(theme: Theme, analyst: User) -> ThemeEdit:
    edit, _ = ThemeEdit.objects.get_or_create(scope=theme.run.scope, key=theme.key,
                                              defaults={"updated_by": analyst})
    edit.updated_by = analyst
    return edit


@transaction.atomic
def do_rename_theme(theme: Theme, label: str, analyst: User) -> Theme:
    label = " ".join(label.split())
    if not label:
        raise InsightError("Give the theme a name.")
    limit = longest(Theme, "label")
    if len(label) > limit:
        raise InsightError(f"Keep the name to {limit} characters or fewer.")
    edit = _edit(theme, analyst)
    edit.label = label
    edit.save()
    Theme.objects.filter(pk=theme.pk).update(label=label)
    record(analyst, "theme.renamed", theme, key=theme.key)
    theme.label = label
    return theme


@transaction.atomic
def do_lock_theme(theme: Theme, locked: bool, analyst: User) -> Theme:
    edit = _edit(theme, analyst)
    edit.locked = locked
    edit.save()
    Theme.objects.filter(pk=theme.pk).update(locked=locked)
    record(analyst, "theme.locked" if locked else "theme.unlocked", theme, key=theme.key)
    theme.locked = locked
    return theme


@transaction.atomic
def do_merge_themes(source: Theme, target: Theme, analyst: User) -> Theme:
    if source.run_id != target.run_id or source.pk == target.pk:
        raise InsightError("Choose a different theme from the same analysis to merge into.")
    if source.locked:
        raise InsightError("This theme is locked. Unlock it before merging it away.")
    edit = _edit(source, analyst)
    edit.merged_into = target.key
    edit.save()
    _merge_in_saved_state(source, target)
    Assignment.objects.filter(theme=source).update(theme=target)
    target.quote_ids = list(dict.fromkeys([*target.quote_ids, *source.quote_ids]))[:MAX_QUOTES]
    target.save(update_fields=["quote_ids"])
    record(analyst, "theme.merged", target, source=source.key, target=target.key)
    refresh_sizes(target.run)
    return target


def _merge_in_saved_state(source: Theme, target: Theme) -> None:
    """The next run starts from the run's saved state; it must see the merged theme."""
    run = target.run
    if not run.state:
        return
    state = ModelState.from_dict(run.state)
    merged = merge_centroids(state, source.key.rsplit(":", 1)[-1], target.key.rsplit(":", 1)[-1],
                             source.size, target.size)
    saved = merged.to_dict()
    run.state = {**run.state, "centroids": saved["centroids"], "theme_ids": saved["theme_ids"]}
    run.save(update_fields=["state"])


@transaction.atomic
def do_move_contribution(assignment: Assignment, target: Theme, analyst: User) -> Assignment:
    if assignment.run_id != target.run_id:
        raise InsightError("Choose a theme from the same analysis.")
    ContributionPin.objects.update_or_create(
        scope=target.run.scope, contribution=assignment.contribution,
        defaults={"key": target.key, "updated_by": analyst})
    assignment.theme, assignment.moved_by_analyst = target, True
    assignment.save(update_fields=["theme", "moved_by_analyst"])
    record(analyst, "theme.contribution_moved", target, contribution=assignment.contribution_id)
    refresh_sizes(target.run)
    return assignment


@transaction.atomic
def do_split_theme(theme: Theme, analyst: User) -> Theme:
    """Split a theme in two by clustering its members again; the larger part keeps the key."""
    members = list(theme.assignments.select_related("contribution"))
    if len(members) < 10:
        raise InsightError("A theme needs at least 10 contributions to be split.")
    if theme.locked:
        raise InsightError("This theme is locked. Unlock it before splitting it.")
    texts = [analysis_text(a.contribution) for a in members]
    try:
        found = run_themes(texts, loaded_embedder(theme.run.embedder),
                           config=ClusterConfig(k=2, min_size=2, min_themes=2))
    except (ThemesError, ValueError) as error:
        raise InsightError(f"Could not split this theme: {error}") from None
    smaller = min(range(len(found.themes)), key=lambda i: found.themes[i].size)
    part = found.themes[smaller]
    new = Theme.objects.create(
        run=theme.run, key=_next_key(theme),
        label=_unused_label(theme.run, part.label)[:longest(Theme, "label")],
        key_words=part.key_words, size=part.size, description=part.description)
    moved = [m.pk for i, m in enumerate(members) if int(found.labels[i]) == smaller]
    Assignment.objects.filter(pk__in=moved).update(theme=new)
    for contribution_id in Assignment.objects.filter(pk__in=moved).values_list(
            "contribution_id", flat=True):
        ContributionPin.objects.update_or_create(
            scope=theme.run.scope, contribution_id=contribution_id,
            defaults={"key": new.key, "updated_by": analyst})
    refresh_sizes(theme.run)
    record(analyst, "theme.split", theme, new_key=new.key, moved=len(moved))
    return new


def _unused_label(run: AnalysisRun, label: str) -> str:
    """No two themes of a run share a name: a repeat gets the next free number."""
    taken = {name.lower() for name in run.themes.values_list("label", flat=True)}
    candidate, number = label, 2
    while candidate.lower() in taken:
        candidate, number = f"{label} ({number})", number + 1
    return candidate


def _next_key(theme: Theme) -> str:
    scope = theme.run.scope
    taken = set(Theme.objects.filter(key__startswith=f"{scope}:").values_list("key", flat=True))
    n = 1
    while f"{scope}:split-{n}" in taken:
        n += 1
    return f"{scope}:split-{n}"

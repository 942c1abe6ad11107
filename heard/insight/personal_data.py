"""Analysis in the erasure registry: machine-made labels, key words and lenses built from the
words, the saved state a later run starts from, and analysts' codes on the contribution.

The refresh task rebuilds labels from what is left; until it runs, the touched themes hold no
machine-made words at all (not just hidden ones), so nothing of the person waits in the database
for a worker.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

from heard.contributions.models import Contribution
from heard.people.erasure import Section, Store, Subject, declare_not_erased, register_store
from heard.tasks.queue import enqueue

from .campaigns import forget_campaign_member
from .models import (
    AnalysisRun,
    Assignment,
    CodeApplication,
    CodingReview,
    ContributionPin,
    Theme,
    ThemeEdit,
)

PLACEHOLDER_LABEL = "Theme being updated"


def _erase(subject: Subject) -> int:
    touched = list(Theme.objects.filter(assignments__contribution_id__in=subject.contribution_ids)
                   .distinct().select_related("run__activity"))
    for theme in touched:
        _blank_theme(theme)
    _forget_state_labels(touched)
    if touched:
        enqueue("insight.refresh_stale")
    changed = len(touched) + _leave_campaigns(subject)
    for model in (ContributionPin, CodeApplication, CodingReview):
        deleted, _ = model.objects.filter(contribution_id__in=subject.contribution_ids).delete()
        changed += deleted
    return changed


def _leave_campaigns(subject: Subject) -> int:
    """The person's copies leave every campaign, so no count or representative still points
    at them (withdrawal does the same through mark_stale_for; erasure must not rely on it)."""
    copies = list(Contribution.objects.filter(pk__in=subject.contribution_ids,
                                              campaign_memberships__isnull=False).distinct())
    for contribution in copies:
        forget_campaign_member(contribution)
    return len(copies)


def _blank_theme(theme: Theme) -> None:
    named = ThemeEdit.objects.filter(scope=theme.run.scope, key=theme.key).exclude(label="")
    edit = named.first()
    theme.label = edit.label if edit else PLACEHOLDER_LABEL
    theme.key_words, theme.key_phrases, theme.lens, theme.stale = [], [], {}, True
    # The description is built from the theme's phrases and may quote the person: both go, and
    # the refresh writes a new one from what is left.
    theme.description, theme.description_quote, theme.description_from = "", "", None
    theme.save(update_fields=["label", "key_words", "key_phrases", "lens", "stale",
                              "description", "description_quote", "description_from"])


def _forget_state_labels(themes: list[Theme]) -> None:
    """A locked theme without an analyst's name keeps the previous run's machine label; that
    label may be made of the person's words, so it leaves every saved state."""
    by_run: dict[int, set[str]] = {}
    for theme in themes:
        by_run.setdefault(theme.run_id, set()).add(theme.key.rsplit(":", 1)[-1])
    for run in AnalysisRun.objects.filter(pk__in=list(by_run)).exclude(state=None):
        labels = dict((run.state or {}).get("labels", {}))
        kept = {k: v for k, v in labels.items() if k not in by_run[run.pk]}
        if kept != labels:
            run.state = {**(run.state or {}), "labels": kept}
            run.save(update_fields=["state"])


def _describe(subject: Subject) -> list[Section]:
    # Keys are marked, not translated; a theme is named as the analysis or an analyst named it.
    rows = [{gettext_noop("analysis"): a.run_id, gettext_noop("theme"): a.theme.shown_label,
             gettext_noop("what you shared, number"): a.contribution_id}
            for a in Assignment.objects.filter(contribution_id__in=subject.contribution_ids)
            .select_related("theme").order_by("run_id")]
    return [Section(gettext_noop("Themes your words were part of"), rows)]


register_store(Store(
    name="analysis",
    holds=("insight.Theme.label", "insight.Theme.key_words", "insight.Theme.key_phrases",
           "insight.Theme.lens", "insight.Theme.description", "insight.Theme.description_quote",
           "insight.AnalysisRun.state"),
    erase=_erase, describe=_describe))

ANALYST = "written by an analyst"
declare_not_erased({
    "insight.AnalysisRun.embedder": "the name of a model",
    "insight.AnalysisRun.message": "progress in numbers, no words",
    "insight.Theme.key": "a theme's stable id",
    "insight.Theme.quote_ids": "contribution ids; quotes are read from the redacted text "
    "when shown, so a withdrawal takes them off at once",
    "insight.Assignment.secondary_key": "a theme's stable id",
    "insight.ThemeEdit.scope": "an activity slug", "insight.ThemeEdit.key": "a theme's id",
    "insight.ThemeEdit.label": ANALYST, "insight.ThemeEdit.merged_into": "a theme's id",
    "insight.ContributionPin.scope": "an activity slug",
    "insight.ContributionPin.key": "a theme's id",
    "insight.Code.name": ANALYST, "insight.Code.definition": ANALYST,
    "insight.Code.examples": ANALYST,
})

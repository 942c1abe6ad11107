"""After a withdrawal: the person's words must leave every label and key word list.

The withdrawal marks the themes it touched as stale in its own transaction (pages hide a stale
theme's machine-made words at once); a task then recounts the words from what is left.
"""

from __future__ import annotations

import numpy as np
from django.db import transaction

from heard.analysis.themes import count_terms, perspective_lens, theme_terms
from heard.analysis.themes.names import name_themes
from heard.audit.log import record
from heard.contributions.models import Contribution
from heard.tasks.queue import enqueue

from .campaigns import campaign_copy_ids, forget_campaign_member
from .inputs import analysis_text
from .lens import lens_to_json
from .models import AnalysisRun, Theme, ThemeEdit
from .runs import LABEL_LENGTH


def mark_stale_for(contribution: Contribution) -> None:
    forget_campaign_member(contribution)
    touched = Theme.objects.filter(assignments__contribution=contribution)
    if touched.exists():
        Theme.objects.filter(pk__in=touched.values("pk")).update(stale=True)
        enqueue("insight.refresh_stale")


def refresh_stale() -> None:
    for run_id in set(Theme.objects.filter(stale=True).values_list("run_id", flat=True)):
        _refresh_run(AnalysisRun.objects.get(pk=run_id))


@transaction.atomic
def _refresh_run(run: AnalysisRun) -> None:
    themes = list(run.themes.all())
    index = {theme.pk: i for i, theme in enumerate(themes)}
    members = list(run.assignments.select_related("contribution").exclude(
        contribution__status__in=Contribution.GONE_STATUSES))
    live = [(a.theme_id, analysis_text(a.contribution)) for a in members]
    edited = set(ThemeEdit.objects.filter(scope=run.scope).exclude(label="")
                 .values_list("key", flat=True))
    if live:
        labels = np.array([index[theme_id] for theme_id, _ in live])
        texts = [text for _, text in live]
        counts = count_terms(texts, labels)
        # A campaign's words count once in labels and key words, as in the run itself.
        copies = campaign_copy_ids(run)
        kept = [i for i, a in enumerate(members) if a.contribution_id not in copies]
        kept_texts, kept_labels = [texts[i] for i in kept], labels[kept]
        terms = theme_terms(kept_texts, kept_labels, len(themes),
                            counts=count_terms(kept_texts, kept_labels))
        # No embeddings here: names are ranked on the key words the remaining texts share.
        names = name_themes(kept_texts, kept_labels, len(themes),
                            key_words=[t.key_words for t in terms],
                            key_weights=[t.weights for t in terms])
        # The lens counts people and their distinctive words, so it is rebuilt without them.
        lenses = perspective_lens(labels, len(themes),
                                  [a.contribution.perspectives or [] for a in members], counts)
    stale = [i for i, theme in enumerate(themes) if theme.stale]
    for i in stale:
        theme = themes[i]
        size = sum(1 for theme_id, _ in live if theme_id == theme.pk)
        theme.key_words = terms[i].key_words if live and size else []
        if theme.key not in edited:
            label = names[i].label if live and size else "No contributions left"
            theme.label = label[:LABEL_LENGTH]
        theme.description = names[i].description if live and size else ""
        if theme.description_from is not None and not Contribution.objects.live().filter(
                pk=theme.description_from).exists():
            theme.description_quote, theme.description_from = "", None
        theme.quote_ids = [q for q in theme.quote_ids
                           if Contribution.objects.live().filter(pk=q).exists()]
        theme.lens = lens_to_json(lenses[i]) if live and size else {}
        theme.size, theme.stale = size, False
        theme.save(update_fields=["key_words", "label", "quote_ids", "size", "stale", "lens",
                                  "description", "description_quote", "description_from"])
    # A withdrawal reaching the themes built from the words is part of what it did: the log
    # shows when each run's words were taken out (the withdrawal itself is recorded apart).
    record(None, "analysis.refreshed", run, themes=len(stale), contributions=len(members))

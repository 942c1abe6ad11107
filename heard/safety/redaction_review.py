"""The Django side of redaction: suggestions stored per contribution, a moderator's review turned
into spans, and the background task that prepares suggestions before anyone opens the page."""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction

from heard.audit.log import record
from heard.contributions.models import Contribution
from heard.tasks.queue import handler

from .redaction import TYPE_LABELS, Span, detect


def span_to_dict(span: Span) -> dict[str, Any]:
    return {"type": span.entity_type, "start": span.start, "end": span.end,
            "score": round(span.score, 3), "source": span.source}


def span_from_dict(data: dict[str, Any]) -> Span:
    return Span(str(data["type"]), int(data["start"]), int(data["end"]),
                float(data.get("score", 1.0)), str(data.get("source", "moderator")))


def stored_suggestions(contribution: Contribution) -> list[Span]:
    """The suggestions already stored for this contribution (none yet: an empty list). Reads
    only; `do_store_redaction_suggestions` is the one place they are written."""
    return [span_from_dict(d) for d in contribution.redaction_suggestions or []]


def do_store_redaction_suggestions(contribution: Contribution) -> list[Span]:
    """Detect and store the suggestions unless they are there already (the background task
    usually has), with an audit row; the moderator's page calls it by name in case the task has
    not run yet (a getter never writes: it was `suggestions_for`, decision 0037). Stored ones,
    the usual case, are read without a lock or a write, so a page view costs no detection.
    Returns the stored suggestions and keeps the caller's copy of the contribution up to date."""
    if contribution.redaction_suggestions is not None:
        return stored_suggestions(contribution)
    return _detect_and_store(contribution)


@transaction.atomic
def _detect_and_store(contribution: Contribution) -> list[Span]:
    locked = Contribution.objects.select_for_update().get(pk=contribution.pk)
    if not locked.is_gone() and locked.redaction_suggestions is None:
        # Only the text is ever published or quoted; the title stays with the person and staff.
        locked.redaction_suggestions = [span_to_dict(s) for s in detect(locked.text)]
        locked.save(update_fields=["redaction_suggestions"])
        record(None, "redaction.suggested", locked,
               suggestions=len(locked.redaction_suggestions))
    contribution.redaction_suggestions = locked.redaction_suggestions
    return stored_suggestions(locked)


@handler("safety.suggest_redactions")
def suggest_redactions(contribution_id: int) -> None:
    contribution = Contribution.objects.filter(pk=contribution_id).first()
    if contribution is not None:
        do_store_redaction_suggestions(contribution)


def spans_from_review(
    text: str, suggestions: list[Span], accepted: set[int], extra_phrases: str, extra_type: str
) -> list[Span]:
    """Accepted suggestions plus every occurrence of each phrase the moderator typed (one per
    line), merged where they overlap so the redacted text never shows half a name."""
    chosen = [s for i, s in enumerate(suggestions) if i in accepted]
    for phrase in (line.strip() for line in extra_phrases.splitlines()):
        if phrase:
            chosen += [Span(extra_type, m.start(), m.end(), 1.0, "moderator")
                       for m in re.finditer(re.escape(phrase), text, flags=re.IGNORECASE)]
    return merge_overlaps(chosen)


def merge_overlaps(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = Span(last.entity_type, last.start, max(last.end, span.end),
                              max(last.score, span.score), last.source)
        else:
            merged.append(span)
    return merged


# What a moderator can tag by hand, most used first, with the names they read.
REDACTION_TYPES: list[tuple[str, str]] = list(TYPE_LABELS.items())

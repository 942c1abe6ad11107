"""Moderators' notes and safeguarding flags in the erasure registry.

A flag that is still open keeps the words it was raised on: the duty to keep a child safe
outlasts a withdrawal, and the lead cannot act on a flag with no words. Closing it later erases
them (see `do_close_flag`). A closed flag loses its evidence at once.
"""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext_noop

from heard.people.erasure import (
    KEPT_COUNTERS,
    Store,
    Subject,
    declare_not_erased,
    register_store,
)
from heard.people.retention import RetentionKind, register_kind

from .models import ModerationDecision, SafeguardingFlag


def without_phrases(triggers: list[dict]) -> list[dict]:
    """Keep why a flag was raised (the reason and level), never the words that raised it."""
    return [{k: v for k, v in t.items() if k != "phrase"} for t in triggers]


def _erase(subject: Subject) -> int:
    changed = 0
    closed = SafeguardingFlag.objects.filter(contribution_id__in=subject.contribution_ids,
                                             status=SafeguardingFlag.Status.CLOSED)
    for flag in closed.select_for_update():
        if flag.evidence_text or any("phrase" in t for t in flag.triggers):
            flag.evidence_text, flag.triggers = "", without_phrases(flag.triggers)
            flag.save(update_fields=["evidence_text", "triggers"])
            changed += 1
    # A moderator's reason is written to the person and may repeat their words.
    changed += ModerationDecision.objects.filter(
        contribution_id__in=subject.contribution_ids).exclude(reason="").update(reason="")
    return changed


def _still_open(subject: Subject) -> int:
    return SafeguardingFlag.objects.filter(contribution_id__in=subject.contribution_ids,
                                           status__in=SafeguardingFlag.OPEN_STATUSES).count()


register_store(Store(
    name="safeguarding_and_moderation",
    holds=("safety.SafeguardingFlag.evidence_text", "safety.SafeguardingFlag.triggers",
           "safety.ModerationDecision.reason"),
    erase=_erase))
KEPT_COUNTERS["safeguarding"] = _still_open

declare_not_erased({
    "safety.SafeguardingFlag.action_taken": "the safeguarding lead's own record of what they "
    "did, kept under the service's safeguarding duty; retention rules clear it with the flag",
    "safety.SafeguardingFlag.outcome": "the safeguarding lead's own record of the outcome, "
    "kept under the service's safeguarding duty",
})


def _expire_closed_flag_evidence(cutoff: datetime) -> int:
    """Once a flag is closed, the lead's own case record holds what is needed; the copy of the
    child's words kept with the flag goes after this time."""
    old = SafeguardingFlag.objects.filter(status=SafeguardingFlag.Status.CLOSED,
                                          closed_at__lt=cutoff)
    changed = 0
    for flag in old.exclude(evidence_text="", triggers=[]):
        flag.evidence_text, flag.triggers = "", without_phrases(flag.triggers)
        flag.save(update_fields=["evidence_text", "triggers"])
        changed += 1
    return changed


register_kind(RetentionKind(
    key="closed_flag_evidence", label=gettext_noop(
        "The words a safeguarding concern was raised on, kept with the concern"),
    counted_from=gettext_noop("after the safeguarding lead closed it"),
    outcome=gettext_noop("deleted; the record of what was done is kept"), default_days=180,
    apply=_expire_closed_flag_evidence))

"""Every write to participation quality: atomic and audited. Audit rows hold keys and choices,
never evidence (it may quote participants) and never a participant's score."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from heard.activities.models import Activity
from heard.audit.log import record
from heard.core.numbers import whole_number

from .frameworks import EVIDENCE_NEEDED_FOR, LUNDY_ITEMS, RUNGS
from .models import ArnsteinRating, InfluenceAnswer, LundyAnswer

EVIDENCE_MAX_LENGTH = 4000


class QualityError(ValueError):
    """A request that cannot be carried out. `problems` maps a field name to a message that is
    safe to show; the message as a whole joins them."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__(" ".join(self.problems.values()))


@dataclass(frozen=True)
class LundyEntry:
    answer: str  # "yes", "partly", "no", or "" to leave the question unanswered
    evidence: str = ""


def check_lundy(entries: Mapping[str, LundyEntry]) -> dict[str, str]:
    """Problems with a checklist as sent, by field name; empty when it can be saved."""
    problems: dict[str, str] = {}
    for key, entry in entries.items():
        if key not in LUNDY_ITEMS:
            problems[key] = "That question is not on the checklist."
            continue
        evidence = entry.evidence.strip()
        if entry.answer not in ("", "yes", "partly", "no"):
            problems[f"{key}-answer"] = f"Choose yes, partly or no for \u201c"\
                f"{LUNDY_ITEMS[key].question}\u201d"
        elif entry.answer in EVIDENCE_NEEDED_FOR and not evidence:
            problems[f"{key}-evidence"] = (
                f"Give the evidence for your answer to \u201c{LUNDY_ITEMS[key].question}\u201d")
        elif not entry.answer and evidence:
            problems[f"{key}-answer"] = (
                f"Choose yes, partly or no for \u201c{LUNDY_ITEMS[key].question}\u201d, or "
                "remove the evidence")
        elif len(evidence) > EVIDENCE_MAX_LENGTH:
            problems[f"{key}-evidence"] = (
                f"Evidence must be {EVIDENCE_MAX_LENGTH:,} characters or fewer.")
    return problems


@transaction.atomic
def do_record_lundy(activity: Activity, entries: Mapping[str, LundyEntry],
                    user: User) -> dict[str, str]:
    """Save the answered questions (all or nothing). Returns what changed: item -> answer."""
    problems = check_lundy(entries)
    if problems:
        raise QualityError(problems)
    existing = {a.item: a for a in LundyAnswer.objects.select_for_update()
                .filter(activity=activity)}
    changed: dict[str, str] = {}
    for key, entry in entries.items():
        evidence = entry.evidence.strip()
        old = existing.get(key)
        if not entry.answer:
            continue  # not answered yet: radios cannot be unset, so there is nothing to clear
        if old is not None and (old.answer, old.evidence) == (entry.answer, evidence):
            continue
        LundyAnswer.objects.update_or_create(
            activity=activity, item=key,
            defaults={"answer": entry.answer, "evidence": evidence, "updated_by": user})
        changed[key] = entry.answer
    if changed:
        record(user, "quality.lundy_recorded", activity, items=changed)
    return changed


@transaction.atomic
def do_set_arnstein_rung(activity: Activity, rung: str, evidence: str,
                         user: User) -> ArnsteinRating:
    problems = {}
    evidence = evidence.strip()
    if rung not in RUNGS:
        problems["rung"] = "Choose a rung on the ladder."
    if not evidence:
        problems["rung-evidence"] = "Give the evidence for the rung you chose."
    elif len(evidence) > EVIDENCE_MAX_LENGTH:
        problems["rung-evidence"] = f"Evidence must be {EVIDENCE_MAX_LENGTH:,} characters or fewer."
    if problems:
        raise QualityError(problems)
    previous = ArnsteinRating.objects.select_for_update().filter(activity=activity).first()
    rating, _ = ArnsteinRating.objects.update_or_create(
        activity=activity, defaults={"rung": rung, "evidence": evidence, "updated_by": user})
    record(user, "quality.arnstein_set", activity, rung=rung,
           previous=previous.rung if previous else "")
    return rating


def as_uuid(value: str | None) -> uuid.UUID | None:
    """The answer id the session kept, or None when it is missing or not an id at all."""
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def parse_score(raw: object) -> int:
    score = whole_number(raw)
    if score is None or not 1 <= score <= 5:
        raise QualityError({"score": gettext("Choose a number from 1 to 5.")})
    return score


@transaction.atomic
def do_record_influence(activity: Activity, raw_score: object,
                        answer_id: str | None = None) -> InfluenceAnswer:
    """Save a participant's sense of influence, or change the answer they gave before.

    The audit row names the activity only: no score, no answer id and no user, so the log cannot
    tie an answer to the contribution sent a moment earlier."""
    score = parse_score(raw_score)
    known = as_uuid(answer_id)
    answer = (InfluenceAnswer.objects.select_for_update()
              .filter(pk=known, activity=activity).first() if known else None)
    changed = answer is not None
    if answer is None:
        answer = InfluenceAnswer.objects.create(activity=activity, score=score,
                                                created_at=timezone.localdate())
    elif answer.score != score:
        answer.score = score
        answer.save(update_fields=["score"])
    record(AnonymousUser(), "quality.influence_recorded", object_type="engagement.activity",
           object_id=str(activity.pk), activity=activity.slug, changed=changed)
    return answer

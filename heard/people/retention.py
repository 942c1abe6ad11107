"""How long each kind of personal data is kept, and the daily run that removes what is older.

Each app registers the kinds it owns (`register_kind`) with a safe default; an administrator may
change the period on the staff privacy page. The worker runs every rule once a day, writes an
audit row for each rule that removed something, and the public privacy page lists them all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from heard.audit.log import record
from heard.tasks.models import Task
from heard.tasks.queue import enqueue, handler, periodic

from .erasure import words_removed
from .models import RetentionRule

MAX_DAYS = 36_500  # a hundred years: the form's upper bound, not a suggestion
DAILY_TASK = "privacy.daily"


@dataclass(frozen=True)
class RetentionKind:
    key: str
    label: str  # what is kept, in plain words, for the privacy page
    counted_from: str  # "after it was sent", "after the event ends"
    outcome: str  # what happens then, in plain words
    default_days: int | Callable[[], int]
    apply: Callable[[datetime], int]  # removes what is older than the cutoff; returns a count

    def default(self) -> int:
        return self.default_days() if callable(self.default_days) else self.default_days


KINDS: dict[str, RetentionKind] = {}


def register_kind(kind: RetentionKind) -> RetentionKind:
    KINDS[kind.key] = kind
    return kind


def days_for(key: str) -> int:
    rule = RetentionRule.objects.filter(kind=key).exclude(days=None).first()
    return rule.days if rule and rule.days is not None else KINDS[key].default()


@dataclass(frozen=True)
class RuleView:
    kind: RetentionKind
    days: int
    is_default: bool
    last_run_at: datetime | None
    last_run_removed: int


def rules() -> list[RuleView]:
    stored = {r.kind: r for r in RetentionRule.objects.all()}
    views = []
    for key, kind in KINDS.items():
        rule = stored.get(key)
        days = rule.days if rule and rule.days is not None else kind.default()
        views.append(RuleView(kind, days, not (rule and rule.days is not None),
                              rule.last_run_at if rule else None,
                              rule.last_run_removed if rule else 0))
    return views


class RetentionError(ValueError):
    """A period that cannot be used; the message is safe to show."""


@transaction.atomic
def do_set_retention(key: str, days: int | None, actor: User) -> RetentionRule:
    """Change how long one kind is kept; None goes back to the default."""
    if key not in KINDS:
        raise RetentionError("Choose a kind of data from the list.")
    if days is not None and not 1 <= days <= MAX_DAYS:
        raise RetentionError(f"Give a number of days from 1 to {MAX_DAYS:,}.")
    rule, _ = RetentionRule.objects.select_for_update().get_or_create(kind=key)
    before = rule.days
    rule.days, rule.updated_by = days, actor
    rule.save(update_fields=["days", "updated_by", "updated_at"])
    record(actor, "retention.changed", rule, kind=key, before=before, after=days,
           default=KINDS[key].default())
    return rule


@transaction.atomic
def do_apply_retention(key: str, now: datetime | None = None) -> int:
    """Remove one kind's data older than its period. Audited when anything was removed."""
    now = now or timezone.now()
    days = days_for(key)
    removed = KINDS[key].apply(now - timedelta(days=days))
    if removed:
        words_removed()
    rule, _ = RetentionRule.objects.select_for_update().get_or_create(kind=key)
    rule.last_run_at, rule.last_run_removed = now, removed
    rule.save(update_fields=["last_run_at", "last_run_removed"])
    if removed:
        record(None, "retention.applied", rule, kind=key, days=days, removed=removed)
    return removed


def apply_all(now: datetime | None = None) -> dict[str, int]:
    """Every rule, each in its own transaction."""
    return {key: do_apply_retention(key, now) for key in KINDS}


def clear_expired_sessions() -> int:
    """Half-written stories live in sessions; an expired one must not wait to be overwritten."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


@handler(DAILY_TASK)
def daily_privacy_run() -> None:
    clear_expired_sessions()
    apply_all()
    enqueue(DAILY_TASK, run_after=timezone.now() + timedelta(days=1))


@periodic
def keep_daily_run_scheduled() -> None:
    """The worker checks on every pass that tomorrow's run is waiting; the first pass after a
    fresh install (or a lost task) starts it at once."""
    if not Task.objects.filter(name=DAILY_TASK, status=Task.Status.PENDING).exists():
        enqueue(DAILY_TASK)

"""The moderators' queue: which contributions, in which order, and which one comes next.

The same filters and order decide the list, the counts and "next item", so a moderator who
works through a filtered queue stays in it from one decision to the next.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Case, Exists, IntegerField, OuterRef, QuerySet, Value, When
from django.http import QueryDict
from django.utils import timezone

from heard.contributions.models import Contribution

from .models import SafeguardingFlag
from .shown_text import excerpt as shown_excerpt

STATUS_FILTERS = {
    "waiting": (Contribution.Status.SUBMITTED, Contribution.Status.IN_MODERATION),
    "held": (Contribution.Status.HELD,),
    "published": (Contribution.Status.PUBLISHED,),
    "rejected": (Contribution.Status.REJECTED,),
}
STATUS_NAMES = {"waiting": "Waiting to be checked", "held": "Held back",
                "published": "Published", "rejected": "Not published"}
ORDERS = {
    "risk": "Risk first (open safeguarding flags, then immediate risk, then concern)",
    "newest": "Newest first",
    "oldest": "Oldest first",
}
DEFAULT_ORDER = "risk"
# The filter fields a queue link carries, so "next item" and the pages keep them.
FILTER_FIELDS = ("status", "order", "activity", "kind", "safety", "waiting", "age_band")
EXCERPT_LENGTH = 160
STILL_CHECKING = "Still being checked for names and contact details."


def filtered(filters: dict[str, Any], status_key: str) -> QuerySet[Contribution]:
    """Every contribution in one state that matches the other filters, in no set order."""
    rows: QuerySet[Contribution] = Contribution.objects.sent().filter(
        status__in=STATUS_FILTERS[status_key])
    if filters.get("activity"):
        rows = rows.filter(activity__slug=filters["activity"])
    if filters.get("kind"):
        rows = rows.filter(kind=filters["kind"])
    rows = _filter_safety(rows, filters.get("safety", ""))
    if filters.get("waiting"):
        cutoff = timezone.now() - timedelta(days=int(filters["waiting"]))
        rows = rows.filter(submitted_at__lt=cutoff)
    if filters.get("age_band"):
        rows = rows.filter(equality__age_band=filters["age_band"])
    return rows


def _filter_safety(rows: QuerySet[Contribution], safety: str) -> QuerySet[Contribution]:
    if safety == "flagged":
        return rows.filter(Exists(_open_flags()))
    if safety:
        return rows.filter(safety_level=safety)
    return rows


def _open_flags() -> QuerySet[SafeguardingFlag]:
    return SafeguardingFlag.objects.filter(contribution=OuterRef("pk"),
                                           status__in=SafeguardingFlag.OPEN_STATUSES)


def ordered(rows: QuerySet[Contribution], order: str) -> QuerySet[Contribution]:
    """Risk first puts the words that may need the safeguarding lead at the top, and within
    one level the longest waiting first, so nobody's words wait longest by accident."""
    if order == "newest":
        return rows.order_by("-submitted_at", "-id")
    if order == "oldest":
        return rows.order_by("submitted_at", "id")
    risk = Case(When(safety_level=Contribution.SafetyLevel.IMMEDIATE, then=Value(0)),
                When(safety_level=Contribution.SafetyLevel.CONCERN, then=Value(1)),
                When(safety_level=Contribution.SafetyLevel.UNCHECKED, then=Value(2)),
                default=Value(3), output_field=IntegerField())
    return rows.annotate(open_flag=Exists(_open_flags()), risk_rank=risk).order_by(
        "-open_flag", "risk_rank", "submitted_at", "id")


def queue(filters: dict[str, Any]) -> QuerySet[Contribution]:
    status_key = filters.get("status") or "waiting"
    rows = ordered(filtered(filters, status_key), filters.get("order") or DEFAULT_ORDER)
    return rows.select_related("activity")


def counts_per_state(filters: dict[str, Any]) -> dict[str, int]:
    return {key: filtered(filters, key).count() for key in STATUS_FILTERS}


def next_after(filters: dict[str, Any], current_id: int, position: int | None) -> int | None:
    """The item to check after deciding on ``current_id``: the one after it where it is still
    in the queue (say, held again), otherwise the one that moved up into its place."""
    ids = list(queue(filters).values_list("id", flat=True))
    if current_id in ids:
        index = ids.index(current_id) + 1
    else:
        index = position if position is not None else 0
    return ids[index] if index < len(ids) else None


def position_of(filters: dict[str, Any], contribution_id: int) -> int | None:
    ids = list(queue(filters).values_list("id", flat=True))
    return ids.index(contribution_id) if contribution_id in ids else None


def excerpt(contribution: Contribution) -> str:
    """A short piece of the redacted words: the queue never shows what a moderator has not
    yet had the chance to take names out of."""
    return shown_excerpt(contribution, EXCERPT_LENGTH) or STILL_CHECKING


def kept_query(query: QueryDict) -> str:
    """The filters of a queue link as a query string ("" when there are none), without the
    page number: after a decision the queue may have moved."""
    kept = QueryDict(mutable=True)
    for name in FILTER_FIELDS:
        value = query.get(name)
        if value:
            kept[name] = str(value)
    return kept.urlencode()

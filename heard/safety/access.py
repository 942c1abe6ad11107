from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.http import Http404

from heard.audit.log import record
from heard.contributions.models import Contribution
from heard.core.permissions import require_permission
from heard.tasks.models import OutboxEmail

from .models import ModerationDecision, SafeguardingFlag

HANDLE_SAFEGUARDING = "safety.handle_safeguarding"


def open_flag_count() -> int:
    """How many flags wait for a safeguarding lead (a number only: no words, no names)."""
    return SafeguardingFlag.objects.filter(status__in=SafeguardingFlag.OPEN_STATUSES).count()


def flags_for(user: User | AnonymousUser, *, closed: bool) -> QuerySet[SafeguardingFlag]:
    """The safeguarding lead's list: open flags, or closed ones, most urgent first."""
    require_permission(user, HANDLE_SAFEGUARDING)
    flags = SafeguardingFlag.objects.select_related("contribution")
    flags = (flags.filter(status=SafeguardingFlag.Status.CLOSED) if closed
             else flags.filter(status__in=SafeguardingFlag.OPEN_STATUSES))
    return flags.order_by("-level", "created_at")


def recent_alerts_for(user: User | AnonymousUser, limit: int = 20) -> QuerySet[OutboxEmail]:
    """The latest safeguarding alert emails and whether each was sent, for the safeguarding
    lead's list (an alert names the flag, never the person's words)."""
    require_permission(user, HANDLE_SAFEGUARDING)
    return OutboxEmail.objects.filter(about__startswith="safeguarding-alert-")[:limit]


def get_flag_for(user: User | AnonymousUser, flag_id: int) -> SafeguardingFlag:
    """Only safeguarding leads see flags, and every look is audited."""
    require_permission(user, HANDLE_SAFEGUARDING)
    flag = SafeguardingFlag.objects.select_related("contribution").filter(pk=flag_id).first()
    if flag is None:
        raise Http404("No such flag")
    record(user, "safeguarding.viewed", flag)
    return flag


def decisions_on(contribution: Contribution) -> QuerySet[ModerationDecision]:
    """The moderation history of one contribution, newest first as the model orders it, with
    who decided; the moderation page has already checked the moderator's permission."""
    return contribution.moderation_decisions.select_related("decided_by")

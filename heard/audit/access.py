"""How the audit-log page reaches audit events. An event names who acted on what, so the page
goes through here rather than the model (tests/core: access helpers)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet

from heard.core.numbers import whole_number
from heard.core.permissions import require_permission

from .models import AuditEvent

VIEW_AUDIT_LOG = "audit.view_audit_log"


def audit_events_for(user: User | AnonymousUser, object_id: str = "") -> QuerySet[AuditEvent]:
    """Administrators' view of the log, newest first as the model orders it, narrowed to one
    object's events when a number is given (anything else shows the whole log)."""
    require_permission(user, VIEW_AUDIT_LOG)
    events = AuditEvent.objects.select_related("actor")
    number = whole_number(object_id)
    return events.filter(object_id=str(number)) if number is not None else events

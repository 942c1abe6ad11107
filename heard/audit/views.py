from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from heard.core.numbers import whole_number
from heard.core.permissions import staff_with

from .access import VIEW_AUDIT_LOG, audit_events_for
from .forms import AuditLogFilterForm
from .log import record


@staff_with(VIEW_AUDIT_LOG)
@require_safe
def audit_log(request: HttpRequest) -> HttpResponse:
    query = AuditLogFilterForm(request.GET)
    object_id = query.value("object_id").strip()
    events = audit_events_for(request.user, object_id)
    page = Paginator(events, 50).get_page(query.value("page") or None)
    # The row keeps the number the log was narrowed to, not what was typed: a typed line of any
    # length would not fit the column (a server error on PostgreSQL) and is not an id.
    number = whole_number(object_id)
    record(request.user, "audit.viewed", object_type="audit",
           object_id="" if number is None else str(number))
    return render(request, "staff/audit_log.html", {"page": page, "object_id": object_id})

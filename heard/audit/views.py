from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .log import record
from .models import AuditEvent


@login_required
@permission_required("audit.view_audit_log", raise_exception=True)
def audit_log(request: HttpRequest) -> HttpResponse:
    events = AuditEvent.objects.select_related("actor")
    object_id = request.GET.get("object_id", "").strip()
    if object_id.isdigit():
        events = events.filter(object_id=object_id)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    record(request.user, "audit.viewed", object_type="audit", object_id=object_id)
    return render(request, "staff/audit_log.html", {"page": page, "object_id": object_id})

"""Keeping saved consultation answers no longer than the person needs to come back to them."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from heard.people.retention import days_for
from heard.tasks.queue import periodic

from .actions import do_erase_abandoned_draft
from .models import ConsultationResponse


def abandoned_drafts(now: datetime | None = None) -> list[ConsultationResponse]:
    # The administrator's rule on the privacy page, else HEARD_DRAFT_RETENTION_DAYS.
    cutoff = (now or timezone.now()) - timedelta(days=days_for("saved_answers"))
    return list(ConsultationResponse.objects.filter(
        status=ConsultationResponse.Status.DRAFT, updated_at__lt=cutoff).order_by("pk"))


@periodic
def erase_abandoned_drafts() -> None:
    """Run by the worker on every pass; the audit row names no person, only the system."""
    for response in abandoned_drafts():
        do_erase_abandoned_draft(response, None)

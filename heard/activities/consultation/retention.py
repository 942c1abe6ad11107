"""Keeping saved consultation answers no longer than the person needs to come back to them: a
retention rule the worker runs daily (default HEARD_DRAFT_RETENTION_DAYS, which an
administrator may change on the privacy page). Each deletion has its own audit row, naming no
person, only the system."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.utils.translation import gettext_noop

from heard.activities.consultation.actions import do_erase_abandoned_draft
from heard.activities.models import ConsultationResponse
from heard.people.retention import RetentionKind, register_kind


def erase_saved_answers_before(cutoff: datetime) -> int:
    old = ConsultationResponse.objects.filter(status=ConsultationResponse.Status.DRAFT,
                                              updated_at__lt=cutoff).order_by("pk")
    return sum(do_erase_abandoned_draft(response, None) for response in old)


register_kind(RetentionKind(
    key="saved_answers", label=gettext_noop("Consultation answers saved but never sent"),
    counted_from=gettext_noop("after they were last changed"), outcome=gettext_noop("deleted"),
    default_days=lambda: settings.HEARD_DRAFT_RETENTION_DAYS,
    apply=erase_saved_answers_before))

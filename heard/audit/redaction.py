"""The only two ways the append-only audit log is ever changed, both for people's privacy.

An erased participant account's chosen username is taken out of the rows it acted in, and old
rows lose their details after the retention time. Who did what, to which row and when is kept.
Callers write their own audit row saying that this happened.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import models

from .models import AuditEvent

ERASED_ACTOR_LABEL = "participant (account erased)"


def redact_actor_labels(user_ids: Iterable[int]) -> int:
    rows = AuditEvent.objects.filter(actor_id__in=list(user_ids)).exclude(
        actor_label=ERASED_ACTOR_LABEL)
    # The queryset refuses update(); the plain QuerySet method is the deliberate way round it.
    return models.QuerySet.update(rows, actor_label=ERASED_ACTOR_LABEL)


def clear_details_before(cutoff: datetime) -> int:
    rows = AuditEvent.objects.filter(at__lt=cutoff).exclude(details={})
    return models.QuerySet.update(rows, details={})

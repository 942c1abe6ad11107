"""Writing audit rows. Called from inside action functions, in their transaction."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import models

from .models import AuditEvent

# Keys that could carry someone's words are refused outright, so a careless call fails in tests
# instead of leaking text into a log that is kept for years.
FORBIDDEN_DETAIL_KEYS = {"text", "title", "body", "words", "redacted_text", "answer"}


def record(
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    obj: models.Model | None = None,
    *,
    object_type: str = "",
    object_id: str = "",
    **details: Any,
) -> AuditEvent:
    leaked = FORBIDDEN_DETAIL_KEYS.intersection(details)
    if leaked:
        raise ValueError(f"Audit details must not hold text: {sorted(leaked)}")
    user = actor if isinstance(actor, User) else None
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    return AuditEvent.objects.create(
        actor=user,
        actor_label=user.get_username() if user is not None else _anonymous_label(actor),
        action=action,
        object_type=object_type,
        object_id=object_id,
        details=details,
    )


def _anonymous_label(actor: AbstractBaseUser | AnonymousUser | None) -> str:
    return "system" if actor is None else "participant"

"""Writing to the outbox and relaying it to the mail server."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import OutboxEmail
from .queue import enqueue, handler


def queue_email(message_id: str, to: list[str], subject: str, body: str) -> bool:
    """Add a message unless one with this id exists. Returns whether it was added."""
    try:
        with transaction.atomic():
            OutboxEmail.objects.create(message_id=message_id, to=to, subject=subject, body=body)
    except IntegrityError:
        return False
    if to:
        enqueue("outbox.relay", message_id=message_id)
    return True


@handler("outbox.relay")
def relay(message_id: str) -> None:
    email = OutboxEmail.objects.filter(message_id=message_id, relayed_at__isnull=True).first()
    if email is None or not email.to:
        return
    OutboxEmail.objects.filter(pk=email.pk).update(relay_attempts=email.relay_attempts + 1)
    message = EmailMessage(email.subject, email.body, settings.DEFAULT_FROM_EMAIL, email.to,
                           headers={"Message-ID": f"<{email.message_id}@heard>"})
    message.send(fail_silently=False)
    OutboxEmail.objects.filter(pk=email.pk).update(relayed_at=timezone.now())

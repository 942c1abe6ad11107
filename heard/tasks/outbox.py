"""Writing to the outbox and relaying it to the mail server, at most once per message.

A message row walks pending -> sending -> handed_over -> sent, writing each step to the database
(and committing it) before the step is taken:

* pending -> sending: a compare-and-set with a fresh attempt token, so two workers can never both
  send one row. The worker then connects, signs in and gives the envelope (MAIL FROM, RCPT TO).
  The relay has nothing to deliver yet, so a worker that dies here is safe to repeat: recovery
  puts the row back to pending.
* sending -> handed_over: written just before the message itself is sent (SMTP DATA). From this
  moment the relay may accept the message without the worker ever hearing so.
* handed_over -> sent: the relay said it accepted the message.

A row a dead worker left in handed_over becomes **uncertain** and is never sent again: a second
email is worse than none when the safety net is elsewhere (the safeguarding page lists every flag
whatever happened to its email, and an unacknowledged flag escalates). Why, and what staff see, is
in docs/decisions/0007-alerts-at-most-once.md.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import mailer
from .models import ERROR_KEPT_LENGTH, OutboxEmail
from .queue import DEFAULT_LANE, enqueue, handler, holder_is_gone, recovery, worker_identity

logger = logging.getLogger(__name__)
State = OutboxEmail.State
MAX_RELAY_ATTEMPTS = 8
# An attempt still in flight after this long is taken to be dead even if its worker is on
# another machine, where we cannot look. Far longer than any SMTP exchange (EMAIL_TIMEOUT each).
ABANDONED_AFTER = timedelta(minutes=10)


def queue_email(message_id: str, to: list[str], subject: str, body: str, *,
                lane: str = DEFAULT_LANE, about: str = "") -> bool:
    """Add a message unless one with this id exists. Returns whether it was added."""
    try:
        with transaction.atomic():
            OutboxEmail.objects.create(message_id=message_id, to=to, subject=subject, body=body,
                                       lane=lane, about=about)
    except IntegrityError:
        return False
    if to:
        enqueue("outbox.relay", lane=lane, message_id=message_id)
    return True


def recipient_key(address: str) -> str:
    """A short, stable stand-in for an address, for message ids that must not change."""
    return hashlib.sha256(address.strip().lower().encode()).hexdigest()[:12]


@dataclass
class _Attempt:
    email: OutboxEmail
    token: str
    handed_over: bool = False

    def settle(self, state: str, error: str = "", **fields: object) -> bool:
        """Write the outcome, but only for our own attempt: recovery may have moved on."""
        return bool(OutboxEmail.objects.filter(pk=self.email.pk, attempt_token=self.token).update(
            state=state, last_error=error[:ERROR_KEPT_LENGTH], **fields))

    def hand_over(self) -> bool:
        self.handed_over = bool(OutboxEmail.objects.filter(
            pk=self.email.pk, attempt_token=self.token, state=State.SENDING,
        ).update(state=State.HANDED_OVER))
        return self.handed_over


@handler("outbox.relay")
def relay(message_id: str) -> None:
    email = OutboxEmail.objects.filter(message_id=message_id, state=State.PENDING).first()
    if email is None or not email.to:
        return
    attempt = _begin(email)
    if attempt is None:
        return  # another worker took it
    try:
        mailer.deliver(mailer.build_message(email), attempt.hand_over)
    except mailer.NotAccepted as refusal:
        _refused(attempt, refusal)
    except mailer.HandOverLost:
        return  # recovery settled the row while we talked to the relay; it decides
    except Exception as error:  # noqa: BLE001 - any other failure: decide by how far we got
        if attempt.handed_over:
            logger.exception("Email %s may or may not have been sent", message_id)
            attempt.settle(State.UNCERTAIN, f"Unknown after hand-over: {error!r}")
            return
        attempt.settle(State.PENDING, repr(error))
        raise
    else:
        attempt.settle(State.SENT, relayed_at=timezone.now())


def _begin(email: OutboxEmail) -> _Attempt | None:
    token = uuid.uuid4().hex
    claimed = OutboxEmail.objects.filter(pk=email.pk, state=State.PENDING).update(
        state=State.SENDING, attempt_token=token, attempt_by=worker_identity(),
        attempt_started_at=timezone.now(), relay_attempts=email.relay_attempts + 1)
    return _Attempt(email, token) if claimed else None


def _refused(attempt: _Attempt, refusal: mailer.NotAccepted) -> None:
    """The relay certainly did not take the message: try again later, unless it never will."""
    if refusal.permanent or attempt.email.relay_attempts + 1 >= MAX_RELAY_ATTEMPTS:
        attempt.settle(State.FAILED, str(refusal))
        return
    attempt.settle(State.PENDING, str(refusal))
    raise refusal  # the task queue tries again after a back-off


@recovery
def settle_abandoned_attempts() -> None:
    """Attempts whose worker died: before the hand-over they are tried again; after it they are
    marked uncertain and left alone, because the relay may already have taken the message."""
    cutoff = timezone.now() - ABANDONED_AFTER
    for email in OutboxEmail.objects.filter(state__in=OutboxEmail.IN_FLIGHT_STATES):
        started = email.attempt_started_at
        if not (holder_is_gone(email.attempt_by) or started is None or started < cutoff):
            continue
        _settle_abandoned(email)


def _settle_abandoned(email: OutboxEmail) -> None:
    mine = OutboxEmail.objects.filter(pk=email.pk, attempt_token=email.attempt_token,
                                      state=email.state)
    if email.state == State.SENDING:
        with transaction.atomic():
            if mine.update(state=State.PENDING, last_error="The worker stopped before sending."):
                enqueue("outbox.relay", lane=email.lane, message_id=email.message_id)
        return
    if mine.update(state=State.UNCERTAIN, last_error=(
            "The worker stopped while handing this message to the mail relay, so it may or may "
            "not have been sent. It will not be sent again.")):
        logger.error("Email %s may or may not have been sent; not sending it again",
                     email.message_id)


def email_domain() -> str:
    _name, _at, domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")
    return domain.strip("> ") or "heard.invalid"

"""Handing one message to the mail relay in steps, so the caller can record the moment after
which the relay may have it.

With Django's SMTP backend the steps are real: connect, sign in and give the envelope first (the
relay delivers nothing yet), then call `hand_over()` (the caller writes "handed over" to the
database), and only then send the message body. Any other backend (an email API, or the console
and memory backends used in development and tests) is one opaque call, so `hand_over()` comes
before it.
"""

from __future__ import annotations

import contextlib
import smtplib
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.message import sanitize_address

if TYPE_CHECKING:
    from .models import OutboxEmail

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


class NotAccepted(Exception):  # noqa: N818 - reads as the outcome it is
    """The relay certainly did not take the message. `permanent` when trying again is useless."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


class HandOverLost(Exception):  # noqa: N818
    """Recovery settled the row while we talked to the relay, so we sent nothing."""


def build_message(email: OutboxEmail) -> EmailMessage:
    from .outbox import email_domain

    # The same Message-ID on every attempt, so a relay or mail client that sees one message
    # twice (which this design avoids) can still tell they are one.
    return EmailMessage(email.subject, email.body, settings.DEFAULT_FROM_EMAIL, list(email.to),
                        headers={"Message-ID": f"<{email.message_id}@{email_domain()}>"})


def deliver(message: EmailMessage, hand_over: Callable[[], bool]) -> None:
    """Returns once the relay accepted the message. Raises NotAccepted when it certainly did
    not, HandOverLost when we were told to stop, and anything else when we cannot know."""
    if settings.EMAIL_BACKEND == SMTP_BACKEND:
        _deliver_smtp(message, hand_over)
        return
    if not hand_over():
        raise HandOverLost
    if message.send(fail_silently=False) != 1:
        raise RuntimeError("The email backend did not say it sent the message.")


def _deliver_smtp(message: EmailMessage, hand_over: Callable[[], bool]) -> None:
    backend = get_connection(SMTP_BACKEND, fail_silently=False)
    try:
        backend.open()
    except (OSError, smtplib.SMTPException) as error:
        raise NotAccepted(f"Could not reach the mail relay: {error!r}") from None
    connection = backend.connection
    try:
        _envelope(connection, message)
        if not hand_over():
            _quietly(connection.rset)
            raise HandOverLost
        _body(connection, message)
    finally:
        _quietly(backend.close)


def _quietly(step: Callable[[], object]) -> None:
    with contextlib.suppress(Exception):  # the outcome is already decided
        step()


def _envelope(connection: smtplib.SMTP, message: EmailMessage) -> None:
    encoding = message.encoding or settings.DEFAULT_CHARSET
    try:
        connection.ehlo_or_helo_if_needed()
        code, reply = connection.mail(sanitize_address(message.from_email, encoding))
        if code != 250:
            raise NotAccepted(f"Sender refused: {code} {reply!r}", permanent=code >= 500)
        for address in message.recipients():
            code, reply = connection.rcpt(sanitize_address(address, encoding))
            if code not in (250, 251):
                raise NotAccepted(f"Recipient refused: {code} {reply!r}", permanent=code >= 500)
    except (OSError, smtplib.SMTPException) as error:
        raise NotAccepted(f"The mail relay stopped before the message was sent: {error!r}"
                          ) from None


def _body(connection: smtplib.SMTP, message: EmailMessage) -> None:
    try:
        code, reply = connection.data(message.message().as_bytes(linesep="\r\n"))
    except smtplib.SMTPDataError as error:
        # The relay said no to DATA itself, so the message was never sent.
        raise NotAccepted(f"The relay would not take the message: {error!r}",
                          permanent=error.smtp_code >= 500) from None
    if code != 250:
        raise NotAccepted(f"The relay refused the message: {code} {reply!r}",
                          permanent=code >= 500)

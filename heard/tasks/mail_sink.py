"""A real SMTP server on loopback, for the alert tests and `make bench` (never for production):
it records every message it accepts, when, and can run a hook at the moment a message arrives,
before it answers, to kill a worker there. Needs aiosmtpd (the dev extra)."""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from email import message_from_bytes
from typing import Any

from aiosmtpd.controller import Controller


@dataclass
class Received:
    message_id: str
    recipients: tuple[str, ...]
    at: float  # time.monotonic() when the whole message had arrived


@dataclass
class SinkHandler:
    received: list[Received] = field(default_factory=list)
    # Called with the message id, after the whole message arrived and before the relay says
    # "250 accepted": the moment a worker can least know what happened.
    on_data: Callable[[str], None] | None = None
    # Called with the recipient address before it is accepted: the envelope, nothing sent yet.
    on_rcpt: Callable[[str], None] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,  # noqa: N802
                          rcpt_options: list[str]) -> str:
        if self.on_rcpt is not None:
            self.on_rcpt(address)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        message_id = str(message_from_bytes(envelope.content)["Message-ID"])
        with self.lock:
            self.received.append(Received(message_id, tuple(envelope.rcpt_tos),
                                          time.monotonic()))
        if self.on_data is not None:
            self.on_data(message_id)
        return "250 Message accepted for delivery"

    def counts(self) -> Counter[str]:
        with self.lock:
            return Counter(r.message_id for r in self.received)

    def first_arrival(self, message_id_prefix: str) -> float | None:
        with self.lock:
            times = [r.at for r in self.received if r.message_id.startswith(message_id_prefix)]
        return min(times) if times else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class MailSink:
    def __init__(self) -> None:
        self.handler = SinkHandler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> MailSink:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()

    def env(self) -> dict[str, str]:
        """Settings for a worker process that sends here."""
        return {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(self.port), "EMAIL_TIMEOUT": "5"}

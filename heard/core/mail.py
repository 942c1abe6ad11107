"""A development email backend that shows each message without anyone's address."""

from __future__ import annotations

from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.core.mail.message import EmailMessage

from .privacy_logging import hide_email_addresses


class AddressHidingConsoleBackend(ConsoleBackend):
    """Like Django's console backend (a developer sees what would be sent), but written as plain
    text with every address hidden: recipients are counted, never shown, and an address in the
    subject or body reads "[email address hidden]"."""

    def write_message(self, message: EmailMessage) -> None:
        recipients = len(message.recipients())
        lines = [
            f"Subject: {hide_email_addresses(str(message.subject))}",
            f"To: {recipients} recipient{'s' if recipients != 1 else ''} (addresses hidden)",
            "",
            hide_email_addresses(str(message.body)),
            "-" * 79,
            "",
        ]
        self.stream.write("\n".join(lines))

"""Keep email addresses out of everything Heard writes to a log or a console.

Participants give an address only to hear back; a server log is read by people who must never
learn who wrote what. So addresses are hidden at the last step, whatever wrote them: our code,
a library, or a traceback from a mail server that quotes the refused recipient.
"""

from __future__ import annotations

import logging
import re

# Deliberately loose: hiding a little too much in a log costs nothing.
EMAIL_PATTERN = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
HIDDEN = "[email address hidden]"


def hide_email_addresses(text: str) -> str:
    return EMAIL_PATTERN.sub(HIDDEN, text)


class AddressHidingFormatter(logging.Formatter):
    """A formatter whose output, tracebacks included, never contains an email address."""

    def format(self, record: logging.LogRecord) -> str:
        return hide_email_addresses(super().format(record))


class WithoutTraceback(logging.Filter):
    """For expected refusals (a Host we do not serve): one line, not a page of traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        return True

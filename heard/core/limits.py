"""Limits every app shares, defined once. Pure: no Django (settings.py reads them as defaults)."""

from __future__ import annotations

# The longest text a person may share in one go, in characters: long enough for a whole story,
# short enough that moderation and analysis stay quick. HEARD_MAX_TEXT_LENGTH overrides it.
MAX_TEXT_LENGTH = 20_000

# What staff write beside a record: a note on an action's progress, a reason, a key message or
# reflection, an Open Space session's notes.
NOTE_MAX_LENGTH = 2_000

# The most quotes a theme shows: a run picks up to this many, a merge keeps the first of both
# themes' quotes, and a report shows them. Enough to give a theme a voice, few enough to read.
MAX_QUOTES = 5

# Why someone's words, or everything of a person, were erased: a line the audit log keeps.
ERASE_REASON_MAX_LENGTH = 300


def refuse_long(error: type[Exception], *texts: tuple[str, str, int]) -> None:
    """Raise `error` for the first of `texts` (what it is, the text, its limit) that is longer
    than its limit once trimmed. An action refuses a text that is too long, with a message
    that says which and how long it may be, rather than cut what a person typed."""
    for what, text, limit in texts:
        if len(text.strip()) > limit:
            raise error(f"Keep {what} to {limit:,} characters or fewer. Nothing was saved.")

"""Limits every app shares, defined once. Pure: no Django (settings.py reads them as defaults)."""

from __future__ import annotations

# The longest text a person may share in one go, in characters: long enough for a whole story,
# short enough that moderation and analysis stay quick. HEARD_MAX_TEXT_LENGTH overrides it.
MAX_TEXT_LENGTH = 20_000

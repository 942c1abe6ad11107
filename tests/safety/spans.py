"""What the redaction detector covers in a text, for tests that name the words they expect it to
find or leave alone (one definition, so every redaction test measures "covered" the same way)."""

from __future__ import annotations

from heard.safety.redaction import detect


def covering(text: str, words: str) -> set[str]:
    """The types of the detected spans that cover at least half of ``words``."""
    start = text.index(words)
    end = start + len(words)
    return {s.entity_type for s in detect(text)
            if 2 * (min(end, s.end) - max(start, s.start)) >= len(words)}


def covered_texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in detect(text)]

"""Keeping theme names, key words and descriptions free of markup and of personal data.

Two steps, both pure Python (no Django):

- :func:`clean_text` runs before any counting or parsing: HTML entities are decoded ("&nbsp;"
  must not become the key word "nbsp"), tags are dropped, and the redaction placeholders that
  moderated text carries ("[name]", "[school or organisation]") are removed, since they say
  nothing about what a theme is about.
- :func:`unsafe` runs Heard's own redaction detectors (heard.safety.redaction) over the words
  a theme would show, so a staff member's name, a place or an organisation never names a theme.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from html.parser import HTMLParser

from heard.safety.redaction.spans import PLACEHOLDERS

_PLACEHOLDER = re.compile(
    "|".join(re.escape(p) for p in sorted({*PLACEHOLDERS.values(), "[personal information]"},
                                          key=len, reverse=True)),
    re.IGNORECASE,
)
_ENTITY_LEFT = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]{1,31});?", re.IGNORECASE)
_MARKUP_HINT = re.compile(r"[<&]")
_SPACES = re.compile(r"\s+")


class _TextOnly(HTMLParser):
    """The standard library's HTML tokenizer, keeping only the text between tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.append(" ")  # "<br>" and "<p>" separate words

    def handle_endtag(self, tag: str) -> None:
        self.parts.append(" ")


def clean_text(text: str) -> str:
    """Plain words: entities decoded (twice, for "&amp;nbsp;"), tags and placeholders gone."""
    if _MARKUP_HINT.search(text):
        text = html.unescape(text)
        if "<" in text:
            parser = _TextOnly()
            parser.feed(text)
            parser.close()
            text = "".join(parser.parts)
        text = _ENTITY_LEFT.sub(" ", html.unescape(text))
    text = _PLACEHOLDER.sub(" ", text).replace("\u00a0", " ")
    return _SPACES.sub(" ", text).strip()


def has_markup(text: str) -> bool:
    """True when an entity or a tag is left in ``text``."""
    return bool(_ENTITY_LEFT.search(text) or re.search(r"<[a-zA-Z/][^>]*>", text))


def unsafe(strings: Sequence[str]) -> list[bool]:
    """For each string: does a redaction detector find personal data in it, or is markup left?
    (The detectors find names and places typed in lower case too: decision 0006.)"""
    if not strings:
        return []
    from heard.safety.redaction import detect_many  # loads spaCy and Presidio on first use

    texts = list(strings)
    return [bool(found) or has_markup(text) for text, found in zip(texts, detect_many(texts),
                                                                    strict=True)]


_WORD = re.compile(r"[A-Za-z][a-z]+")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“(]\s*)$")


def proper_nouns(texts: Sequence[str], limit: int = 20_000) -> set[str]:
    """Words (lower case) people write with a capital inside a sentence at least half the time:
    names of people, places and organisations the detectors may miss alone ("Leeds" as a key
    word has no context). Acronyms in capitals ("CAMHS", "PIN") are not counted."""
    capital: dict[str, int] = {}
    total: dict[str, int] = {}
    for text in texts[:limit]:
        for match in _WORD.finditer(text):
            if _SENTENCE_START.search(text[max(0, match.start() - 3):match.start()]):
                continue  # a capital here says nothing
            word = match.group().lower()
            total[word] = total.get(word, 0) + 1
            if match.group()[0].isupper():
                capital[word] = capital.get(word, 0) + 1
    return {word for word, n in capital.items() if n >= 2 and n * 2 >= total[word]}

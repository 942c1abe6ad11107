"""Marked-up text, such as ``me n [[PERSON:tj]] went``, read as the plain text and where each
marked stretch of words stands in it.

Redaction examples are written with their personal data marked in place, so that nobody counts
character offsets by hand. Each reader has its own mark (the training corpus writes the type's
name, the evaluation's markup one letter) and its own rules for which tags it takes; what they
share is here: the marks come out, the words stay, and each mark's offsets are those of the
plain text. Pure Python, no Django.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Mark(NamedTuple):
    """One marked stretch: its tag as written, its words, and where the words stand in the
    plain text (character offsets, end-exclusive)."""

    tag: str
    words: str
    start: int
    end: int


def unmark(line: str, mark: re.Pattern[str]) -> tuple[str, list[Mark]]:
    """``line`` without its marks, and each mark in the order it came. ``mark`` matches one
    whole mark, with the tag as its first group and the words as its second. Nothing is
    refused here: a caller checks the tags it takes, and looks in the plain text for brackets
    the pattern did not match, each saying so in its own words."""
    pieces: list[str] = []
    marks: list[Mark] = []
    length = cursor = 0
    for found in mark.finditer(line):
        before, (tag, words) = line[cursor : found.start()], found.group(1, 2)
        start = length + len(before)
        pieces += [before, words]
        marks.append(Mark(tag, words, start, start + len(words)))
        length = start + len(words)
        cursor = found.end()
    pieces.append(line[cursor:])
    return "".join(pieces), marks

"""Read the triage lexicons: one text file a category in `heard/safety/lexicons/`.

The files are data, so a safeguarding lead can read and review what the rules look for
without reading Python (see `lexicons/README.md` for the format). Files are read in name
order; a file that cannot be read or a phrase that is not a valid pattern stops loading with
a message naming the file and line, because a lexicon silently missing phrases would be worse
than a loud failure at start-up (the tests load every file).

Pure standard library; no Django imports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .triage_result import LEVELS, NONE

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"
_HEADER_KEYS = {"category", "level", "reason now", "reason past"}


class LexiconError(ValueError):
    """A lexicon file is malformed; the message names the file and line."""


@dataclass(frozen=True)
class Category:
    """One lexicon: its phrases compiled into one pattern, its level and its two reasons."""

    name: str
    level: str  # the level when nothing in the context lowers it
    now_reason: str
    past_reason: str
    phrases: tuple[str, ...]
    pattern: re.Pattern[str]


def load_lexicons(folder: Path = LEXICON_DIR) -> tuple[Category, ...]:
    """Every `*.txt` lexicon in the folder, in file-name order."""
    files = sorted(folder.glob("*.txt"))
    if not files:
        raise LexiconError(f"No lexicon files (*.txt) in {folder}.")
    return tuple(read_lexicon(path) for path in files)


def read_lexicon(path: Path) -> Category:
    """Parse one file: "key: value" header lines, a blank line, then one phrase a line."""
    header: dict[str, str] = {}
    phrases: list[str] = []
    in_header = True
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if line.startswith("#"):
            continue
        if in_header:
            if not line:
                in_header = not header  # blank lines before the header are allowed
                continue
            key, sep, value = line.partition(":")
            if not sep or key.strip() not in _HEADER_KEYS:
                raise LexiconError(f"{path.name}, line {number}: expected one of "
                                   f"{sorted(_HEADER_KEYS)} followed by ':'")
            header[key.strip()] = value.strip()
        elif line:
            _check_phrase(path, number, line)
            phrases.append(line)
    return _category(path, header, phrases)


def _check_phrase(path: Path, number: int, phrase: str) -> None:
    try:
        re.compile(phrase_to_regex(phrase))
    except re.error as error:
        raise LexiconError(f"{path.name}, line {number}: not a valid pattern ({error})") from error


def _category(path: Path, header: dict[str, str], phrases: list[str]) -> Category:
    missing = _HEADER_KEYS - set(header)
    if missing:
        raise LexiconError(f"{path.name}: the header lacks {sorted(missing)}")
    if header["level"] not in LEVELS or header["level"] == NONE:
        raise LexiconError(f"{path.name}: level must be immediate or concern")
    if not phrases:
        raise LexiconError(f"{path.name}: no phrases after the header")
    return Category(header["category"], header["level"], header["reason now"],
                    header["reason past"], tuple(phrases), compile_phrases(phrases))


def phrase_to_regex(phrase: str) -> str:
    """A plain space in a phrase means "any run of whitespace", and " ?" means "optional
    whitespace", so phrases still match across line breaks and the spaces left behind by
    stripped HTML tags."""
    return phrase.replace(" ?", r"\s*").replace(" ", r"\s+")


def compile_phrases(phrases: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """One word-bounded pattern for a lexicon, run on lower-cased text with a space in front.

    It starts with the non-word character before the phrase rather than a lookbehind: the
    regex engine then skips through the middle of words quickly, which keeps the rules near
    1-2 ms for 300 words.
    """
    body = "|".join(f"(?:{phrase_to_regex(p)})" for p in phrases)
    return re.compile(rf"\W(?:{body})(?!\w)")

"""Cut a contribution into sentence windows: the units the triage model scores.

A disclosure is often one sentence in a long message ("... Anyway. The reason I'm writing is
that he had his hands round my throat last night."). A static embedding is a mean of word
vectors, so one risk sentence in 300 calm words barely moves the whole text's vector. Scoring
each sentence, and each sentence with its neighbours (for the context that says who and when),
lets one window say "immediate" however calm the rest is. Short texts are also scored whole.

A text is cut once into **units** (sentences; a run of more than `MAX_UNIT_WORDS` words with no
full stop, as text-speak often is, is cut into equal pieces that do not overlap). A window is a
run of consecutive units, so everything the model weighs about a window (its embedding, its
words, its grammar cues) is a sum over its units, each computed once per text.

Every window keeps its character span in the original text, so reviewers see exactly which
words scored. Pure standard library; no Django imports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .triage_rules import normalise

# A sentence ends at . ! ? or a line break (HTML block tags become line breaks in normalise).
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_WORD = re.compile(r"\S+")
# Text-speak often has no full stops: a long run of words is cut into equal pieces of at most
# this many words, so a risk phrase is never averaged with more than a sentence's worth of
# other words. Neighbour windows give each piece its context.
MAX_UNIT_WORDS = 24
# Up to this many words the whole text is one more window: short texts are read as a whole.
WHOLE_TEXT_WORDS = 60
# What holds letters but no words the model can read: links, email addresses, @handles, and
# the function names of a spreadsheet formula (a text that starts with = + - or @, as CSV
# imports and pasted cells do: "=HYPERLINK(...)", "@SUM(1+1)"). Blanked (same length) only to
# decide which units have words; the units keep their full text.
_NOT_WORDS = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+\b|(?<!\w)@\w+",
                        re.IGNORECASE)
_FORMULA_START = re.compile(r"\s*[=+\-@]")
_FUNCTION_NAME = re.compile(r"\b[A-Z][A-Z0-9_.]*(?=\()")
# At most this many units are read, so a very long text costs a bounded time. Past the cap,
# the rest of the text is read as further whole units of MAX_UNIT_WORDS words (never skipped).
MAX_UNITS = 400


@dataclass(frozen=True)
class Window:
    """Units first..stop-1 of a text; start and end index the original text."""

    start: int
    end: int
    text: str
    sentences: int  # how many units it spans (1 = a single sentence)
    first: int = 0
    stop: int = 1


@dataclass(frozen=True)
class Cut:
    """A text cut into units and windows. `clean` is the same length as the text."""

    clean: str
    units: list[tuple[int, int]]
    windows: list[Window]

    def unit_texts(self) -> list[str]:
        return [" ".join(self.clean[s:e].split()) for s, e in self.units]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each unit with a word in it, in text order, never overlapping."""
    return _units(normalise(text))


def word_letters(clean: str) -> str:
    """The text, same length, with everything that is not a word blanked: what is left of a
    unit decides whether it has words. Digits, punctuation, symbols and emoji are not letters
    already."""
    blank = _NOT_WORDS.sub(lambda m: " " * len(m.group()), clean)
    if _FORMULA_START.match(blank):
        blank = _FUNCTION_NAME.sub(lambda m: " " * len(m.group()), blank)
    return blank


def has_words(text: str) -> bool:
    """Whether the text has any word (a letter outside a link, address, handle or formula
    function name). Text without one ("12345", "!!!!", emoji, "@SUM(1+1)") is not given to the
    model: it never saw such text, and read "10/10" or "12345" alone as urgent."""
    return isinstance(text, str) and any(c.isalpha() for c in word_letters(normalise(text)))


def _units(clean: str) -> list[tuple[int, int]]:
    """Sentences with a word in them. A sentence with none ("10/10", "07700 900456", a link
    alone) is not a unit: alone it carries nothing the model can read, yet scored as a window
    it read as urgent (decision 0026)."""
    spans: list[tuple[int, int]] = []
    letters = word_letters(clean)
    for match in _SENTENCE.finditer(clean):
        if not any(c.isalpha() for c in letters[match.start():match.end()]):
            continue
        words = [w.span() for w in _WORD.finditer(clean, match.start(), match.end())]
        pieces = -(-len(words) // MAX_UNIT_WORDS)  # ceiling: equal pieces, none overlapping
        size = -(-len(words) // pieces)
        for first in range(0, len(words), size):
            piece = words[first : first + size]
            spans.append((piece[0][0], piece[-1][1]))
    if len(spans) > MAX_UNITS:
        spans = spans[: MAX_UNITS - 1] + [(spans[MAX_UNITS - 1][0], spans[-1][1])]
    return spans


def cut(text: str) -> Cut:
    """Each unit, each unit with its neighbours, and short texts whole."""
    if not isinstance(text, str):
        return Cut("", [], [])
    clean = normalise(text)
    units = _units(clean)
    if not units:
        return Cut(clean, [], [])
    bounds = [(i, i + 1) for i in range(len(units))]
    bounds += [(max(0, i - 1), min(len(units), i + 2)) for i in range(len(units))]
    if len(clean.split()) <= WHOLE_TEXT_WORDS:
        bounds.append((0, len(units)))
    seen: set[tuple[int, int]] = set()
    windows = []
    for first, stop in bounds:
        if (first, stop) in seen:
            continue
        seen.add((first, stop))
        start, end = units[first][0], units[stop - 1][1]
        windows.append(Window(start, end, " ".join(clean[start:end].split()), stop - first,
                              first, stop))
    return Cut(clean, units, windows)


def make_windows(text: str) -> list[Window]:
    return cut(text).windows

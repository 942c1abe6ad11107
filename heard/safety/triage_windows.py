"""Cut a contribution into sentence windows: the units the triage model scores.

A disclosure is often one sentence in a long message ("... Anyway. The reason I'm writing is
that he had his hands round my throat last night."). A static embedding is a mean of word
vectors, so one risk sentence in 300 calm words barely moves the whole text's vector. Scoring
each sentence, and each sentence with its neighbours (for the context that says who and when),
lets one window say "immediate" however calm the rest is. Short texts are also scored whole.

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
# Text-speak often has no full stops: a long run of words is cut into overlapping pieces so
# that a risk phrase is never averaged with more than about a sentence's worth of other words.
_MAX_SENTENCE_WORDS = 30
_PIECE_WORDS = 20
_PIECE_STEP = 10
# Up to this many words the whole text is one more window: short texts are read as a whole.
WHOLE_TEXT_WORDS = 60
# At most this many windows are scored, so a very long text costs a bounded time. The
# sentences are still all covered: past the cap, windows are single sentences only.
MAX_WINDOWS = 400


@dataclass(frozen=True)
class Window:
    """Some consecutive sentences of a text; start and end index the original text."""

    start: int
    end: int
    text: str
    sentences: int  # how many sentences it spans (1 = a single sentence)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence with a word in it; long ones cut into pieces."""
    clean = normalise(text)
    spans: list[tuple[int, int]] = []
    for match in _SENTENCE.finditer(clean):
        words = [w.span() for w in _WORD.finditer(clean, match.start(), match.end())]
        if not any(c.isalnum() for c in match.group()):
            continue
        if len(words) <= _MAX_SENTENCE_WORDS:
            spans.append((words[0][0], words[-1][1]))
            continue
        for first in range(0, len(words) - _PIECE_STEP, _PIECE_STEP):
            piece = words[first : first + _PIECE_WORDS]
            spans.append((piece[0][0], piece[-1][1]))
    return spans


def make_windows(text: str) -> list[Window]:
    """Each sentence, each sentence with its neighbours, and short texts whole."""
    if not isinstance(text, str):
        return []
    spans = sentence_spans(text)
    if not spans:
        return []
    clean = normalise(text)
    windows = [_window(clean, spans, i, i + 1) for i in range(len(spans))]
    for i in range(len(spans) - 1):
        if len(windows) >= MAX_WINDOWS:
            break
        windows.append(_window(clean, spans, max(0, i - 1), min(len(spans), i + 2)))
    if len(spans) > 1 and len(clean.split()) <= WHOLE_TEXT_WORDS:
        windows.append(_window(clean, spans, 0, len(spans)))
    return _unique(windows)


def _window(clean: str, spans: list[tuple[int, int]], first: int, stop: int) -> Window:
    start, end = spans[first][0], spans[stop - 1][1]
    return Window(start, end, " ".join(clean[start:end].split()), stop - first)


def _unique(windows: list[Window]) -> list[Window]:
    seen: set[tuple[int, int]] = set()
    kept = []
    for window in windows:
        if (window.start, window.end) not in seen:
            seen.add((window.start, window.end))
            kept.append(window)
    return kept

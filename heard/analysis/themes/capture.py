"""How the words in a set of contributions were captured: by the person alone, written down by
someone helping them, or summarised by a helper. Summarised words are a helper's, not the
person's, so an analyst weighs them differently (and a quote from one is not a quote from a
child). Pure: plain values in, counts out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from heard.core.vocab import SUMMARISED, WRITTEN_DOWN


@dataclass(frozen=True)
class CaptureMix:
    total: int
    helped: int  # someone helped, whatever the way the words were written
    written_down: int  # a helper wrote down what the person said
    summarised: int  # a helper summarised what the person said

    @property
    def in_own_hand(self) -> int:
        return self.total - self.helped


def capture_mix(items: Iterable[tuple[bool, str]]) -> CaptureMix:
    """Count (helped, capture mode) pairs, one per contribution."""
    total = helped = written = summarised = 0
    for was_helped, mode in items:
        total += 1
        helped += bool(was_helped)
        written += mode == WRITTEN_DOWN
        summarised += mode == SUMMARISED
    return CaptureMix(total, helped, written, summarised)

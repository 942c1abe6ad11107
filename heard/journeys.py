"""Multi-step journeys and where each page sits in them, for the "Step 2 of 6" caption.

Pages are named by their URL names, so the views stay as they are; a journey that gains a
step (say, help before consent) adds its URL name to its list and every count follows. The
share journey's list is here; an activity kind's is in its own declaration
(`ActivityKind.journey` in its kind.py), so nothing here names a kind.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from heard.activities.registry import kinds

SHARE: tuple[str, ...] = ("share:age", "share:who", "share:what", "share:write", "share:helper",
                          "share:consent", "share:about-you", "share:check")


def journeys() -> list[tuple[str, ...]]:
    return [SHARE, *(tuple(kind.journey) for kind in kinds() if kind.journey)]


@dataclass(frozen=True)
class Step:
    number: int
    count: int


def step_of(request: HttpRequest | None) -> Step | None:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    for pages in journeys():
        if match.view_name in pages:
            return Step(pages.index(match.view_name) + 1, len(pages))
    return None

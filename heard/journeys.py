"""Multi-step journeys and where each page sits in them, for the "Step 2 of 6" caption.

Pages are named by their URL names, so the views stay as they are; a journey that gains a
step (say, help before consent) adds its URL name here and every count follows.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

JOURNEYS: dict[str, tuple[str, ...]] = {
    "share": ("share:age", "share:who", "share:what", "share:write", "share:helper",
              "share:consent",
              "share:about-you", "share:check"),
    "consultation": ("engagement:consultation-questions", "engagement:consultation-who",
                     "engagement:consultation-consent", "engagement:consultation-check"),
    "ideas": ("engagement:idea-new", "engagement:idea-who", "engagement:idea-consent",
              "engagement:idea-check"),
}


@dataclass(frozen=True)
class Step:
    number: int
    count: int


def step_of(request: HttpRequest | None) -> Step | None:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    for pages in JOURNEYS.values():
        if match.view_name in pages:
            return Step(pages.index(match.view_name) + 1, len(pages))
    return None

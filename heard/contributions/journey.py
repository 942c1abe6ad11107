"""The share journey's memory between pages.

The half-written contribution lives in the server-side session, not in the database, until the
person presses "Send": nothing is kept if they close the page, and nothing is saved without the
consents being answered.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

STEPS = ("who", "what", "write", "consent", "about-you", "check")
# What each step leaves behind; a later page sends the person back to the first one missing.
STEP_PROVIDES = {
    "who": "perspectives",
    "what": "kind",
    "write": "text",
    "consent": "consents",
    "about-you": "equality",
}


def _key(slug: str) -> str:
    return f"share:{slug}"


def load(request: HttpRequest, slug: str) -> dict[str, Any]:
    return dict(request.session.get(_key(slug), {}))


def save(request: HttpRequest, slug: str, **values: Any) -> None:
    state = load(request, slug)
    state.update(values)
    request.session[_key(slug)] = state


def clear(request: HttpRequest, slug: str) -> None:
    request.session.pop(_key(slug), None)


def first_missing_step(state: dict[str, Any], before: str) -> str | None:
    for step in STEPS[: STEPS.index(before)]:
        if STEP_PROVIDES.get(step) and STEP_PROVIDES[step] not in state:
            return step
    return None


def next_step(state: dict[str, Any], current: str) -> str:
    """After a change from the check page, go straight back there."""
    if state.get("checking"):
        return "check"
    return STEPS[STEPS.index(current) + 1]

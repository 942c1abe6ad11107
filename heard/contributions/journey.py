"""The share journey's memory between pages.

The half-written contribution lives in the server-side session, not in the database, until the
person presses "Send": nothing is kept if they close the page, and nothing is saved without the
consents being answered.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from heard.activities.models import Activity
from heard.activities.participant_session import Answers

# In order. A new step goes into this tuple (and heard/journeys.py for "Step 2 of 8"); the back
# links follow previous_step. "helper" (is someone helping?) leaves nothing required: no answer
# means no one helped.
STEPS = ("age", "who", "what", "write", "helper", "consent", "about-you", "check")
# What each step leaves behind; a later page sends the person back to the first one missing.
# The age step is not required: someone who comes in on a later page (an old link) simply gets
# the general wording, as "I'd rather not say" does.
STEP_PROVIDES = {
    "who": "perspectives",
    "what": "kind",
    "write": "text",
    "consent": "consents",
    "about-you": "equality",
}


# Kept under "share:<slug>", as the same helper keeps every activity's answers between pages.
_ANSWERS = Answers("share")
load = _ANSWERS.load
save = _ANSWERS.save
clear = _ANSWERS.clear


def first_missing_step(state: dict[str, Any], before: str) -> str | None:
    for step in STEPS[: STEPS.index(before)]:
        if STEP_PROVIDES.get(step) and STEP_PROVIDES[step] not in state:
            return step
    return None


def previous_step(current: str) -> str:
    """The page the Back link goes to: the step before, or the start page for the first."""
    index = STEPS.index(current)
    return STEPS[index - 1] if index > 0 else "start"


def next_step(state: dict[str, Any], current: str) -> str:
    """After a change from the check page, go straight back there."""
    if state.get("checking"):
        return "check"
    return STEPS[STEPS.index(current) + 1]


def open_activity(slug: str) -> Activity:
    """Participants never see a draft: it is not ready, and may never be."""
    return get_object_or_404(Activity.objects.public(), slug=slug)


def blocked(request: HttpRequest, activity: Activity, step: str) -> HttpResponse | None:
    """Where someone who may not be at ``step`` goes instead: the start page of an activity that
    takes no more words, or the first step they have not answered yet. None: they may."""
    if not activity.is_accepting():
        return redirect("share:start", slug=activity.slug)
    missing = first_missing_step(load(request, activity.slug), step)
    if missing:
        return redirect(f"share:{missing}", slug=activity.slug)
    return None


def ready(request: HttpRequest, slug: str, step: str
          ) -> tuple[Activity, dict[str, Any]] | HttpResponse:
    """The activity and the journey so far, when ``step`` may be shown; else where to go."""
    activity = open_activity(slug)
    if (elsewhere := blocked(request, activity, step)) is not None:
        return elsewhere
    return activity, load(request, slug)

"""What a participant has answered so far, kept in the server-side session between pages.

As in the share journey, nothing reaches the database until the person presses "Send", or
chooses to save and come back later.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .models import Activity, ConsultationResponse
from .participant_session import Answers


def load(request: HttpRequest, flow: str, activity: Activity) -> dict[str, Any]:
    return Answers(flow).load(request, activity.pk)


def save(request: HttpRequest, flow: str, activity: Activity, **values: Any) -> None:
    Answers(flow).save(request, activity.pk, **values)


def clear(request: HttpRequest, flow: str, activity: Activity) -> None:
    Answers(flow).clear(request, activity.pk)


def state_from_draft(response: ConsultationResponse) -> dict[str, Any]:
    """Put saved answers back the way the question page sends them."""
    answers: dict[str, list[str]] = {}
    for answer in response.answers.select_related("question"):
        answers[str(answer.question_id)] = list(answer.choices) if answer.choices \
            else [answer.text]
    state: dict[str, Any] = {"answers": answers, "held": dict(response.held)}
    if response.consents:
        state["consents"] = dict(response.consents)
        # Only a completed "who are you" step leaves consents behind, so the (possibly empty)
        # list of perspectives is an answer too.
        state["perspectives"] = list(response.perspectives)
    return state

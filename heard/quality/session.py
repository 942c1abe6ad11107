"""What the participant's session remembers about the influence question: which activities it
may answer for (it reached the end of their share journey) and the id of the answer it gave,
so a second answer changes the first instead of counting twice."""

from __future__ import annotations

from django.http import HttpRequest

ALLOWED_KEY = "quality:influence_allowed"
ANSWERS_KEY = "quality:influence_answers"


def allow_influence_answer(request: HttpRequest, activity_id: int) -> None:
    allowed = list(request.session.get(ALLOWED_KEY, []))
    if activity_id not in allowed:
        request.session[ALLOWED_KEY] = [*allowed, activity_id]


def may_answer(request: HttpRequest, activity_id: int) -> bool:
    return activity_id in request.session.get(ALLOWED_KEY, [])


def answer_id(request: HttpRequest, activity_id: int) -> str | None:
    found = request.session.get(ANSWERS_KEY, {}).get(str(activity_id))
    return str(found) if found else None


def remember_answer(request: HttpRequest, activity_id: int, answer: str) -> None:
    answers = dict(request.session.get(ANSWERS_KEY, {}))
    answers[str(activity_id)] = answer
    request.session[ANSWERS_KEY] = answers

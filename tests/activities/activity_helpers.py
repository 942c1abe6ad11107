"""Small builders shared by the consultation, Call for Ideas, knowledge event and dashboard tests.
Everything is made through the same actions the pages use."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from heard.activities.actions import ActivityFields, do_create_activity, do_set_activity_status
from heard.activities.consultation.actions import QuestionFields, do_add_question
from heard.activities.models import Activity, Question

HELPED = "My carer let me pack my own things and we took photos of my old room."
CHANGE = "Tell children a week before they move, and say why."


def make_activity(kind: str, facilitator: User, *, title: str = "Moving home",
                  closes_at: datetime | None = None, open_it: bool = True) -> Activity:
    activity = do_create_activity(kind, ActivityFields(
        title=title, purpose="Tell us what helps when you move.", audience="Children in care",
        run_by="Participation team", outputs_go_to="Corporate parenting board",
        closes_at=closes_at or timezone.now() + timedelta(days=30)), facilitator)
    if kind == Activity.Kind.CONSULTATION:
        for fields in (
            QuestionFields("What helped most when you moved?", required=True),
            QuestionFields("How much were you told?", kind=Question.Kind.SINGLE,
                           choices=("Everything", "Some things", "Nothing")),
            QuestionFields("Who should tell you?", kind=Question.Kind.MULTIPLE,
                           choices=("My social worker", "My carer", "An advocate")),
            QuestionFields("What one change would help?", answer_kind="idea"),
        ):
            do_add_question(activity, fields, facilitator)
    if open_it:
        do_set_activity_status(activity, Activity.Status.OPEN, facilitator)
    return activity


def questions_of(activity: Activity) -> list[Question]:
    return list(activity.questions.order_by("order"))


def full_answers(activity: Activity, helped: str = HELPED, change: str = CHANGE) -> dict:
    free, single, multiple, idea = questions_of(activity)
    return {free.field_name: helped, single.field_name: "Some things",
            multiple.field_name: ["My carer", "An advocate"], idea.field_name: change,
            "action": "continue"}


def base(activity: Activity) -> str:
    return f"/activities/{activity.slug}/consultation"


def finish(client: Client, activity: Activity, *, perspectives=("child_in_care",),
           publish: str = "yes") -> None:
    """The steps after the questions: who you are, consent, check and send."""
    url = base(activity)
    assert client.post(f"{url}/who/", {"perspectives": list(perspectives)}).status_code == 302
    assert client.post(f"{url}/consent/", {"consent_analysis": "yes", "consent_quote": "no",
                                           "consent_publish": publish}).status_code == 302
    response = client.post(f"{url}/check/")
    assert response.status_code == 302 and response["Location"].endswith("/done/")


def past(days: int = 1) -> datetime:
    return timezone.now() - timedelta(days=days)

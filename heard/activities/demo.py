"""Demo activities: a consultation with sent and saved responses, a Call for Ideas with supported
ideas, and a published knowledge event. Written through the same actions as real use; the words
are synthetic, written for this project."""

from __future__ import annotations

import random
from datetime import timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from heard.activities.actions import (
    ActivityFields,
    do_add_key_message,
    do_add_material,
    do_add_presenter,
    do_create_activity,
    do_set_activity_status,
    do_set_key_message_published,
)
from heard.activities.call_for_ideas.actions import do_submit_idea, do_support_idea
from heard.activities.consultation.actions import (
    QuestionFields,
    do_add_question,
    do_save_consultation_response,
    do_submit_consultation_response,
)
from heard.contributions.actions import NewContribution
from heard.contributions.demo_words import CHANGES, HELPED, IDEAS
from heard.contributions.models import Contribution
from heard.safety.actions import do_publish, do_review_redactions
from heard.safety.redaction_review import do_store_redaction_suggestions

from .answers import CleanAnswer
from .models import Activity, Answer, Question

CONSULTATION_TITLE = "Moving home: what helps"
SEED = 20261124

QUESTIONS = (
    QuestionFields("What helped most the last time you moved to a new home?",
                   help="It can be something a person did, or something you had with you.",
                   required=True),
    QuestionFields("How much were you told before you moved?", kind=Question.Kind.SINGLE,
                   choices=("Everything I needed to know", "Some things", "Nothing")),
    QuestionFields("Who would you want to tell you about a move?", kind=Question.Kind.MULTIPLE,
                   choices=("My social worker", "My carer", "An advocate", "My family")),
    QuestionFields("How did you feel on the day you moved?", kind=Question.Kind.SINGLE,
                   choices=("Safe", "Worried", "Scared", "Not sure")),
    QuestionFields("What one change would make moves better?", answer_kind="idea"),
)
PERSPECTIVE_MIX = (("child_in_care",) * 14 + ("care_leaver",) * 9 + ("foster_carer",) * 5
                   + ("social_worker",) * 6 + ("kinship_carer",) * 2)


def load_consultation_demo() -> str:
    """Loads once: a second run finds the demo consultation and adds nothing."""
    if Activity.objects.filter(title=CONSULTATION_TITLE).exists():
        return "Demo activities are already loaded."
    facilitator = User.objects.get(username="facilitator")
    moderator = User.objects.get(username="moderator")
    consultation = _consultation(facilitator, moderator)
    ideas = _call_for_ideas(facilitator, moderator)
    event = _knowledge_event(facilitator)
    return (f"Loaded demo activities: a consultation at /activities/{consultation}/, a Call for "
            f"Ideas at /activities/{ideas}/ and a knowledge event at /activities/{event}/.")


def _open(kind: str, title: str, purpose: str, facilitator: User, days: int) -> Activity:
    now = timezone.now()
    return do_create_activity(kind, ActivityFields(
        title=title, purpose=purpose, audience="Children and young people in care, care "
        "leavers, carers and the people who work with them", run_by="Participation team",
        outputs_go_to="The council leaders who make sure children in care are looked after "
        "well", opens_at=now - timedelta(days=days),
        closes_at=now + timedelta(days=30)), facilitator)


@transaction.atomic
def _consultation(facilitator: User, moderator: User) -> str:
    activity = _open(Activity.Kind.CONSULTATION, CONSULTATION_TITLE,
                     "Moving to a new home can be hard. Tell us what helps, and what would "
                     "make it better.", facilitator, 14)
    questions = [do_add_question(activity, fields, facilitator) for fields in QUESTIONS]
    do_set_activity_status(activity, Activity.Status.OPEN, facilitator)
    chance = random.Random(SEED)  # noqa: S311 - synthetic demo answers, not security
    for index, perspective in enumerate(PERSPECTIVE_MIX):
        answers = _answers(questions, chance)
        consents = {"analysis": True, "quote": index % 3 != 0, "publish": index % 2 == 0}
        if index % 9 == 8:
            # A few people saved part-way and have not come back yet.
            do_save_consultation_response(activity, answers[:2], None)
            continue
        sent = do_submit_consultation_response(activity, answers, [perspective], consents, None)
        _publish_some(sent.response.answers.exclude(contribution=None), moderator, index)
    return activity.slug


def _answers(questions: list[Question], chance: random.Random) -> list[CleanAnswer]:
    helped, told, who, felt, change = questions
    answers = [CleanAnswer(helped, text=chance.choice(HELPED)),
               CleanAnswer(told, choices=(chance.choice(told.choices),)),
               CleanAnswer(who, choices=tuple(c for c in who.choices if chance.random() < 0.5)
                           or (who.choices[0],)),
               CleanAnswer(felt, choices=(chance.choice(felt.choices),))]
    if chance.random() < 0.7:
        answers.append(CleanAnswer(change, text=chance.choice(CHANGES)))
    return answers


def _publish_some(answers: QuerySet[Answer], moderator: User, index: int) -> None:
    """Moderate most answers, leaving some waiting so the queue shows the flow."""
    if index % 4 == 0:
        return
    for answer in answers.select_related("contribution"):
        if answer.contribution is not None:
            _moderate(answer.contribution, moderator)


def _moderate(contribution: Contribution, moderator: User) -> None:
    if contribution.has_open_safeguarding_flag() or not contribution.consent_publish:
        return
    do_review_redactions(contribution, moderator,
                         do_store_redaction_suggestions(contribution))
    do_publish(contribution, moderator)


@transaction.atomic
def _call_for_ideas(facilitator: User, moderator: User) -> str:
    activity = _open(Activity.Kind.CALL_FOR_IDEAS, "Ideas for better first days in care",
                     "What would make the first days in a new home better? Share your idea, "
                     "and support the ideas you agree with.", facilitator, 10)
    do_set_activity_status(activity, Activity.Status.OPEN, facilitator)
    perspectives = ("care_leaver", "child_in_care", "foster_carer", "social_worker",
                    "parent_father", "care_leaver")
    for index, ((title, text), perspective) in enumerate(zip(IDEAS, perspectives, strict=True)):
        idea, _code = do_submit_idea(activity, NewContribution(
            kind="idea", title=title, text=text, perspectives=(perspective,),
            consents={"analysis": True, "quote": True, "publish": True}), None)
        _moderate(idea, moderator)
        for supporter in range(3 + index * 4):
            do_support_idea(idea, f"session:demo-{supporter}", None)
    return activity.slug


@transaction.atomic
def _knowledge_event(facilitator: User) -> str:
    activity = _open(Activity.Kind.KNOWLEDGE_EVENT, "Learning from care leavers: a home of "
                     "your own", "Care leavers told managers what helped them find and keep "
                     "a home. Here is what we learned.", facilitator, 20)
    do_add_presenter(activity, "Care leavers' forum", "Young people aged 18 to 25", facilitator)
    do_add_presenter(activity, "Housing team", "Council housing service", facilitator)
    do_add_material(activity, "Slides from the day", "https://example.org/slides", facilitator)
    do_add_material(activity, "Care leaver offer", "https://example.org/local-offer",
                    facilitator)
    for kind, text in (
        ("key_message", "Nobody should leave care without knowing where they will live."),
        ("key_message", "A named housing worker made the biggest difference."),
        ("key_message", "Money advice is needed before the first tenancy, not after."),
        ("reflection", "Managers said they had not heard how lonely the first month is."),
        ("reflection", "Care leavers want to help design the new support offer."),
    ):
        message = do_add_key_message(activity, kind, text, facilitator)
        do_set_key_message_published(message, True, facilitator)
    do_set_activity_status(activity, Activity.Status.OPEN, facilitator)
    return activity.slug

"""A demo wellbeing survey with two waves, written through the same actions as real use. The
second wave answers a little better on some questions (settled, worker listens) and a little
worse on one (school), so the results page has changes to show, and a group too small to
show in one wave, so suppression is visible too."""

from __future__ import annotations

import random
from datetime import timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from heard.activities.actions import ActivityFields, do_create_activity, do_set_activity_status
from heard.activities.models import Activity
from heard.analysis.wellbeing_waves import ReferenceRow

from .actions import do_add_wave, do_load_wellbeing_references, do_submit_wellbeing_response
from .questions import AGE_4_7, AGE_8_11, AGE_12_17, NOT_SAID, QUESTION_SETS, SCALES

DEMO_TITLE = "How are you doing? Wellbeing survey"
# (band, perspective, how many) per wave: wave 2 has only three adopted children, fewer than the
# suppression threshold, so their cells in wave 2 are hidden.
WAVE_PEOPLE = {
    1: [(AGE_4_7, "child_in_care", 6), (AGE_8_11, "child_in_care", 12), (AGE_8_11, "adopted", 5),
        (AGE_12_17, "child_in_care", 14), (AGE_12_17, "care_leaver", 6),
        (NOT_SAID, NOT_SAID, 4)],
    2: [(AGE_4_7, "child_in_care", 7), (AGE_8_11, "child_in_care", 14), (AGE_8_11, "adopted", 3),
        (AGE_12_17, "child_in_care", 16), (AGE_12_17, "care_leaver", 7),
        (NOT_SAID, NOT_SAID, 5)],
}
# How much more (or less) likely a good answer is in wave 2, per question.
WAVE_2_SHIFT = {"settled": 0.15, "worker_listens": 0.12, "say_in_plans": 0.1, "school": -0.1}
# Made-up figures so the comparison shows in the demo: labelled as examples, never as real data.
DEMO_REFERENCES = [ReferenceRow("happy", 75.0, "Example figure for the demo (not real data)", 2023),
                   ReferenceRow("safe", 85.0, "Example figure for the demo (not real data)", 2023)]


def load_wellbeing_demo() -> str:
    existing = Activity.objects.filter(title=DEMO_TITLE).first()
    if existing is not None:
        return f"The demo wellbeing survey is already loaded at /staff/wellbeing/{existing.slug}/."
    slug = _load(User.objects.get(username="facilitator"))
    return (f"Loaded a demo wellbeing survey with two waves: answer it at /wellbeing/{slug}/, "
            f"results at /staff/wellbeing/{slug}/results/.")


@transaction.atomic
def _load(facilitator: User) -> str:
    today = timezone.localdate()
    activity = do_create_activity(Activity.Kind.WELLBEING_SURVEY, ActivityFields(
        title=DEMO_TITLE, purpose="A few short questions about how you feel and the people "
        "around you. We ask again every few months to see what is getting better.",
        audience="Children and young people in care and care leavers",
        run_by="Participation team"), facilitator)
    do_set_activity_status(activity, Activity.Status.OPEN, facilitator)
    first = do_add_wave(activity, today - timedelta(days=150), today - timedelta(days=90),
                        facilitator)
    second = do_add_wave(activity, today - timedelta(days=10), today + timedelta(days=30),
                         facilitator)
    chance = random.Random(2026)  # noqa: S311 - synthetic demo answers, not security
    for wave, day in ((1, first.opens_on + timedelta(days=5)), (2, second.opens_on)):
        for band, perspective, count in WAVE_PEOPLE[wave]:
            for _ in range(count):
                do_submit_wellbeing_response(activity, band, perspective,
                                             _answers(band, wave, chance), "", None, day=day)
    do_load_wellbeing_references(activity, DEMO_REFERENCES, facilitator)
    return activity.slug


def _answers(band: str, wave: int, chance: random.Random) -> dict[str, str]:
    points = len(SCALES[band])
    answers = {}
    for question in QUESTION_SETS[band]:
        good = 0.65 + (WAVE_2_SHIFT.get(question.key, 0.0) if wave == 2 else 0.0)
        if chance.random() < good:
            answers[question.key] = str(points - 1 - (chance.random() < 0.4))
        else:
            answers[question.key] = str(chance.randrange(0, points - 1))
    return answers

"""The deployment's text limit (HEARD_MAX_TEXT_LENGTH) is the one every way in applies: the
share journey, Call for Ideas, consultation answers, paper forms and imports. The actions read
it themselves, so a way in that does not pass a limit cannot fall back on another number (paper
forms and imports once checked 20,000 characters whatever the setting said)."""

from __future__ import annotations

import pytest

from heard.activities.answers import EngagementError, clean_answers
from heard.activities.call_for_ideas.actions import do_submit_idea
from heard.activities.models import Activity
from heard.contributions.actions import (
    ContributionError,
    NewContribution,
    do_enter_paper_response,
    do_import_contributions,
    do_submit_contribution,
)
from heard.contributions.models import Contribution

from .activity_helpers import make_activity, questions_of

SHARE = "share"
IDEA = "idea"
ANSWER = "answer"
PAPER = "paper"
IMPORT = "import"
WAYS_IN = (SHARE, IDEA, ANSWER, PAPER, IMPORT)


def _send(way: str, text: str, activity: Activity, idea_call: Activity,
          consultation: Activity, staff) -> None:
    story = NewContribution(kind=Contribution.Kind.STORY, text=text,
                            perspectives=("parent_father",))
    if way == SHARE:
        do_submit_contribution(activity, story, None)
    elif way == IDEA:
        do_submit_idea(idea_call, NewContribution(kind=Contribution.Kind.IDEA, text=text), None)
    elif way == ANSWER:
        free = next(q for q in questions_of(consultation) if not q.takes_choices())
        clean_answers(consultation, {str(free.pk): [text]}, complete=False)
    elif way == PAPER:
        do_enter_paper_response(activity, story, staff)
    else:
        do_import_contributions(activity, [story], staff, "test.csv")


@pytest.fixture
def doors(activity, facilitator, moderator):
    return (activity, make_activity(Activity.Kind.CALL_FOR_IDEAS, facilitator),
            make_activity(Activity.Kind.CONSULTATION, facilitator), moderator)


@pytest.mark.parametrize("way", WAYS_IN)
def test_a_lower_limit_is_applied_by_every_way_in(way, doors, settings):
    settings.HEARD_MAX_TEXT_LENGTH = 40
    with pytest.raises((ContributionError, EngagementError), match="40 characters or fewer"):
        _send(way, "We waited a long time for the social worker to come.", *doors)
    assert Contribution.objects.count() == 0


@pytest.mark.parametrize("way", WAYS_IN)
def test_a_higher_limit_is_applied_by_every_way_in(way, doors, settings):
    settings.HEARD_MAX_TEXT_LENGTH = 30_000
    _send(way, "We waited for a long time. " * 900, *doors)  # 24,300 characters
    assert Contribution.objects.count() == (0 if way == ANSWER else 1)

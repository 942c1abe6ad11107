"""The participant pages of the activity kinds in Welsh (issue 15): with the language cookie set
to cy they say lang="cy", show the activity's Welsh title and purpose, and their own words and
messages in Welsh; an activity with no Welsh title shows its English one marked lang="en"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from heard.activities.models import Activity
from heard.activities.open_space.actions import do_create_event
from heard.activities.opinion_map.actions import do_add_statement, do_create_opinion_map

from ..activities.activity_helpers import make_activity
from ..conftest import in_welsh

pytestmark = pytest.mark.django_db
WELSH_TITLE = "Symud cartref"
WELSH_PURPOSE = "Dywedwch wrthym ni beth sy'n helpu pan fyddwch chi'n symud."


def _with_welsh(activity: Activity) -> Activity:
    Activity.objects.filter(pk=activity.pk).update(title_cy=WELSH_TITLE, purpose_cy=WELSH_PURPOSE)
    return activity


def _consultation(staff) -> tuple[Activity, str]:
    activity = make_activity(Activity.Kind.CONSULTATION, staff)
    return activity, f"/activities/{activity.slug}/consultation/"


def _ideas(staff) -> tuple[Activity, str]:
    activity = make_activity(Activity.Kind.CALL_FOR_IDEAS, staff)
    return activity, f"/activities/{activity.slug}/ideas/"


def _opinion_map(staff) -> tuple[Activity, str]:
    opinion_map = do_create_opinion_map("Moving home", "What helps?", staff)
    do_add_statement(opinion_map, "Tell us a week before we move.", staff)
    return opinion_map.activity, f"/opinions/{opinion_map.activity.slug}/"


def _open_space(staff) -> tuple[Activity, str]:
    start = timezone.now() + timedelta(days=7)
    event = do_create_event("Moving home", "What would make moving go well?",
                            "What should change first?", start, start + timedelta(hours=3),
                            staff)
    return event.activity, f"/events/{event.slug}/"


KINDS = {"consultation": (_consultation, "Ymgynghoriad"),
         "call for ideas": (_ideas, "Galwad am Syniadau"),
         "opinion map": (_opinion_map, "Dweud eich dweud"),
         "open space": (_open_space, "Digwyddiad Open Space")}


@pytest.mark.parametrize("kind", KINDS)
def test_the_first_page_of_each_kind_is_in_welsh(make_staff, kind):
    build, caption = KINDS[kind]
    activity, url = build(make_staff("facilitator"))
    _with_welsh(activity)
    page = in_welsh().get(url).content.decode()
    assert '<html lang="cy"' in page
    assert caption in page
    assert f">{WELSH_TITLE}</h1>" in page
    assert "Moving home</h1>" not in page


@pytest.mark.parametrize("kind", KINDS)
def test_an_english_title_on_a_welsh_page_is_marked_as_english(make_staff, kind):
    build, _caption = KINDS[kind]
    _activity, url = build(make_staff("facilitator"))
    page = in_welsh().get(url).content.decode()
    assert '<span lang="en">Moving home</span></h1>' in page


def test_a_closed_consultation_says_so_in_welsh(make_staff):
    activity = make_activity(Activity.Kind.CONSULTATION, make_staff("facilitator"),
                             closes_at=datetime(2026, 2, 1, tzinfo=UTC))
    page = in_welsh().get(f"/activities/{activity.slug}/consultation/").content.decode()
    assert "Caeodd yr ymgynghoriad hwn ar 31 Ionawr 2026." in page


def test_a_missing_required_answer_is_explained_in_welsh(make_staff):
    activity, url = _consultation(make_staff("facilitator"))
    response = in_welsh().post(f"{url}questions/", {"action": "continue"})
    assert response.status_code == 400
    assert "Atebwch y cwestiwn “What helped most when you moved?”." in response.content.decode()


def test_opinion_map_results_before_any_vote_say_so_in_welsh(make_staff):
    activity, url = _opinion_map(make_staff("facilitator"))
    page = in_welsh().get(f"{url}results/").content.decode()
    assert "Does dim pleidleisiau eto." in page
    assert "Beth mae pobl yn ei feddwl hyd yn hyn" in page

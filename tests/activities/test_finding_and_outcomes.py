"""A participant can reach every open activity from the home page and the list of activities,
each link going where they take part (an opinion map's to voting, not to the story form), and a
finished Open Space event shows what it came up with instead of a sign-up that says no."""

from __future__ import annotations

import pytest
from django.test import Client

from heard.accountability.actions import do_publish_response
from heard.activities.actions import do_add_key_message, do_set_key_message_published
from heard.activities.models import Activity
from heard.activities.open_space.demo import load_open_space_demo
from heard.activities.open_space.models import OpenSpaceEvent, SessionNote, Topic
from heard.activities.open_space.queries import ranked_solutions
from heard.activities.opinion_map.actions import do_create_opinion_map
from heard.contributions.actions import do_withdraw_contribution

from ..conftest import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def opinion_map(make_staff):
    return do_create_opinion_map("Leaving care money", "What would help with money?",
                                 make_staff("facilitator"))


@pytest.fixture
def finished_event(make_staff) -> OpenSpaceEvent:
    make_staff("facilitator")
    load_open_space_demo()
    return OpenSpaceEvent.objects.get()


def test_home_sends_people_to_vote_on_an_opinion_map(opinion_map):
    home = Client().get("/").content.decode()
    assert f'href="/opinions/{opinion_map.activity.slug}/"' in home
    assert "Leaving care money" in home


def test_an_opinion_maps_page_never_offers_the_story_form(opinion_map):
    slug = opinion_map.activity.slug
    page = Client().get(f"/activities/{slug}/").content.decode()
    assert f'href="/opinions/{slug}/"' in page
    assert f"/share/{slug}/" not in page
    listing = Client().get("/activities/").content.decode()
    assert f'href="/opinions/{slug}/"' in listing


def test_every_open_activity_on_home_links_where_people_take_part(opinion_map, activity):
    home = Client().get("/").content.decode()
    for open_activity in Activity.objects.filter(status=Activity.Status.OPEN):
        assert open_activity.title in home, open_activity.title
    assert f'href="/share/{activity.slug}/"' in home


def test_a_finished_event_sends_everyone_to_what_it_came_up_with(finished_event):
    slug = finished_event.slug
    client = Client()
    for page in ("sign-up", "topics", "agenda", "vote", "closing"):
        answer = client.get(f"/events/{slug}/{page}/")
        assert answer.status_code == 302 and answer["Location"] == f"/events/{slug}/outcomes/"
    event_page = client.get(f"/events/{slug}/").content.decode()
    assert f'href="/events/{slug}/outcomes/"' in event_page
    listing = client.get("/activities/").content.decode()
    assert f'href="/events/{slug}/outcomes/"' in listing


def test_outcomes_show_only_published_words_with_the_dot_ranking(finished_event, moderator,
                                                                  make_staff):
    slug = finished_event.slug
    solutions = ranked_solutions(finished_event)
    top, second, unpublished = solutions[0], solutions[1], solutions[2]
    second_words = publish(second.contribution, moderator).public_text
    top_words = publish(top.contribution, moderator).public_text
    topic = Topic.objects.filter(event=finished_event).first()
    topic_words = publish(topic.contribution, moderator).public_text
    lead = make_staff("service_lead")
    do_publish_response(finished_event.activity, "Sibling time", "We are changing the rules.",
                        lead)
    message = do_add_key_message(finished_event.activity, "key_message",
                                 "Young people want the same trusted adult.", lead)
    do_set_key_message_published(message, True, lead)
    do_add_key_message(finished_event.activity, "key_message", "A draft nobody should see.", lead)

    page = Client().get(f"/events/{slug}/outcomes/").content.decode()
    ranking = page.split('data-testid="ranking"')[1].split("</ol>")[0]
    assert top_words and ranking.index(top_words) < ranking.index(second_words)
    assert f"{top.dots} dot" in ranking  # type: ignore[attr-defined]
    assert unpublished.contribution.text not in page
    assert topic_words in page.split('data-testid="topics"')[1]
    other_topic = Topic.objects.filter(event=finished_event).exclude(pk=topic.pk).first()
    assert other_topic.title not in page
    assert "Young people want the same trusted adult." in page
    assert "A draft nobody should see." not in page
    assert "Sibling time" in page and "We are changing the rules." in page
    hidden = SessionNote.objects.filter(session__topic__event=finished_event,
                                        field=SessionNote.Field.SOLUTION).count() - 2
    assert f"{hidden} more ideas are not shown" in page


def test_withdrawn_words_leave_the_outcomes_page(finished_event, moderator):
    note = ranked_solutions(finished_event)[0]
    slug = finished_event.slug
    words = publish(note.contribution, moderator).public_text
    assert words in Client().get(f"/events/{slug}/outcomes/").content.decode()
    do_withdraw_contribution(note.contribution, None)
    assert words not in Client().get(f"/events/{slug}/outcomes/").content.decode()


def test_an_event_still_running_has_no_outcomes_yet(make_staff):
    from datetime import timedelta

    from django.utils import timezone

    from heard.activities.open_space.actions import do_create_event
    start = timezone.now() + timedelta(days=3)
    event = do_create_event("Next month", "What matters?", "One thing?", start,
                            start + timedelta(hours=3), make_staff("facilitator"))
    answer = Client().get(f"/events/{event.slug}/outcomes/", follow=True)
    assert answer.redirect_chain[-1][0] == f"/events/{event.slug}/"
    assert "has not finished yet" in answer.content.decode()


def test_a_link_to_the_story_form_for_an_opinion_map_goes_to_the_map(opinion_map):
    slug = opinion_map.activity.slug
    answer = Client().get(f"/share/{slug}/")
    assert answer.status_code == 302 and answer["Location"] == f"/opinions/{slug}/"


def test_a_draft_activity_has_no_public_page(make_staff):
    draft = Activity.objects.create(slug="not-ready", title="Not ready yet", purpose="Planning",
                                    kind=Activity.Kind.OPEN_SHARE, status=Activity.Status.DRAFT)
    assert Client().get(f"/activities/{draft.slug}/").status_code == 404
    assert Client().get(f"/share/{draft.slug}/").status_code == 404
    assert "Not ready yet" not in Client().get("/activities/").content.decode()

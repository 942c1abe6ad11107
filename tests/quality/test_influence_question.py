"""Participants' own sense of influence, asked at the end of the share journey: anonymous, one
answer per session, bad values refused."""

from __future__ import annotations

import pytest
from django.test import Client

from heard.audit.models import AuditEvent
from heard.quality.models import InfluenceAnswer
from tests.contributions.test_share_journey import BASE, share_quietly, walk_journey

pytestmark = pytest.mark.django_db
QUESTION = "How much do you think what you shared will make a difference?"
ANSWER_URL = f"{BASE}/difference/"


def finished_journey() -> tuple[Client, str]:
    client = Client()
    walk_journey(client)
    return client, ANSWER_URL


def test_done_page_asks_the_question_with_plain_labels():
    client = Client()
    # walk_journey checks the done page; fetch it again by walking and reading the last page.
    walk_journey(client)
    page = client.get(ANSWER_URL).content.decode()
    assert QUESTION in page
    for label in ("1 Not at all", "5 A lot"):
        assert label in page
    assert "<fieldset" in page and "<legend" in page


def test_done_page_includes_the_form(activity):
    client = Client()
    walk_journey(client)
    # The done page itself is shown once; check its markup from a second journey's last step.
    done = share_quietly(client, "More time with the same worker.", perspective="care_leaver",
                         kind="idea")
    assert "What happens next" in done
    assert QUESTION in done
    assert f'action="{ANSWER_URL}"' in done
    assert done.index("What happens next") < done.index(QUESTION)


def test_answer_is_saved_without_any_link_and_a_second_answer_updates_it(activity):
    client, url = finished_journey()
    response = client.post(url, {"score": "2"}, follow=True)
    assert response.status_code == 200
    assert "We have saved your answer" in response.content.decode()
    answer = InfluenceAnswer.objects.get()
    assert (answer.activity, answer.score) == (activity, 2)
    field_names = {f.name for f in InfluenceAnswer._meta.get_fields()}
    assert field_names == {"id", "activity", "score", "created_at"}
    client.post(url, {"score": "4"})
    answer.refresh_from_db()
    assert answer.score == 4
    assert InfluenceAnswer.objects.count() == 1
    events = AuditEvent.objects.filter(action="quality.influence_recorded").order_by("id")
    assert [e.details["changed"] for e in events] == [False, True]
    for event in events:
        assert event.actor is None and event.actor_label == "participant"
        assert str(answer.pk) not in str(event.details) and "score" not in event.details
    # Another person's session adds its own answer.
    other, _ = finished_journey()
    other.post(url, {"score": "5"})
    assert sorted(InfluenceAnswer.objects.values_list("score", flat=True)) == [4, 5]


@pytest.mark.parametrize("score", ["0", "6", "x", "", "2.5", "-1", "²", "٣"])
def test_bad_score_shows_a_message_and_saves_nothing(activity, score):
    client, url = finished_journey()
    response = client.post(url, {"score": score})
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Choose a number from 1 to 5." in body
    assert not InfluenceAnswer.objects.exists()
    assert not AuditEvent.objects.filter(action="quality.influence_recorded").exists()


def test_missing_score_saves_nothing(activity):
    client, url = finished_journey()
    assert "Choose a number from 1 to 5." in client.post(url, {}).content.decode()
    assert not InfluenceAnswer.objects.exists()


def test_bad_value_after_a_good_one_keeps_the_good_one(activity):
    client, url = finished_journey()
    client.post(url, {"score": "3"})
    client.post(url, {"score": "9"})
    assert list(InfluenceAnswer.objects.values_list("score", flat=True)) == [3]


def test_only_a_session_that_finished_the_journey_may_answer(activity):
    stranger = Client()
    response = stranger.post(ANSWER_URL, {"score": "1"})
    assert response.status_code == 302
    assert not InfluenceAnswer.objects.exists()


def test_forged_answer_id_in_session_does_not_break_or_update(activity):
    client, url = finished_journey()
    session = client.session
    session["quality:influence_answers"] = {str(activity.pk): "not-a-uuid"}
    session.save()
    assert client.post(url, {"score": "3"}).status_code == 302
    assert list(InfluenceAnswer.objects.values_list("score", flat=True)) == [3]

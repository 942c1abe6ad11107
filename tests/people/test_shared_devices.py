"""A shared computer: what one person typed or opened must not reach the next person, by the
exit button (with or without JavaScript), by "I have finished", by time, by a staff sign-in on
the same browser, or by the browser's cache."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from heard.people.sessions import STARTED_KEY
from heard.tasks.queue import run_pending

from ..conftest import STAFF_PASSWORD, client_for

pytestmark = pytest.mark.django_db
WRITE = "/share/share-your-experience/write/"
STORY = "My foster carer shouts at night and I do not feel safe"


def half_written(client: Client) -> None:
    client.post("/share/share-your-experience/who/", {"perspectives": ["child_in_care"]})
    client.post("/share/share-your-experience/what/", {"kind": "story"})
    client.post(WRITE, {"title": "", "text": STORY})
    assert STORY in client.get(WRITE).content.decode()


def test_exit_this_page_is_a_plain_link_that_ends_the_session(activity):
    browser = Client()
    half_written(browser)
    page = browser.get(WRITE).content.decode()
    assert 'href="/exit/"' in page and "Exit this page" in page  # works without JavaScript
    key = browser.session.session_key
    response = browser.get("/exit/")
    assert response.status_code == 302 and response["Location"] == settings.HEARD_EXIT_URL
    assert '"cache"' in response["Clear-Site-Data"]
    assert not Session.objects.filter(session_key=key).exists()
    # The next person on this browser starts from nothing.
    assert STORY not in browser.get(WRITE, follow=True).content.decode()


def test_i_have_finished_ends_the_whole_session(young_person_story):
    _contribution, code = young_person_story
    browser = Client()
    browser.post("/receipt/", {"code": code})
    assert "moved placement" in browser.get("/receipt/yours/").content.decode()
    half_written(browser)
    browser.post("/receipt/leave/")
    assert browser.get("/receipt/yours/")["Location"] == "/receipt/"
    assert STORY not in browser.get(WRITE, follow=True).content.decode()


def test_a_session_ends_after_its_absolute_lifetime_however_busy(activity):
    browser = Client()
    half_written(browser)
    session = browser.session
    session[STARTED_KEY] = int(time.time()) - settings.HEARD_SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    assert STORY not in browser.get(WRITE, follow=True).content.decode()


def test_sessions_end_after_a_short_idle_time_and_when_the_browser_closes():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.HEARD_SESSION_ABSOLUTE_SECONDS == 2 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE and settings.SESSION_SAVE_EVERY_REQUEST


def test_a_staff_sign_in_carries_nothing_over_from_a_participant(activity, moderator):
    browser = Client()
    half_written(browser)
    before = browser.session.session_key
    response = browser.post("/staff/sign-in/", {"username": moderator.username,
                                                "password": STAFF_PASSWORD})
    assert response.status_code == 302
    session = browser.session
    assert session.session_key != before
    assert [k for k in session.keys() if not k.startswith("_")] == []  # noqa: SIM118
    assert not Session.objects.filter(session_key=before).exists()
    assert STORY not in browser.get(WRITE, follow=True).content.decode()


@pytest.mark.parametrize("url", ["/", "/share/share-your-experience/write/", "/receipt/",
                                 "/receipt/yours/", "/activities/", "/privacy/",
                                 "/staff/moderation/", "/staff/", "/api/activities"])
def test_no_page_is_kept_in_the_browser_cache(url, activity, moderator):
    response = client_for(moderator).get(url)
    assert "no-store" in response["Cache-Control"], url
    anonymous = Client().get(url)
    assert "no-store" in anonymous["Cache-Control"], url


def test_the_worker_deletes_expired_sessions_every_day(activity):
    browser = Client()
    half_written(browser)
    Session.objects.update(expire_date=timezone.now() - timedelta(minutes=1))
    live = Client()
    half_written(live)
    run_pending()
    assert list(Session.objects.values_list("session_key", flat=True)) == [
        live.session.session_key]
    from heard.tasks.models import Task

    tomorrow = Task.objects.get(name="privacy.daily", status="pending")
    assert tomorrow.run_after > timezone.now() + timedelta(hours=23)

"""The one place that hands Send's receipt code and need for help to the page after it, for the
share journey, its assisted pages and every kind's flow."""

from __future__ import annotations

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from heard.activities.models import Activity
from heard.activities.participant_session import hand_over, take_over, urgent_waiting


@pytest.fixture
def request_with_session():
    request = RequestFactory().get("/")
    request.session = SessionStore()
    return request


def _activity(pk: int) -> Activity:
    return Activity(pk=pk, slug=f"activity-{pk}", title=f"Activity {pk}")  # never saved


def test_the_code_and_the_need_for_help_are_taken_over_once(request_with_session) -> None:
    here = _activity(1)
    hand_over(request_with_session, here, "ABCD-EFGH-JKLM", urgent=True)
    assert take_over(request_with_session, here) == ("ABCD-EFGH-JKLM", True)
    assert take_over(request_with_session, here) == (None, False)  # a reload shows nothing


def test_a_page_on_the_way_sees_the_need_for_help_and_leaves_it(request_with_session) -> None:
    here = _activity(1)
    hand_over(request_with_session, here, None, urgent=True)
    assert urgent_waiting(request_with_session, here)
    assert urgent_waiting(request_with_session, here)
    assert take_over(request_with_session, here) == (None, True)
    assert not urgent_waiting(request_with_session, here)


def test_a_send_without_a_code_drops_an_earlier_unshown_one(request_with_session) -> None:
    """A code left by an earlier Send whose next page never loaded (a closed tab) belongs to
    other words: the next page must not show it as the code for these."""
    here = _activity(1)
    hand_over(request_with_session, here, "ABCD-EFGH-JKLM", urgent=False)
    hand_over(request_with_session, here, None, urgent=False)  # a helper keeps it for the child
    assert take_over(request_with_session, here) == (None, False)


def test_one_activitys_code_and_help_never_show_on_anothers_page(request_with_session) -> None:
    sent_here, elsewhere = _activity(1), _activity(2)
    hand_over(request_with_session, sent_here, "ABCD-EFGH-JKLM", urgent=True)
    assert not urgent_waiting(request_with_session, elsewhere)
    assert take_over(request_with_session, elsewhere) == (None, False)
    assert take_over(request_with_session, sent_here) == ("ABCD-EFGH-JKLM", True)

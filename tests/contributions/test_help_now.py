"""The help-at-once rule the views used to write out themselves (decision 0037)."""

from __future__ import annotations

from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.test import RequestFactory

from heard.contributions.help_now import HelpNow, most_worrying


def test_the_most_worrying_level_wins() -> None:
    assert most_worrying(["none", "concern", "immediate", "none"]) == "immediate"
    assert most_worrying(["none", "concern"]) == "concern"
    assert most_worrying(["none"]) == most_worrying([]) == ""


def test_help_is_remembered_for_one_page_and_only_when_needed() -> None:
    request = RequestFactory().get("/")
    request.session = SessionStore()
    mine, theirs = HelpNow("one_kind_help"), HelpNow("another_kind_help")
    mine.remember(request, "none")
    assert not mine.take(request).needed
    mine.remember(request, "concern")
    assert not theirs.take(request).needed  # another kind's page shows nothing
    shown = mine.take(request)
    assert (shown.needed, shown.urgent, shown.worried) == (True, False, True)
    assert not mine.take(request).needed  # shown once
    mine.remember(request, "immediate")
    shown = mine.take(request)
    assert (shown.needed, shown.urgent, shown.worried) == (True, True, False)

"""The moderation queue: pages, order, counts per state, redacted excerpts, and "next item"
that keeps the moderator's filters."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from heard.contributions.actions import NewContribution, do_submit_contribution
from heard.contributions.models import Contribution
from heard.pagination import page_numbers_shown
from heard.safety.actions import do_hold

from ..conftest import client_for

pytestmark = pytest.mark.django_db


def _submit(activity, text: str, *, days_ago: int = 0, kind: str = "story",
            title: str = "") -> Contribution:
    contribution, _ = do_submit_contribution(activity, NewContribution(
        kind=kind, text=text, title=title, consents={"analysis": True, "publish": True},
        submitted_at=timezone.now() - timedelta(days=days_ago)), None)
    return contribution


def _listed(html: str) -> list[int]:
    return [int(n) for n in re.findall(r"Check contribution (\d+)</a>", html)]


def test_a_long_queue_is_paged_and_every_item_is_reachable(moderator, activity):
    made = [_submit(activity, f"Story number {n} about my placement.", days_ago=n).pk
            for n in range(120)]
    client = client_for(moderator)
    seen: list[int] = []
    for page in (1, 2, 3):
        html = client.get(f"/staff/moderation/?order=oldest&page={page}").content.decode()
        assert "120 contributions" in html
        seen += _listed(html)
    assert sorted(seen) == sorted(made) and len(seen) == len(set(seen)) == 120
    first = client.get("/staff/moderation/?order=oldest").content.decode()
    assert _listed(first)[0] == made[-1]  # the longest waiting comes first
    assert 'class="govuk-pagination"' in first and "order=oldest&amp;page=2" in first
    # A page past the end shows the last page; nonsense shows the first.
    assert _listed(client.get("/staff/moderation/?order=oldest&page=99").content.decode()) \
        == seen[100:]
    assert client.get("/staff/moderation/?page=banana").status_code == 200
    assert _listed(client.get("/staff/moderation/?order=oldest&page=%C2%B2").content.decode()) \
        == seen[:50]  # "²": a digit to str.isdigit, not to int()


def test_newest_first_and_risk_first(moderator, activity):
    old = _submit(activity, "We waited a long time for the review.", days_ago=5)
    new = _submit(activity, "The new school is going well.", days_ago=0)
    risky = _submit(activity, "My mum's boyfriend hurts me and I'm scared to go home.",
                    days_ago=2)
    client = client_for(moderator)
    assert _listed(client.get("/staff/moderation/?order=newest").content.decode()) == [
        new.pk, risky.pk, old.pk]
    # Risk first is the default: the open safeguarding flag goes to the top.
    assert _listed(client.get("/staff/moderation/").content.decode())[0] == risky.pk


def test_counts_per_state_follow_the_other_filters(moderator, activity):
    ideas = [_submit(activity, f"Idea {n}: more youth workers.", kind="idea") for n in range(3)]
    _submit(activity, "A story about moving.")
    do_hold(ideas[0], moderator, "Needs a second look.")
    html = client_for(moderator).get("/staff/moderation/?kind=idea").content.decode()
    assert "Waiting to be checked (2)" in html and "Held back (1)" in html
    assert "Published (0)" in html
    assert 'href="?kind=idea&amp;status=held"' in html


def test_the_queue_shows_redacted_words_never_the_raw_text(moderator, activity):
    contribution = _submit(activity, "My social worker Sarah Jones never rings me back.")
    Contribution.objects.filter(pk=contribution.pk).update(redaction_suggestions=[
        {"type": "PERSON", "start": 17, "end": 28, "score": 0.9, "source": "test"}])
    waiting = _submit(activity, "Nobody explained why I moved.")
    Contribution.objects.filter(pk=waiting.pk).update(redaction_suggestions=None)
    html = client_for(moderator).get("/staff/moderation/").content.decode()
    assert "Sarah Jones" not in html
    assert "My social worker [name] never rings me back." in html
    assert "Still being checked for names" in html
    assert "Nobody explained" not in html


def test_after_a_decision_the_next_item_opens_with_the_filters_kept(moderator, activity):
    stories = [_submit(activity, f"Story {n} about contact with my brother.", days_ago=10 - n)
               for n in range(3)]
    _submit(activity, "An idea: a phone for every child.", kind="idea", days_ago=20)
    client = client_for(moderator)
    query = "order=oldest&kind=story"
    page = client.get(f"/staff/moderation/{stories[0].pk}/?{query}").content.decode()
    assert f'action="?{query.replace("&", "&amp;")}"' in page
    response = client.post(f"/staff/moderation/{stories[0].pk}/?{query}",
                           {"decision": "publish"})
    assert response.status_code == 302
    assert response["Location"] == f"/staff/moderation/{stories[1].pk}/?{query}"
    # Held again, it stays in the "held" queue, and next is the one after it.
    do_hold(stories[1], moderator, "Check the name.")
    do_hold(stories[2], moderator, "Check the name.")
    held = "status=held&order=oldest"
    response = client.post(f"/staff/moderation/{stories[1].pk}/?{held}",
                           {"decision": "hold", "reason": "Still checking."})
    assert response["Location"] == f"/staff/moderation/{stories[2].pk}/?{held}"
    # The last one goes back to the queue, filters kept.
    response = client.post(f"/staff/moderation/{stories[2].pk}/?{held}",
                           {"decision": "publish"})
    assert response["Location"] == f"/staff/moderation/?{held}"
    assert "nothing else to check" in client.get(response["Location"]).content.decode()


def test_an_untitled_contribution_never_shows_none(moderator, activity):
    untitled = _submit(activity, "Nobody asked me what I wanted.")
    titled = _submit(activity, "I liked my foster carer.", title="A good home")
    client = client_for(moderator)
    for contribution in (untitled, titled):
        html = client.get(f"/staff/moderation/{contribution.pk}/").content.decode()
        assert "None" not in re.sub(r"<[^>]+>", " ", html)
    assert "A good home" in client.get(f"/staff/moderation/{titled.pk}/").content.decode()


def test_page_numbers_show_first_last_and_neighbours():
    assert page_numbers_shown(1, 1) == [1]
    assert page_numbers_shown(4, 20) == [1, None, 3, 4, 5, None, 20]
    assert page_numbers_shown(2, 3) == [1, 2, 3]

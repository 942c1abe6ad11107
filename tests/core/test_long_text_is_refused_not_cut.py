"""What staff or a participant typed is never cut to fit a column. Until decision 0056 a title
longer than its column was cut to 200 characters without a word (an opinion map's, an Open
Space event's, a response's, a contribution's), and the erasure reason to 300 in the audit log
(a whole person's erasure to 100, decision 0057).
Now the action refuses it, says how long it may be, and saves nothing; the form says the same
where there is one. See also tests/core/test_limits_written_once.py."""

from __future__ import annotations

import pytest

from heard.accountability.actions import AccountabilityError, do_publish_response
from heard.accountability.models import Response
from heard.activities.models import Activity
from heard.audit.models import AuditEvent
from heard.contributions.actions import ContributionError
from heard.contributions.forms import WriteForm
from heard.contributions.models import Contribution
from heard.people.erasure import Subject, do_erase_person
from tests.conftest import ALL_CONSENTS, client_for, submitted

pytestmark = pytest.mark.django_db

LONG_TITLE = "A title that goes on " + "and on " * 40  # 301 characters


def _audit_rows(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


def test_an_opinion_map_title_too_long_is_refused_and_nothing_is_made(make_staff):
    client = client_for(make_staff("facilitator"))
    before = Activity.objects.count()
    response = client.post("/staff/opinions/", {"title": LONG_TITLE, "allow": "yes",
                                                 "question": "What should change at 18?"})
    assert "Keep the title to 200 characters or fewer. Nothing was saved." in \
        response.content.decode()
    assert Activity.objects.count() == before
    assert _audit_rows("opinion_map.created") == 0

    whole = "t" * 200
    response = client.post("/staff/opinions/", {"title": whole, "allow": "yes",
                                                 "question": "What should change at 18?"})
    assert response.status_code == 302
    assert Activity.objects.filter(title=whole).exists()


def test_an_open_space_title_too_long_is_refused_and_nothing_is_made(make_staff):
    client = client_for(make_staff("facilitator"))
    before = Activity.objects.count()
    response = client.post("/staff/events/", {
        "title": LONG_TITLE, "opening_question": "How can we hear you better?",
        "closing_question": "What one thing?", "date-day": "3", "date-month": "3",
        "date-year": "2031", "starts": "10:00", "ends": "13:00", "dots": "3"})
    assert "Keep the title to 200 characters or fewer. Nothing was saved." in \
        response.content.decode()
    assert Activity.objects.count() == before
    assert _audit_rows("open_space.created") == 0


def test_a_contribution_title_too_long_is_refused_whatever_the_way_in(activity):
    before = Contribution.objects.count()
    with pytest.raises(ContributionError, match="The title must be 200 characters or fewer."):
        submitted(activity, "story", "Words about my placement.", ("care_leaver",),
                  ALL_CONSENTS, title=LONG_TITLE)
    assert Contribution.objects.count() == before


def test_the_share_journey_form_says_the_columns_limit():
    form = WriteForm({"title": LONG_TITLE, "text": "Some words."})
    assert form.errors["title"] == ["The title must be 200 characters or fewer."]


def test_a_response_title_too_long_is_refused(make_staff, activity):
    lead = make_staff("service_lead")
    with pytest.raises(AccountabilityError, match="Keep the title to 200 characters or fewer"):
        do_publish_response(activity, LONG_TITLE, "We changed the rules.", lead)
    assert not Response.objects.exists()
    assert _audit_rows("response.published") == 0


def test_an_erasure_reason_too_long_is_refused_and_nothing_is_erased(make_staff,
                                                                       young_person_story):
    contribution, _code = young_person_story
    client = client_for(make_staff("administrator"))
    response = client.post(f"/staff/contributions/{contribution.pk}/erase/",
                           {"reason": "They asked us to. " * 20}, follow=True)
    assert "Keep the reason to 300 characters or fewer. Nothing was saved." in \
        response.content.decode()
    contribution.refresh_from_db()
    assert contribution.status != Contribution.Status.ERASED
    assert _audit_rows("contribution.erased") == 0


def test_a_persons_erasure_keeps_its_reason_whole_and_refuses_one_too_long(young_person_story):
    """Erasing everything of a person kept only the first 100 characters of its reason in the
    audit log. It shares the 300 of erasing someone's words (decision 0057)."""
    contribution, _code = young_person_story
    subject = Subject(receipt_ids={contribution.receipt_id})
    with pytest.raises(ValueError, match="Keep the reason to 300 characters or fewer."):
        do_erase_person(subject, None, reason="r" * 301)
    contribution.refresh_from_db()
    assert contribution.status != Contribution.Status.ERASED
    assert _audit_rows("person.erased") == 0

    reason = "Asked by the person on the phone, and checked against their receipt. " * 4
    do_erase_person(Subject(receipt_ids={contribution.receipt_id}), None, reason=reason)
    assert AuditEvent.objects.get(action="person.erased").details["reason"] == reason.strip()

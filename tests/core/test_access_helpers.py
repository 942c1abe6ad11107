"""The access helpers that replaced the last direct queries in views (stop 29): each refuses
anyone without the page's permission by itself, says "not found" for a missing object, and
finds what the view used to find."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from heard.accountability.access import (
    get_response_for,
    published_responses,
    recent_responses_for,
)
from heard.accountability.models import Response
from heard.activities.models import Activity
from heard.activities.opinion_map.access import votes_on_accepted
from heard.activities.opinion_map.actions import (
    do_add_statement,
    do_cast_vote,
    do_create_opinion_map,
    do_register_voter,
)
from heard.activities.opinion_map.models import Statement
from heard.audit.access import audit_events_for
from heard.audit.log import record
from heard.contributions.access import held_disclosure, receipt_for_code, remembered_profile
from heard.insight.access import (
    active_run_for,
    get_run_for,
    get_theme_for,
    recent_runs_for,
    theme_still_exists,
)
from heard.insight.models import AnalysisRun, Theme
from heard.people.access import get_staff_account_for, staff_accounts_for
from heard.people.models import Profile
from heard.people.receipt_session import hold_receipt, session_receipt, session_receipt_id
from heard.safety.access import recent_alerts_for
from heard.tasks.models import OutboxEmail

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("helper", [
    lambda user: audit_events_for(user),
    lambda user: recent_runs_for(user),
    lambda user: active_run_for(user),
    lambda user: get_run_for(user, 1),
    lambda user: get_theme_for(user, 1),
    lambda user: recent_alerts_for(user),
    lambda user: recent_responses_for(user),
    lambda user: get_response_for(user, 1),
])
def test_each_helper_refuses_staff_without_the_permission(helper, moderator, outsider):
    for user in (moderator, outsider, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            helper(user)


def test_the_audit_log_narrows_to_one_object_only_for_a_number(administrator):
    record(administrator, "test.one", object_type="test", object_id="41")
    record(administrator, "test.two", object_type="test", object_id="42")
    assert {e.action for e in audit_events_for(administrator, "41")} == {"test.one"}
    assert {"test.one", "test.two"} <= {e.action for e in audit_events_for(administrator, "x")}


def test_runs_and_themes_are_found_or_not_found(analyst, activity):
    run = AnalysisRun.objects.create(activity=activity, status="running", embedder="static")
    theme = Theme.objects.create(run=run, key="t0", label="Moving placement")
    assert list(recent_runs_for(analyst)) == [run]
    assert active_run_for(analyst) == run
    assert get_run_for(analyst, run.pk) == run
    assert get_theme_for(analyst, theme.pk) == theme and theme_still_exists(theme)
    with pytest.raises(Http404):
        get_run_for(analyst, run.pk + 1000)
    with pytest.raises(Http404):
        get_theme_for(analyst, theme.pk + 1000)
    Theme.objects.filter(pk=theme.pk).delete()
    assert not theme_still_exists(theme)


def test_the_safeguarding_list_shows_only_alert_emails(safeguarding_lead):
    alert = OutboxEmail.objects.create(message_id="a7", about="safeguarding-alert-7",
                                       to=["lead@x.test"], subject="A flag needs you",
                                       body="Flag 7")
    OutboxEmail.objects.create(message_id="r3", about="receipt-3", to=["p@x.test"],
                               subject="Your code", body="Your code")
    assert list(recent_alerts_for(safeguarding_lead)) == [alert]


def test_the_share_journeys_own_lookups(young_person_story, outsider):
    contribution, code = young_person_story
    assert held_disclosure(contribution.pk) == contribution
    assert held_disclosure(None) is None
    assert receipt_for_code(code) is not None
    assert receipt_for_code("NOT-A-REAL-CODE") is None
    assert remembered_profile(AnonymousUser()) is None
    assert remembered_profile(outsider) is None  # signed in, nothing saved


def test_responses_are_found_for_service_leads_and_published_ones_for_everyone(
        make_staff, activity):
    lead = make_staff("service_lead")
    draft = Response.objects.create(activity=activity, subject=Response.Subject.ACTIVITY,
                                    created_by=lead,
                                    title="Draft", body="Not yet")
    shown = Response.objects.create(activity=activity, subject=Response.Subject.ACTIVITY,
                                    created_by=lead,
                                    title="Done", body="We did it",
                                    published_at=activity.created_at)
    assert set(recent_responses_for(lead)) == {draft, shown}
    assert get_response_for(lead, draft.pk) == draft
    with pytest.raises(Http404):
        get_response_for(lead, shown.pk + 1000)
    everywhere, published = published_responses()
    assert everywhere is None and list(published) == [shown]
    assert published_responses(activity.slug)[0] == activity
    assert list(published_responses(activity.slug)[1]) == [shown]
    with pytest.raises(Http404):
        published_responses("no-such-activity")


def test_staff_accounts_are_listed_only_for_administrators(administrator, moderator, outsider):
    assert {administrator, moderator} <= set(staff_accounts_for(administrator))
    assert outsider not in staff_accounts_for(administrator)  # no staff role: not staff
    assert get_staff_account_for(administrator, moderator.pk) == moderator
    for user in (moderator, outsider, AnonymousUser()):
        with pytest.raises(Http404):
            staff_accounts_for(user)
    with pytest.raises(Http404):
        get_staff_account_for(administrator, outsider.pk)


def test_a_voters_own_votes_leave_out_statements_taken_out_of_the_map(facilitator):
    opinion_map = do_create_opinion_map("What would help?", "What would help most?", facilitator)
    voter = do_register_voter(opinion_map, [], None)
    kept, dropped = (do_add_statement(opinion_map, text, facilitator)
                     for text in ("More say in moves.", "A key worker who stays."))
    assert kept.status == dropped.status == Statement.Status.ACCEPTED
    do_cast_vote(voter, kept, 1)
    do_cast_vote(voter, dropped, -1)
    Statement.objects.filter(pk=dropped.pk).update(status=Statement.Status.REJECTED)
    assert [vote.statement for vote in votes_on_accepted(voter)] == [kept]


def test_saved_answers_are_offered_to_participants_never_to_staff(moderator, outsider):
    Profile.objects.create(user=outsider, perspectives=["care_leaver"])
    Profile.objects.create(user=moderator, perspectives=["care_leaver"])
    found = remembered_profile(outsider)
    assert found is not None and found.perspectives == ["care_leaver"]
    assert remembered_profile(moderator) is None


def test_participants_see_every_activity_but_drafts(activity):
    draft = Activity.objects.create(slug="not-yet", title="Not yet", purpose="Later",
                                    status=Activity.Status.DRAFT)
    closed = Activity.objects.create(slug="over", title="Over", purpose="Done",
                                     status=Activity.Status.CLOSED)
    public = set(Activity.objects.public())
    assert {activity, closed} <= public and draft not in public


def test_the_receipt_a_browser_holds_is_kept_under_a_new_session_key(young_person_story):
    contribution, _code = young_person_story
    request = RequestFactory().get("/")
    request.session = SessionStore()
    request.session["before"] = "x"
    request.session.save()
    before = request.session.session_key
    assert session_receipt(request) is None and session_receipt_id(request) is None
    hold_receipt(request, contribution.receipt)
    assert request.session.session_key != before
    assert session_receipt(request) == contribution.receipt
    assert session_receipt_id(request) == contribution.receipt.pk

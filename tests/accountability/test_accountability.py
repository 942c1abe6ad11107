"""You said, we did: responses with tracked actions, seen by the people whose words fed them,
with emails only to those who asked, and overdue actions flagged."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client

from heard.accountability.actions import (
    AccountabilityError,
    do_add_action,
    do_publish_response,
    do_update_action,
)
from heard.accountability.models import Action, Response
from heard.audit.models import AuditEvent
from heard.contributions.actions import do_withdraw_contribution
from heard.tasks.models import OutboxEmail
from heard.tasks.queue import run_pending

from ..conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def service_lead(make_staff):
    return make_staff("service_lead")


def test_service_lead_answers_with_actions_and_the_public_page_shows_them(
    service_lead, activity, young_person_story
):
    lead = client_for(service_lead)
    response = lead.post("/staff/responses/", {
        "activity": activity.slug, "title": "Fewer placement moves",
        "body": "You told us moving is hard. We are changing how placements are found."})
    assert response.status_code == 302
    answer = Response.objects.get()
    url = f"/staff/responses/{answer.pk}/"
    lead.post(url, {"step": "add", "title": "Placement stability panel", "owner":
                    "Placements team", "status": "agreed", "progress": "10",
                    "due_date": "2027-03-31"})
    lead.post(url, {"step": "add", "title": "Keep school places", "owner": "Virtual school",
                    "status": "in_progress", "progress": "40"})
    assert answer.actions.count() == 2
    public = Client().get("/you-said-we-did/").content.decode()
    assert "Fewer placement moves" in public and "Placement stability panel" in public
    per_activity = Client().get(f"/you-said-we-did/{activity.slug}/").content.decode()
    assert "Keep school places" in per_activity and "40%" in per_activity
    assert AuditEvent.objects.filter(action="response.published").count() == 1
    assert AuditEvent.objects.filter(action="action.added").count() == 2


def test_people_whose_words_fed_it_see_it_and_those_who_asked_get_one_email(
    service_lead, activity, young_person_story, parent_problem
):
    _, code = young_person_story
    visitor = Client()
    visitor.post("/receipt/", {"code": code})
    missing_consent = visitor.post("/receipt/yours/email/", {"email": "me@example.org"},
                                   follow=True)
    assert "Tick the box" in missing_consent.content.decode()
    visitor.post("/receipt/yours/email/", {"email": "me@example.org", "consent": "yes"})
    answer = do_publish_response(activity, "Fewer moves", "We heard you.", service_lead)
    action = do_add_action(answer, "Stability panel", "Placements team", service_lead)
    run_pending()
    page = visitor.get("/receipt/yours/").content.decode()
    assert "Fewer moves" in page and "Stability panel" in page
    emails = OutboxEmail.objects.filter(to=["me@example.org"])
    assert emails.count() == 1  # the parent left no email, so only one message
    assert "moved placement" not in emails.get().body
    # The log says an email was queued for the response, and never to whom.
    notified = AuditEvent.objects.get(action="accountability.notified")
    assert (notified.object_id, notified.actor) == (str(answer.pk), None)
    assert notified.details == {"event": f"response-{answer.pk}", "emails": 1}
    assert "me@example.org" not in str(notified.details)

    do_update_action(action, service_lead, status="done", progress=100, note="Panel meets.")
    run_pending()
    run_pending()
    assert OutboxEmail.objects.filter(to=["me@example.org"]).count() == 2
    assert "Done" in visitor.get("/receipt/yours/").content.decode()
    do_update_action(action, service_lead, status="done", progress=100, note="Still done.")
    run_pending()
    assert OutboxEmail.objects.filter(to=["me@example.org"]).count() == 2  # no status change
    assert AuditEvent.objects.filter(action="accountability.notified").count() == 2


def test_withdrawing_everything_forgets_the_email(activity, young_person_story):
    contribution, code = young_person_story
    visitor = Client()
    visitor.post("/receipt/", {"code": code})
    visitor.post("/receipt/yours/email/", {"email": "me@example.org", "consent": "yes"})
    do_withdraw_contribution(contribution, None)
    contribution.receipt.refresh_from_db()
    assert contribution.receipt.email == ""


def test_overdue_actions_are_flagged_on_the_dashboard(service_lead, activity,
                                                     young_person_story):
    answer = do_publish_response(activity, "Fewer moves", "We heard you.", service_lead)
    do_add_action(answer, "Late thing", "Placements team", service_lead,
                  due_date=date.today() - timedelta(days=3))  # noqa: DTZ011
    do_add_action(answer, "Future thing", "Placements team", service_lead,
                  due_date=date.today() + timedelta(days=30))  # noqa: DTZ011
    page = client_for(service_lead).get("/staff/").content.decode()
    assert 'data-testid="overdue-warning"' in page and "Late thing" in page
    assert "Future thing" not in page


@pytest.mark.parametrize("kwargs, message", [
    ({"status": "not_taking_forward"}, "Say why"),
    ({"progress": 150}, "0 to 100"),
    ({"status": "nonsense"}, "from the list"),
])
def test_bad_actions_are_refused(service_lead, activity, kwargs, message):
    answer = do_publish_response(activity, "T", "B", service_lead)
    with pytest.raises(AccountabilityError, match=message):
        do_add_action(answer, "X", "Team", service_lead, **kwargs)
    with pytest.raises(AccountabilityError, match="role or team"):
        do_add_action(answer, "X", "jo.bloggs@council.gov.uk", service_lead)
    assert Action.objects.count() == 0


def test_bad_response_input_gets_messages(service_lead, activity):
    lead = client_for(service_lead)
    for data, message in (({"activity": activity.slug, "title": "", "body": "x"},
                           "Give it a title"),
                          ({"activity": "nope", "title": "t", "body": "b"}, "from the list"),
                          ({"activity": activity.slug, "title": "t", "body": "b",
                            "idea": "999"}, "Choose an idea from the list")):
        page = lead.post("/staff/responses/", data)
        assert page.status_code == 200 and message in page.content.decode()
    assert Response.objects.count() == 0
    page = lead.post("/staff/responses/1/", {"step": "update", "action": "x"})
    assert page.status_code == 404


def test_only_service_leads_answer(make_staff, activity, outsider):
    for role in ("moderator", "analyst", "facilitator", "safeguarding_lead"):
        assert client_for(make_staff(role)).get("/staff/responses/").status_code == 403
    assert client_for(outsider).get("/staff/responses/").status_code == 403
    assert Client().get("/staff/responses/").status_code == 302

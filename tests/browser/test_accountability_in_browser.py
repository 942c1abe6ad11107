"""A service lead answers an activity with two actions; a participant sees it with their code;
marking an action done emails them; the public page shows it. axe on every page."""

from __future__ import annotations

import pytest

from heard.tasks.models import OutboxEmail
from heard.tasks.queue import run_pending

from ..conftest import STAFF_PASSWORD, pass_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_you_said_we_did_end_to_end(browser, live_server, axe_check, make_staff,
                                    young_person_story, activity):
    _, code = young_person_story
    lead_user = make_staff("service_lead")
    url = live_server.url
    person = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    person.goto(f"{url}/receipt/")
    person.get_by_label("Enter your receipt code").fill(code)
    person.get_by_role("button", name="Continue").click()
    person.get_by_label("Email address").fill("young.person@example.org")
    person.get_by_label("I agree that you may email me about this").check()
    person.get_by_role("button", name="Save email choice").click()
    axe_check(person)

    lead = browser.new_context().new_page()
    lead.goto(f"{url}/staff/sign-in/")
    lead.get_by_label("Username").fill(lead_user.username)
    lead.get_by_label("Password").fill(STAFF_PASSWORD)
    lead.get_by_role("button", name="Sign in").click()
    pass_second_factor(lead, lead_user.username)
    lead.goto(f"{url}/staff/responses/")
    axe_check(lead)
    lead.get_by_label("Title").fill("Fewer placement moves")
    lead.get_by_label("What we heard, and what we are doing").fill(
        "You told us that moving again and again hurts. Here is what we are changing.")
    lead.get_by_role("button", name="Publish response").click()
    axe_check(lead)
    for title, owner in (("Placement stability panel", "Placements team"),
                         ("Keep children in the same school", "Virtual school")):
        lead.get_by_label("Action", exact=True).fill(title)
        lead.get_by_label("Owner (a team or role)").fill(owner)
        lead.get_by_role("button", name="Add action").click()
    lead.get_by_label("Status").first.select_option("done")
    lead.get_by_label("Progress (%)").first.fill("100")
    lead.get_by_role("button", name="Update Placement stability panel").click()
    axe_check(lead)
    run_pending()
    run_pending()
    assert OutboxEmail.objects.filter(to=["young.person@example.org"]).count() == 2

    person.goto(f"{url}/receipt/yours/")
    answer = person.get_by_test_id("response").first.inner_text()
    assert "Fewer placement moves" in answer and "Done" in answer
    axe_check(person)
    person.goto(f"{url}/you-said-we-did/")
    assert "Keep children in the same school" in person.content()
    axe_check(person)
    failures = {u: v for u, v in axe_check.results.items() if v}
    assert failures == {}, failures

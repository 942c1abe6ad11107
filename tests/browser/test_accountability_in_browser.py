"""A service lead answers an activity with two actions; a participant sees it with their code;
marking an action done emails them; the public page shows it. axe on every page."""

from __future__ import annotations

from playwright.sync_api import expect

from heard.accountability.models import Response
from heard.contributions.actions import NewContribution, do_submit_contribution
from heard.insight.actions import do_start_analysis
from heard.insight.models import Theme
from heard.tasks.models import OutboxEmail
from heard.tasks.queue import run_pending

from .conftest import signed_in


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
    signed_in(lead, url, lead_user)
    lead.goto(f"{url}/staff/responses/")
    axe_check(lead)
    lead.get_by_label("Activity", exact=True).select_option(label=activity.title)
    lead.get_by_label("Title", exact=True).fill("Fewer placement moves")
    lead.get_by_label("What we heard, and what we are doing", exact=True).fill(
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
    expect(person.locator("body")).to_contain_text("Keep children in the same school")
    axe_check(person)
    failures = {u: v for u, v in axe_check.results.items() if v}
    assert failures == {}, failures


def test_a_service_lead_answers_a_theme_chosen_from_a_list_and_the_person_sees_it(
        browser, live_server, axe_check, make_staff, activity, settings):
    settings.HEARD_EMBEDDERS = ["fake", "static"]
    analyst, lead_user = make_staff("analyst"), make_staff("service_lead")
    topics = ("Dads are never invited to the meetings about their children",
              "Moving placement again and again with bin bags",
              "Leaving care at eighteen with no flat and no money")
    code = ""
    for n in range(8):
        for topic in topics:
            _, made = do_submit_contribution(activity, NewContribution(
                kind="story", text=f"{topic}, time {n}.", perspectives=("care_leaver",),
                consents={"analysis": True}), None)
            if n == 0 and topic == topics[0]:
                code = made
    do_start_analysis(None, "fake", 3, analyst)
    run_pending()
    fathers = Theme.objects.get(assignments__contribution__text=f"{topics[0]}, time 0.")

    url = live_server.url
    lead = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    signed_in(lead, url, lead_user)
    lead.goto(f"{url}/staff/responses/")
    lead.get_by_label("A theme found in what people said").check()
    axe_check(lead)
    lead.get_by_label("Theme", exact=True).select_option(
        label=f"{fathers.label} ({fathers.size} contributions)")
    lead.get_by_label("Title", exact=True).fill("Dads in every review")
    lead.get_by_label("What we heard, and what we are doing", exact=True).fill(
        "You told us fathers are left out. Every review now invites both parents.")
    lead.get_by_role("button", name="Publish response").click()
    axe_check(lead)
    assert Response.objects.get().theme_key == fathers.key

    person = browser.new_context(viewport={"width": 320, "height": 640}).new_page()
    person.goto(f"{url}/receipt/")
    person.get_by_label("Enter your receipt code").fill(code)
    person.get_by_role("button", name="Continue").click()
    answer = person.get_by_test_id("response").first.inner_text()
    assert "Dads in every review" in answer and "invites both parents" in answer
    axe_check(person)
    failures = {u: v for u, v in axe_check.results.items() if v}
    assert failures == {}, failures

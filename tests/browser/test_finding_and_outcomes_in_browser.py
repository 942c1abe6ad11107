"""On a 320 px phone: a participant finds the opinion map from the home page and votes, and
anyone finds what a finished Open Space event came up with (no dead end at a sign-up)."""

from __future__ import annotations

from playwright.sync_api import expect

from heard.accountability.actions import do_publish_response
from heard.activities.actions import do_add_key_message, do_set_key_message_published
from heard.activities.open_space.demo import load_open_space_demo
from heard.activities.open_space.models import OpenSpaceEvent, Topic
from heard.activities.open_space.queries import ranked_solutions
from heard.activities.opinion_map.actions import do_add_statement, do_create_opinion_map

from ..conftest import publish

SMALL_PHONE = {"width": 320, "height": 640}


def _no_problems(axe_check) -> None:
    failures = {u: v for u, v in axe_check.results.items() if v}
    assert failures == {}, failures


def test_a_participant_reaches_the_opinion_map_from_home(browser, live_server, axe_check,
                                                         make_staff):
    facilitator = make_staff("facilitator")
    opinion_map = do_create_opinion_map("Money when you leave care",
                                        "What would help most with money?", facilitator)
    for text in ("Care leavers should get help with rent until 25.",
                 "Everyone should learn about budgets before they leave care."):
        do_add_statement(opinion_map, text, facilitator)
    page = browser.new_context(viewport=SMALL_PHONE).new_page()
    page.goto(f"{live_server.url}/")
    axe_check(page)
    page.get_by_test_id("open-now").get_by_role("link", name="Money when you leave care").click()
    expect(page.get_by_role("heading", name="Money when you leave care")).to_be_visible()
    expect(page.locator(".govuk-exit-this-page").first).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("heading", name="Statement 1 of 2")).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Agree", exact=True).click()
    expect(page.get_by_role("heading", name="Statement 2 of 2")).to_be_visible()

    # The list of activities leads to the same place, never to the story form.
    page.goto(f"{live_server.url}/activities/")
    axe_check(page)
    page.get_by_role("link", name="Money when you leave care").click()
    axe_check(page)
    page.get_by_test_id("take-part").click()
    expect(page).to_have_url(f"{live_server.url}/opinions/{opinion_map.activity.slug}/")
    _no_problems(axe_check)


def test_a_finished_events_outcomes_page(browser, live_server, axe_check, make_staff,
                                         moderator):
    make_staff("facilitator")
    load_open_space_demo()
    event = OpenSpaceEvent.objects.get()
    solutions = ranked_solutions(event)
    shown = [publish(s.contribution, moderator).public_text for s in solutions[:3]]
    topic = publish(Topic.objects.filter(event=event).first().contribution, moderator)
    lead = make_staff("service_lead")
    message = do_add_key_message(event.activity, "key_message",
                                 "Young people want one trusted adult who stays.", lead)
    do_set_key_message_published(message, True, lead)
    do_publish_response(event.activity, "A trusted adult until 25",
                        "Every care leaver will be offered a named adult until 25.", lead)

    page = browser.new_context(viewport=SMALL_PHONE).new_page()
    # Someone who follows an old link to the vote lands on what the event came up with.
    page.goto(f"{live_server.url}/events/{event.slug}/vote/")
    expect(page).to_have_url(f"{live_server.url}/events/{event.slug}/outcomes/")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "This event has finished", use_inner_text=True)
    axe_check(page)
    page.goto(f"{live_server.url}/activities/")
    page.get_by_role("link", name="See what the event came up with").click()
    expect(page.get_by_role("heading", name="What the event came up with")).to_be_visible()
    ranking = page.get_by_test_id("ranking").locator("li")
    expect(ranking).to_have_count(3)
    for place, words in enumerate(shown):
        expect(ranking.nth(place)).to_contain_text(words, use_inner_text=True)
    expect(page.get_by_test_id("topics")).to_contain_text(topic.public_text, use_inner_text=True)
    expect(page.get_by_test_id("key-messages")).to_contain_text(
        "one trusted adult", use_inner_text=True)
    expect(page.get_by_test_id("response")).to_contain_text(
        "A trusted adult until 25", use_inner_text=True)
    axe_check(page)

    # Without JavaScript the page is the same.
    plain = browser.new_context(viewport=SMALL_PHONE, java_script_enabled=False).new_page()
    plain.goto(f"{live_server.url}/events/{event.slug}/")
    plain.get_by_test_id("finished").get_by_role("link").click()
    expect(plain.get_by_test_id("ranking").locator("li")).to_have_count(3)
    _no_problems(axe_check)

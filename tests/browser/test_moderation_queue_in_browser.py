"""A moderator works through a queue of 250 on a phone-sized screen: pages of 50 with the GOV.UK
pagination, risk first, a redacted excerpt for each, and "next item" after every decision
until the queue is empty. axe and the 320 px reflow check run on every kind of page."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from heard.contributions.actions import NewContribution, do_submit_contribution
from heard.contributions.models import Contribution

from .conftest import signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
QUEUE = 250


def test_a_moderator_clears_a_queue_of_250(browser, live_server, axe_check, make_staff,
                                           activity):
    moderator = make_staff("moderator")
    now = timezone.now()
    made = [do_submit_contribution(activity, NewContribution(
        kind="idea" if n % 5 == 0 else "story",
        text=f"Story {n}: my social worker changed again and nobody told me why.",
        consents={"analysis": True, "quote": True, "publish": True},
        submitted_at=now - timedelta(minutes=QUEUE - n)), None)[0].pk for n in range(QUEUE)]
    url = live_server.url
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    signed_in(page, url, moderator)

    page.goto(f"{url}/staff/moderation/")
    axe_check(page)
    expect(page.get_by_test_id("queue-count")).to_have_text(  # whitespace normalised
        "250 contributions – showing 1 to 50", use_inner_text=True)
    expect(page.get_by_test_id("state-counts")).to_contain_text(
        "Waiting to be checked (250)", use_inner_text=True)
    expect(page.get_by_test_id("excerpt")).to_have_count(50)
    # Oldest first, kept through the pages.
    page.get_by_label("Order").select_option("oldest")
    page.get_by_role("button", name="Filter").click()
    seen = _listed(page)
    for number in range(2, 6):
        # On a phone the pagination shows Previous and Next; the page numbers are for wider
        # screens.
        page.get_by_role("navigation", name="Pages of the moderation queue") \
            .get_by_role("link", name="Next page").click()
        assert "order=oldest" in page.url and f"page={number}" in page.url
        seen += _listed(page)
    axe_check(page)
    assert seen == made

    page.goto(f"{url}/staff/moderation/?order=oldest")
    page.get_by_role("link", name=f"Check contribution {made[0]}", exact=True).click()
    axe_check(page)
    for number, contribution_id in enumerate(made):
        expect(page.get_by_role("heading", level=1)).to_have_text(
            f"Check contribution {contribution_id}", use_inner_text=True)
        decision = "hold" if number % 50 == 7 else "publish"
        page.get_by_role("radio", name="Publish" if decision == "publish" else
                         "Hold back", exact=True).check()
        if decision == "hold":
            page.get_by_label(re.compile("^Reason")).fill("We need to check a name first.")
        page.get_by_role("button", name="Save decision").click()
        if number == 1:
            axe_check(page)  # a decision page reached by "next item"
    done = page.locator(".govuk-notification-banner--success")  # beside any alerts banner
    expect(done).to_contain_text("There is nothing else to check here", use_inner_text=True)
    assert "order=oldest" in page.url
    expect(page.get_by_test_id("state-counts")).to_contain_text(
        "Waiting to be checked (0)", use_inner_text=True)
    axe_check(page)
    statuses = list(Contribution.objects.values_list("status", flat=True))
    assert statuses.count("published") == QUEUE - 5 and statuses.count("held") == 5

    failures = {u: v for u, v in axe_check.results.items() if v}
    assert failures == {}, failures


def _listed(page) -> list[int]:
    links = page.get_by_test_id("queue").get_by_role("link").all_inner_texts()
    return [int(text.rsplit(" ", 1)[1]) for text in links]

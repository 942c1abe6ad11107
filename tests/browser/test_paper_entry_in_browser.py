"""A facilitator finds the paper form on the activity dashboard, and types a returned form in on
a 320 px screen, with and without JavaScript: a wrong code first, then the right one, and hands
back the receipt code. axe checks every page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from heard.contributions.models import Contribution
from heard.contributions.paper import form_code_for

from .conftest import axe_as_served, signed_in

SMALL_PHONE = {"width": 320, "height": 640}
WORDS = "I want my reviews to be at a time when I am not at school."


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_facilitator_enters_a_paper_form(browser, live_server, axe_check, make_staff,
                                           activity, javascript):
    facilitator = make_staff("facilitator")
    context = browser.new_context(viewport=SMALL_PHONE, java_script_enabled=javascript)
    page = context.new_page()
    url = live_server.url

    # Without JavaScript each page is checked as served (scripts blocked) in a second browser
    # with the facilitator's cookies: axe and the 320 px reflow check.
    as_served = None if javascript else axe_as_served(browser, context)

    def check() -> None:
        if javascript:
            axe_check(page)
        else:
            as_served(page, axe_check)

    signed_in(page, url, facilitator)
    page.goto(f"{url}/staff/activities/{activity.slug}/")
    expect(page.get_by_role("link", name="Printable paper form (PDF)")).to_be_visible()
    check()
    page.get_by_role("link", name="Enter a paper response").click()
    expect(page.get_by_role("heading", name="Enter a paper response")).to_be_visible()
    expect(page.locator('input[type="file"]')).to_have_count(0)
    check()

    page.get_by_label("Form code").fill("QQQQQQ")
    page.get_by_label("Their words").fill(WORDS)
    page.get_by_role("button", name="Save this response").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_text("No activity has the form code")).to_have_count(2)  # summary, field
    check()
    assert not Contribution.objects.exists()

    page.get_by_label("Form code").fill(form_code_for(activity))
    page.get_by_role("group", name="Who they are").get_by_label("A foster carer").check()
    page.get_by_label("Read it with what others said").check()
    page.get_by_label("They asked for a code").check()
    page.get_by_role("button", name="Save this response").click()
    expect(page.get_by_role("heading", name="Paper response saved")).to_be_visible()
    expect(page.locator("#receipt-code")).to_be_visible()
    check()
    if javascript:
        assert page.evaluate("document.documentElement.scrollWidth") <= 320

    contribution = Contribution.objects.get()
    assert contribution.channel == "paper" and contribution.entered_by == facilitator
    assert contribution.text == WORDS and contribution.consent_analysis
    assert contribution.perspectives == ["foster_carer"]
    assert all(problems == [] for problems in axe_check.results.values()), axe_check.results
    assert len(axe_check.results) >= 2  # axe ran on the pages, with or without JavaScript
    context.close()

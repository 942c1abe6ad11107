"""A child shares with an advocate's help on a small phone, with and without JavaScript: who
helped and how are recorded, the consent questions are in child words, and the receipt code is
shown only after the child chooses, behind "Show my code". axe checks every new page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from heard.contributions.models import CHILD_CONSENT_TEXT_VERSION, Contribution

from .conftest import axe_as_served, share_words

SMALL_PHONE = {"width": 320, "height": 640}
STORY = "I want to see my brother more. Contact keeps getting cancelled."


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_child_shares_with_help_and_keeps_the_code_from_the_helper(
        browser, live_server, axe_check, baseline, javascript):
    context = browser.new_context(viewport=SMALL_PHONE, java_script_enabled=javascript)
    page = context.new_page()
    # axe is a script: without JavaScript each page is checked as served (its scripts
    # blocked) in a second browser with the child's cookies, with the same 320 px reflow check.
    as_served = None if javascript else axe_as_served(browser, context)

    def check(*, as_served_too: bool = True) -> None:
        if javascript:
            axe_check(page)
        elif as_served_too:
            as_served(page, axe_check)

    share_words(page, f"{live_server.url}/share/share-your-experience", STORY)

    expect(page.get_by_role("heading", name="Is someone helping you share this?")).to_be_visible()
    page.get_by_label("Yes, someone is helping me").check()
    page.get_by_role("button", name="Continue").click()  # but not who, or how: errors first
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check()
    page.get_by_label("An advocate").check()
    page.get_by_label("I wrote down what they said").check()
    page.get_by_label("Yes, I am 12 or younger").check()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="What can we do with what you said?")).to_be_visible()
    check()
    page.locator("#id_consent_analysis").check()
    page.locator("#id_consent_quote").check()
    page.locator("#id_consent_publish_1").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()  # nothing more about them
    expect(page.get_by_text("An advocate")).to_be_visible()  # the check page says who helped
    check()
    page.get_by_role("button", name="Send").click()

    expect(page.get_by_role("heading", name="Thank you. We have got it.")).to_be_visible()
    expect(page.locator("#receipt-code")).to_have_count(0)  # not before the child chooses
    check()
    page.get_by_label("No, just me").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Your code is just for you")).to_be_visible()
    expect(page.locator("#receipt-code")).to_have_count(0)
    check()
    page.get_by_role("button", name="Show my code").click()
    expect(page.locator("#receipt-code")).to_be_visible()
    # The code is shown once, in answer to the button: asking for the page again elsewhere
    # would not show the same page, so only the page with scripts is checked here.
    check(as_served_too=False)
    page.get_by_role("link", name="Hide my code").click()
    expect(page.get_by_role("heading", name="Your code is hidden")).to_be_visible()
    check()
    try:
        page.go_back()  # the page that showed the code was never stored: nothing to go back to
    except PlaywrightError as error:
        assert "ERR_CACHE_MISS" in str(error)
    expect(page.locator("#receipt-code")).to_have_count(0)

    contribution = Contribution.objects.get()
    assert (contribution.helper_role, contribution.capture_mode) == ("advocate", "written_down")
    assert contribution.consent_version == CHILD_CONSENT_TEXT_VERSION
    assert contribution.consents() == {"analysis": True, "quote": True, "publish": False}
    assert all(problems == [] for problems in axe_check.results.values()), axe_check.results
    assert len(axe_check.results) >= 5  # axe ran on the pages, with or without JavaScript
    context.close()

"""On a small phone with JavaScript off, a child who writes that they will kill themselves tonight
sees help on the very next page, before any question about consent or who they are; the flag
and its alert already exist, even if they close the page there."""

from __future__ import annotations

from playwright.sync_api import expect

from heard.contributions.models import Contribution
from heard.safety.models import SafeguardingAlert, SafeguardingFlag

from .conftest import share_words

SMALL_PHONE = {"width": 320, "height": 640}
DISCLOSURE = "im going to kill myself tonite i have the tablets saved up"


def test_help_shows_before_consent_and_the_flag_exists_before_send(
        browser, live_server, axe_check, baseline):
    person = browser.new_context(viewport=SMALL_PHONE, java_script_enabled=False)
    page = person.new_page()
    share_words(page, f"{live_server.url}/share/share-your-experience", DISCLOSURE)

    # The very next page ("Is someone helping you?", before consent), with help above it.
    expect(page.get_by_role("heading", name="Is someone helping you share this?")).to_be_visible()
    help_now = page.get_by_test_id("help-now")
    expect(help_now).to_be_visible()
    text = help_now.inner_text()
    assert "999" in text and "Childline" in text and "even if you do not finish" in text
    box = help_now.bounding_box()
    assert box is not None and box["width"] <= 320  # fits the screen: no sideways scrolling
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    # They leave here. The lead has a flag and an alert on its way all the same.
    flag = SafeguardingFlag.objects.get()
    assert flag.level == "immediate" and flag.contribution.held_for_safeguarding
    assert SafeguardingAlert.objects.filter(flag=flag).count() == 1
    assert Contribution.objects.count() == 1

    # axe runs scripts, so it reads the same page, same session, in a context that has them.
    checker = browser.new_context(viewport=SMALL_PHONE)
    checker.add_cookies(person.cookies())
    same = checker.new_page()
    same.goto(page.url)
    expect(same.get_by_test_id("help-now")).to_be_visible()
    axe_check(same)
    assert axe_check.results[same.url] == [], axe_check.results
    person.close()
    checker.close()

"""A shared computer in a children's home: a child writes, presses "Exit this page" (with and
without JavaScript), and the next person on the same browser finds nothing, not even with Back.
Then a person downloads and deletes their data; axe-core checks every new page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from heard.contributions.actions import NewContribution, do_submit_contribution
from heard.contributions.models import Contribution

from .conftest import share_words, signed_in

PHONE = {"width": 390, "height": 844}
STORY = "My carer reads my messages and I want to move somewhere else."


def shared_computer(browser, javascript: bool):
    return browser.new_context(viewport=PHONE, java_script_enabled=javascript)


def everyday_site(settings, url: str) -> str:
    """Where the exit leads in these tests: tests have no network, so the same live server
    under its other name stands in for the everyday site. 127.0.0.1 is another site from
    localhost to the browser (another host), so the exit is the cross-site redirect it is in
    use. No route answers it: a route was needed for www.bbc.co.uk, only the full browser hands
    a redirect to one, and the two runs that stalled for 5-30 s in a loaded suite (sessions 41
    and 42) were both in that browser with that route (decision 0052)."""
    assert "//localhost:" in url, f"the live server must be on localhost for this test: {url}"
    site = url.replace("//localhost:", "//127.0.0.1:") + "/help/"
    settings.HEARD_EXIT_URL = site
    return site


def write_a_story(page, url: str) -> None:
    share_words(page, f"{url}/share/share-your-experience", STORY)  # the story is in the session
    page.get_by_role("link", name="Back", exact=True).click()
    expect(page.get_by_label("Write it here")).to_have_value(STORY)


def nothing_left(page, url: str) -> None:
    """The next person: the write step, and Back through everything the child saw."""
    page.goto(f"{url}/share/share-your-experience/write/")
    assert STORY not in page.content()
    for _ in range(4):
        page.go_back()
        page.wait_for_load_state()
        assert STORY not in page.content(), page.url
        if page.url.startswith("about:"):
            break


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_exit_this_page_leaves_nothing_for_the_next_person(browser, live_server, baseline,
                                                           settings, javascript):
    url = live_server.url
    site = everyday_site(settings, url)
    context = shared_computer(browser, javascript)
    page = context.new_page()
    write_a_story(page, url)
    page.get_by_role("button", name=re.compile("Exit this page")).click()
    page.wait_for_url(site)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    nothing_left(page, url)
    context.close()


def test_i_have_finished_leaves_nothing_for_the_next_person(browser, live_server, activity):
    _contribution, code = do_submit_contribution(activity, NewContribution(
        kind="story", text=STORY, consents={"analysis": True}), None)
    context = shared_computer(browser, True)
    page = context.new_page()
    url = live_server.url
    page.goto(f"{url}/receipt/")
    page.get_by_label("Enter your receipt code").fill(code)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("body")).to_contain_text(STORY[:30])  # waits for the receipt page
    page.get_by_role("button", name="I have finished").click()
    page.goto(f"{url}/receipt/yours/")
    assert STORY[:30] not in page.content()
    for _ in range(3):
        page.go_back()
        page.wait_for_load_state()
        assert STORY[:30] not in page.content(), page.url
    context.close()


def test_a_person_downloads_and_deletes_their_data(browser, live_server, axe_check, activity,
                                                    make_staff):
    contribution, code = do_submit_contribution(activity, NewContribution(
        kind="story", text=STORY, perspectives=("child_in_care",),
        consents={"analysis": True, "quote": True}), None)
    page = browser.new_context(viewport=PHONE).new_page()
    url = live_server.url
    page.goto(f"{url}/privacy/")
    axe_check(page)
    page.goto(f"{url}/receipt/")
    page.get_by_label("Enter your receipt code").fill(code)
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="See and download everything we hold about you").click()
    axe_check(page)
    expect(page.locator("body")).to_contain_text(STORY)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Download it as a file")).click()
    assert STORY in download.value.path().read_text(encoding="utf-8")
    page.get_by_role("link", name="Back", exact=True).click()
    page.get_by_role("link", name="Delete everything you shared").click()
    axe_check(page)
    page.get_by_role("button", name="Delete everything").click()  # not ticked: an error
    axe_check(page)
    expect(page.get_by_text("Tick the box").first).to_be_visible()
    page.get_by_label("Yes, delete everything").check()
    page.get_by_role("button", name="Delete everything").click()
    axe_check(page)
    expect(page.get_by_role("heading", name="Everything has been deleted")).to_be_visible()
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.WITHDRAWN and contribution.text == ""

    admin = make_staff("administrator")
    staff = browser.new_context().new_page()
    signed_in(staff, url, admin)
    staff.goto(f"{url}/staff/privacy/")
    axe_check(staff)
    staff.get_by_label("Days (default 90)").fill("fourteen")
    staff.get_by_role("button", name=re.compile("Save.*emails we send", re.I)).click()
    axe_check(staff)
    expect(staff.get_by_text("Give a number of days").first).to_be_visible()
    staff.get_by_label("Days (default 90)").fill("14")
    staff.get_by_role("button", name=re.compile("Save.*emails we send", re.I)).click()
    expect(staff.get_by_text("Saved: Emails we send")).to_be_visible()
    failures = {u: v for u, v in axe_check.results.items() if v}
    assert failures == {}, failures

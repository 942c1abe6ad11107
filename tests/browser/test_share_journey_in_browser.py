"""A young person shares on a phone, comes back with the receipt, changes a consent and
withdraws; a moderator publishes. axe-core checks every page on the way."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from heard.contributions.models import Contribution

from .conftest import answer_consents, share_words, sharing_alone, signed_in

PHONE = {"width": 390, "height": 844}
STORY = "I have had six social workers in two years. Every time I have to start again."


def test_young_person_shares_returns_changes_consent_and_withdraws(
    browser, live_server, axe_check, make_staff
):
    moderator = make_staff("moderator")
    person = browser.new_context(viewport=PHONE, java_script_enabled=True)
    page = person.new_page()
    url = live_server.url

    page.goto(f"{url}/")
    axe_check(page)
    page.get_by_role("button", name="Start sharing").click()
    axe_check(page)
    page.get_by_role("button", name="Start now").click()

    # The first question picks the wording (docs/decisions/0021); 12 to 17 get their own.
    axe_check(page)
    page.get_by_label("I'd rather not say").check()
    page.get_by_role("button", name="Continue").click()

    page.get_by_role("button", name="Continue").click()  # nothing chosen: an error first
    expect(page.get_by_text("There is a problem")).to_be_visible()
    axe_check(page)
    page.get_by_label("A child or young person in care").check()
    page.get_by_role("button", name="Continue").click()

    axe_check(page)
    page.get_by_label("Something that happened").check()
    page.get_by_role("button", name="Continue").click()

    axe_check(page)
    page.get_by_label("Write it here").fill(STORY)
    page.get_by_role("button", name="Continue").click()

    axe_check(page)
    sharing_alone(page)  # no one is helping

    axe_check(page)
    answer_consents(page)
    page.get_by_role("button", name="Continue").click()

    axe_check(page)
    page.get_by_label("How old are you?").select_option("12_15")
    page.get_by_role("button", name="Continue").click()

    axe_check(page)
    expect(page.locator("main")).to_contain_text(STORY[:30])
    page.get_by_role("button", name="Send").click()

    axe_check(page)
    code = page.locator("#receipt-code").inner_text()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){4}", code)
    contribution = Contribution.objects.get()
    assert contribution.text == STORY

    # A moderator publishes it, and it appears on the public page.
    staff = browser.new_context()
    staff_page = staff.new_page()
    staff_page.goto(f"{url}/staff/sign-in/")
    axe_check(staff_page)
    signed_in(staff_page, url, moderator)
    axe_check(staff_page)
    staff_page.goto(f"{url}/staff/moderation/")
    axe_check(staff_page)
    staff_page.get_by_role("link", name=f"Check contribution {contribution.pk}").click()
    axe_check(staff_page)
    staff_page.get_by_role("radio", name="Publish", exact=True).check()
    staff_page.get_by_role("button", name="Save decision").click()
    expect(staff_page.get_by_text("Decision saved")).to_be_visible()

    page.goto(f"{url}/activities/share-your-experience/")
    axe_check(page)
    expect(page.locator("body")).to_contain_text(STORY)

    # The young person comes back with the code, stops quotes, then withdraws.
    page.goto(f"{url}/receipt/")
    axe_check(page)
    page.get_by_label("Enter your receipt code").fill(code)
    page.get_by_role("button", name="Continue").click()
    axe_check(page)
    expect(page.get_by_text("Published").first).to_be_visible()
    page.get_by_role("button", name="Change to No for quote in reports, without your name").click()
    axe_check(page)
    contribution.refresh_from_db()
    assert contribution.consent_quote is False

    page.get_by_role("link", name=re.compile("Take this back")).click()
    axe_check(page)
    page.get_by_role("button", name="Yes, delete it").click()
    axe_check(page)
    expect(page.get_by_text("What you shared has been deleted")).to_be_visible()
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.WITHDRAWN and contribution.text == ""

    page.goto(f"{url}/activities/share-your-experience/")
    assert STORY not in page.content()

    failures = {u: v for u, v in axe_check.results.items() if v}
    assert len(axe_check.results) >= 15
    assert failures == {}, failures
    person.close()
    staff.close()


def test_the_journey_works_without_javascript(browser, live_server, baseline):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    url = live_server.url
    share_words(page, f"{url}/share/share-your-experience", "Nobody invites dads to the meetings.",
                who="A father whose children", about="A problem")
    sharing_alone(page)
    page.locator("#id_consent_analysis").check()
    page.locator("#id_consent_quote_no").check()
    page.locator("#id_consent_publish_no").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Send").click()
    expect(page.locator("#receipt-code")).to_be_visible()
    assert Contribution.objects.get().perspectives == ["parent_father"]
    context.close()


def test_other_public_pages_pass_axe(browser, live_server, axe_check, baseline):
    page = browser.new_context(viewport=PHONE).new_page()
    for path in ("/activities/", "/account/create/", "/account/sign-in/", "/no-such-page/",
                 "/share/share-your-experience/what/"):
        page.goto(f"{live_server.url}{path}")
        axe_check(page)
    page.goto(f"{live_server.url}/account/create/")
    page.get_by_role("button", name="Make my account").click()
    axe_check(page)
    failures = {u: v for u, v in axe_check.results.items() if v}
    assert failures == {}, failures

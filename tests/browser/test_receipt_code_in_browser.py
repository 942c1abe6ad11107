"""The receipt code on a 320 px phone: kept whole by group, copied with one press when
JavaScript runs, printed cleanly with the print stylesheet, and the step caption on the way."""

from __future__ import annotations

from playwright.sync_api import expect

from .conftest import answer_consents, sharing_alone

SMALL_PHONE = {"width": 320, "height": 640}


def _share(page, url: str, axe_check) -> None:
    page.goto(f"{url}/share/share-your-experience/who/")
    expect(page.get_by_test_id("step")).to_have_text("Step 2 of 8", use_inner_text=True)
    page.get_by_label("A care leaver or an adult who grew up in care").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_test_id("step")).to_have_text("Step 3 of 8", use_inner_text=True)
    page.get_by_label("An idea").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Write it here").fill("A drop-in every Friday for care leavers.")
    page.get_by_role("button", name="Continue").click()
    sharing_alone(page)  # no one is helping
    page.get_by_role("button", name="Continue").click()  # nothing answered: one error each
    summary = page.locator(".govuk-error-summary").inner_text()
    assert summary.count("Choose yes or no") == 3
    assert "can we quote some of your words in reports?" in summary
    axe_check(page)
    answer_consents(page)
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_test_id("step")).to_have_text("Step 8 of 8", use_inner_text=True)
    page.get_by_role("button", name="Send").click()


def test_the_code_stays_whole_and_can_be_copied_and_printed(browser, live_server, axe_check,
                                                            baseline):
    context = browser.new_context(viewport=SMALL_PHONE)
    context.grant_permissions(["clipboard-read", "clipboard-write"],
                              origin=live_server.url)
    page = context.new_page()
    _share(page, live_server.url, axe_check)
    code = page.locator("#receipt-code")
    groups = code.locator(".heard-receipt-code__group")
    expect(groups).to_have_count(5)
    tops = {round(box["y"]) for box in (g.bounding_box() for g in groups.all()) if box}
    assert len(tops) > 1, "at 320 px the code wraps, between groups"
    for group in groups.all():  # each group on one line: as tall as one line of the code
        box = group.bounding_box()
        assert box is not None and box["height"] < 1.6 * float(
            page.evaluate("parseFloat(getComputedStyle(document.querySelector("
                          "'.heard-receipt-code')).fontSize)"))
    axe_check(page)

    page.get_by_role("button", name="Copy the code").click()
    # The clipboard write is a promise: wait for the status it sets, not a fixed moment.
    expect(page.locator("[data-copy-status]")).to_contain_text("Code copied")
    assert page.evaluate("navigator.clipboard.readText()") == code.get_attribute("data-code")

    page.emulate_media(media="print")
    expect(code).to_be_visible()
    for hidden in (".govuk-service-navigation", ".govuk-footer", ".govuk-exit-this-page",
                   ".heard-keep-code"):
        expect(page.locator(hidden).first).to_be_hidden()
    failures = {u: v for u, v in axe_check.results.items() if v}
    assert failures == {}, failures


def test_without_javascript_there_is_no_copy_button_but_printing_works(browser, live_server,
                                                                      baseline):
    page = browser.new_context(viewport=SMALL_PHONE, java_script_enabled=False).new_page()
    _share(page, live_server.url, lambda page: None)  # axe needs JavaScript in the page
    expect(page.locator("#receipt-code")).to_be_visible()
    expect(page.get_by_role("button", name="Copy the code")).to_be_hidden()
    expect(page.get_by_text("You can also print this page")).to_be_visible()

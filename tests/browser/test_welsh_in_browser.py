"""A full journey in Welsh on a 320 px phone, with and without JavaScript (issue 15): choose
Cymraeg in the header, come back with a receipt code, look at what you shared, start to take
it back and keep it, see your data, and switch back to English. Every page says lang="cy" and
passes axe (without JavaScript, as served with its scripts blocked)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import axe_as_served

SMALL_PHONE = {"width": 320, "height": 640}


def _welsh_page(page, axe_check) -> None:
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    axe_check(page)


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_receipt_journey_in_welsh(browser, live_server, axe_check, young_person_story,
                                  javascript):
    _contribution, code = young_person_story
    context = browser.new_context(viewport=SMALL_PHONE, java_script_enabled=javascript)
    page = context.new_page()
    check = axe_check
    if not javascript:  # axe needs JavaScript: check each page as served, scripts blocked
        served = axe_as_served(browser, context, lang="cy")

        def check(page):  # noqa: F811 - the same check, on the served DOM
            served(page, axe_check)
    page.goto(f"{live_server.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "en-gb")

    # The switch is a form button; it posts and comes back to the same page, now in Welsh.
    page.get_by_role("button", name=re.compile("Cymraeg")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cael eich clywed")
    _welsh_page(page, check)

    menu = page.get_by_role("button", name="Dewislen")  # GOV.UK's menu folds away on a phone
    if menu.is_visible():
        menu.click()
    page.get_by_role("link", name="Dod yn ôl gyda'ch cod").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rhowch eich cod derbynneb")
    _welsh_page(page, check)
    page.get_by_label("Rhowch eich cod derbynneb").fill(code)
    page.get_by_role("button", name="Parhau").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Beth rannoch chi")
    expect(page.get_by_test_id("status")).to_contain_text("Yn aros i gael ei wirio")
    expect(page.get_by_test_id("choices")).to_contain_text("Ei ddangos ar y wefan, heb eich enw")
    _welsh_page(page, check)

    page.get_by_role("link", name=re.compile("^Tynnu hyn yn ôl")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tynnu'n ôl yr hyn a rannoch chi")
    _welsh_page(page, check)
    page.get_by_role("link", name="Na, ei gadw").click()

    page.get_by_role("link", name="Gweld a lawrlwytho popeth sydd gennym ni amdanoch chi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Popeth sydd gennym ni amdanoch chi")
    # Every section is Welsh, not only "what you shared" (issue 15 audit, branch s24-welsh).
    expect(page.get_by_role("heading", name="Eich derbynebau")).to_be_visible()
    expect(page.get_by_role("heading", name="Beth ddigwyddodd, a phryd")).to_be_visible()
    expect(page.get_by_text("Your receipts")).to_have_count(0)
    _welsh_page(page, check)

    page.get_by_role("link", name="Preifatrwydd").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Sut rydyn ni'n gofalu am yr hyn rydych chi'n ei rannu")
    expect(page.get_by_test_id("retention-table")).to_contain_text(
        "Negeseuon e-bost rydyn ni'n eu hanfon")
    _welsh_page(page, check)

    page.get_by_role("button", name=re.compile("English")).click()
    expect(page.locator("html")).to_have_attribute("lang", "en-gb")
    expect(page.get_by_role("heading", level=1)).to_have_text("How we look after what you share")
    failures = {u: v for u, v in axe_check.results.items() if v}
    assert failures == {} and len(axe_check.results) >= 5, axe_check.results

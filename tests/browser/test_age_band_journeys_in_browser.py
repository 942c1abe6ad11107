"""One journey for each age band, end to end to the receipt, on a 320 px phone, with and without
JavaScript; axe-core, the reflow check and the CSP watch on every page (docs/decisions/0021).
Read-aloud buttons appear with JavaScript where the browser can speak, never without, never
speak by themselves, and read the text they sit beside."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from heard.contributions.band_texts import AGE_CHOICES, texts_for
from heard.contributions.models import Contribution

from .conftest import SMALL_PHONE, answer_consents, axe_as_served

START = "/share/share-your-experience/"
STORY = "We never get to choose what is for tea."
# Put in before the page's own scripts: counts what the page asks the browser to say.
RECORD_SPEECH = """
window.__spoken = [];
if (window.speechSynthesis) {
  window.speechSynthesis.speak = (utterance) => window.__spoken.push(utterance.text);
}
"""
NO_SPEECH = "Object.defineProperty(window, 'speechSynthesis', {value: undefined});"


def _label(band: str) -> str:
    return str(next(c.label for c in AGE_CHOICES if c.value == band))


def _read_aloud_buttons(page):
    return page.get_by_role("button", name="Read aloud")


def _walk(page, url: str, band: str, axe_check, *, javascript: bool, browser) -> None:
    texts = texts_for(band)
    if not javascript:
        as_served = axe_as_served(browser, page.context)

        def axe_check(page, check=axe_check):  # noqa: F811 - the same check, on the served DOM
            as_served(page, check)

    page.goto(f"{url}{START}")
    axe_check(page)
    page.get_by_role("button", name="Start now").click()
    expect(page.get_by_role("heading", name="How old are you?")).to_be_visible()
    axe_check(page)
    page.get_by_label(_label(band), exact=True).check()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name=str(texts.who_question))).to_be_visible()
    axe_check(page)
    if javascript:
        expect(_read_aloud_buttons(page).first).to_be_visible()
        assert page.evaluate("window.__spoken.length") == 0, "read-aloud must never autoplay"
    else:
        expect(_read_aloud_buttons(page)).to_have_count(0)
    first = texts.perspectives[0].label if texts.perspectives else "A child or young person in care"
    page.get_by_label(str(first), exact=True).check()
    page.get_by_role("button", name="Continue").click()

    axe_check(page)
    page.get_by_role("radio", name=str(texts.kinds[0].label), exact=True).check()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name=str(texts.write_heading["story"]))).to_be_visible()
    axe_check(page)
    if texts.feelings:
        page.get_by_role("radio", name="Good", exact=True).check()
    page.get_by_label(str(texts.text_label), exact=True).fill(STORY)
    page.get_by_role("button", name="Continue").click()

    axe_check(page)  # is someone helping? (issue 15 item 3); the band may settle the age
    page.get_by_label("No, I am sharing on my own").check()
    if band in ("12_17", "not_said"):
        page.get_by_label("No, I am 13 or older").check()
    page.get_by_role("button", name="Continue").click()

    axe_check(page)
    if texts.easy_read:
        expect(page.get_by_role("link", name="Standard version")).to_be_visible()
    else:
        expect(page.get_by_role("link", name="Easy read version")).to_be_visible()
    answer_consents(page)
    page.get_by_role("button", name="Continue").click()

    axe_check(page)
    page.get_by_role("button", name="Continue").click()
    axe_check(page)
    page.get_by_role("button", name="Send").click()
    # The receipt is shown once; without JavaScript it is checked as it was served to this
    # person (axe_as_served replays the response), not fetched again.
    axe_check(page)
    code = page.locator("#receipt-code").inner_text()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){4}", code)


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
@pytest.mark.parametrize("band", ["4_7", "8_11", "12_17", "18_plus", "not_said"])
def test_each_age_band_shares_to_the_receipt_at_320_px(browser, live_server, axe_check,
                                                        baseline, band, javascript):
    context = browser.new_context(viewport=SMALL_PHONE, java_script_enabled=javascript)
    context.add_init_script(RECORD_SPEECH)
    page = context.new_page()
    _walk(page, live_server.url, band, axe_check, javascript=javascript, browser=browser)
    contribution = Contribution.objects.get()
    assert contribution.text == STORY and contribution.age_journey == band
    assert contribution.home_feeling == (4 if texts_for(band).feelings else None)
    failures = {u: v for u, v in axe_check.results.items() if v}
    assert len(axe_check.results) >= 8
    assert failures == {}, failures


def test_read_aloud_reads_the_text_beside_it_only_when_pressed(browser, live_server, baseline):
    context = browser.new_context(viewport=SMALL_PHONE)
    context.add_init_script(RECORD_SPEECH)
    page = context.new_page()
    page.goto(f"{live_server.url}{START}age/")
    buttons = _read_aloud_buttons(page)
    expect(buttons.first).to_be_visible()
    assert page.evaluate("window.__spoken") == []
    buttons.first.click()
    assert page.evaluate("window.__spoken") == ["How old are you?"]
    box = buttons.first.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44


def test_no_read_aloud_button_where_the_browser_cannot_speak(browser, live_server, baseline):
    context = browser.new_context(viewport=SMALL_PHONE)
    context.add_init_script(NO_SPEECH)
    page = context.new_page()
    page.goto(f"{live_server.url}{START}age/")
    expect(page.get_by_role("heading", name="How old are you?")).to_be_visible()
    page.wait_for_load_state("load")
    expect(_read_aloud_buttons(page)).to_have_count(0)


@pytest.mark.parametrize("path", ["/help/", "/help/easy-read/"])
def test_the_help_pages_pass_axe_at_320_px_with_read_aloud(browser, live_server, axe_check,
                                                           path):
    context = browser.new_context(viewport=SMALL_PHONE)
    context.add_init_script(RECORD_SPEECH)
    page = context.new_page()
    page.goto(f"{live_server.url}{path}")
    expect(_read_aloud_buttons(page).first).to_be_visible()
    axe_check(page)
    assert {u: v for u, v in axe_check.results.items() if v} == {}

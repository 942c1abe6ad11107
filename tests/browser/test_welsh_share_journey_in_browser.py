"""The whole share journey in Welsh on a 320 px phone, with and without JavaScript (issue 15):
choose Cymraeg with the header switch on the home page, then every step of the share journey
(start, age, who, what, write, helper, consent, about you, check, done) says lang="cy", shows
its own Welsh words, passes axe, and the contribution is saved as written.

Without JavaScript axe cannot run in the page itself, so each page is checked as served in a
second browser with the person's cookies and the page's scripts blocked (as the age-band tests
do). The expected Welsh is written out here, not looked up in the catalogue, so a missing or
wrong translation fails the test."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from heard.contributions.models import Contribution

from .conftest import SMALL_PHONE, axe_as_served

STORY = "Dydw i byth yn cael dewis beth sydd i de."  # the person's own words, in Welsh too


def _welsh_step(page, check, heading: str, *welsh: str) -> None:
    """The page is Welsh: lang="cy", its heading and some of its own words in Welsh."""
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    for words in welsh:
        expect(page.locator("main")).to_contain_text(words)
    check(page)


def _walk_in_welsh(page, url: str, check) -> str:
    page.goto(f"{url}/")
    expect(page.locator("html")).to_have_attribute("lang", "en-gb")
    page.get_by_role("button", name=re.compile("Cymraeg")).click()
    _welsh_step(page, check, "Cael eich clywed")
    page.get_by_role("button", name="Dechrau rhannu").click()

    _welsh_step(page, check, "", "Pwy fydd yn ei ddarllen", "Os nad yw rhywun yn ddiogel",
                "Mae'n cymryd tua 10 munud")
    page.get_by_role("button", name="Dechrau nawr").click()

    _welsh_step(page, check, "Faint yw eich oed chi?", "12 i 17")
    page.get_by_label("Mae'n well gen i beidio â dweud", exact=True).check()
    page.get_by_role("button", name="Parhau").click()

    # Nothing chosen: the error is in Welsh too, and the page still passes axe.
    page.get_by_role("button", name="Parhau").click()
    _welsh_step(page, check, "Pwy ydych chi?", "Mae problem",
                "Dewiswch o leiaf un, neu dewiswch 'Byddai'n well gen i beidio â dweud'.")
    page.get_by_label("Plentyn neu berson ifanc mewn gofal", exact=True).check()
    page.get_by_role("button", name="Parhau").click()

    _welsh_step(page, check, "Beth rydych chi eisiau ei rannu?", "Syniad")
    page.get_by_role("radio", name="Rhywbeth a ddigwyddodd", exact=True).check()
    page.get_by_role("button", name="Parhau").click()

    _welsh_step(page, check, "Dywedwch wrthym ni beth ddigwyddodd", "Gallech chi feddwl am:")
    page.get_by_label("Ysgrifennwch e yma", exact=True).fill(STORY)
    page.get_by_role("button", name="Parhau").click()

    _welsh_step(page, check, "Oes rhywun yn eich helpu chi i rannu hyn?",
                "Na, rydw i'n rhannu ar fy mhen fy hun")
    page.get_by_label("Na, rydw i'n rhannu ar fy mhen fy hun").check()
    page.get_by_label("Nac ydw, rydw i'n 13 oed neu'n hŷn").check()
    page.get_by_role("button", name="Parhau").click()

    _welsh_step(page, check, "Sut gallwn ni ddefnyddio beth rydych chi'n ei rannu",
                "Gawn ni ddyfynnu rhai o'ch geiriau mewn adroddiadau, heb eich enw?")
    page.locator("#id_consent_analysis").check()     # yes
    page.locator("#id_consent_quote_no").check()
    page.locator("#id_consent_publish").check()      # yes
    page.get_by_role("button", name="Parhau").click()

    _welsh_step(page, check, "Amdanoch chi (dewisol)", "Beth yw eich rhywedd chi?")
    page.get_by_label("Beth yw eich grŵp ethnig chi?").select_option("white_irish")
    page.get_by_role("button", name="Parhau").click()

    _welsh_step(page, check, "Gwirio eich atebion", "Plentyn neu berson ifanc mewn gofal",
                "Rhywbeth a ddigwyddodd", "Ei ddyfynnu mewn adroddiadau: Na",
                "Gwyn: Gwyddelig", "Heb ateb")
    page.get_by_role("button", name="Anfon").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Diolch. Mae e gennym ni.")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.locator("main")).to_contain_text("Beth sy'n digwydd nesaf")
    expect(page.locator("main")).to_contain_text(
        "Faint ydych chi'n meddwl y bydd beth rannoch chi yn gwneud gwahaniaeth?")
    code = page.locator("#receipt-code").inner_text()
    return code


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_whole_share_journey_in_welsh_at_320_px(browser, live_server, axe_check, baseline,
                                                    javascript):
    context = browser.new_context(viewport=SMALL_PHONE, java_script_enabled=javascript)
    page = context.new_page()
    check = axe_check
    if not javascript:
        served = axe_as_served(browser, context, lang="cy")

        def check(page, served=served) -> None:
            served(page, axe_check)

    code = _walk_in_welsh(page, live_server.url, check)
    if javascript:  # the code is shown once: a second look (the served copy) would find it gone
        axe_check(page)

    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){4}", code)
    contribution = Contribution.objects.get()
    assert contribution.text == STORY
    assert contribution.perspectives == ["child_in_care"] and contribution.kind == "story"
    assert (contribution.consent_analysis, contribution.consent_quote,
            contribution.consent_publish) == (True, False, True)
    assert contribution.equality == {"ethnicity": "white_irish"}
    assert len(axe_check.results) >= 10
    failures = {u: v for u, v in axe_check.results.items() if v}
    assert failures == {}, failures

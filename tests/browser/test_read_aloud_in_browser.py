"""Read-aloud on every participant page (issue 15 item 2, docs/decisions/0021): templates/base.html
marks <main> and carries the button's words, so a consultation's questions and an opinion map's
statements get a "Read aloud" button each, with JavaScript where the browser can speak. Never
without JavaScript, never on a staff page, never two by one text, never speaking by itself; axe
and the 320 px reflow check on the pages with the buttons."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from heard.activities.models import Activity
from heard.activities.opinion_map.actions import do_add_statement, do_create_opinion_map

from ..activities.activity_helpers import make_activity
from .conftest import signed_in
from .test_age_band_journeys_in_browser import NO_SPEECH, RECORD_SPEECH

SMALL_PHONE = {"width": 320, "height": 640}
QUESTIONS = ("What helped most when you moved?", "How much were you told?",
             "Who should tell you?", "What one change would help?")
STATEMENT = "Every child should have one worker who stays."

# For each "Read aloud" button: the text it reads (the element named by aria-describedby), and
# whether it sits straight after that element. Counting them finds a text with two buttons.
BUTTONS_JS = """() => [...document.querySelectorAll('button.heard-read-aloud')].map((button) => {
  const read = document.getElementById(button.getAttribute('aria-describedby'));
  return {id: read.id, text: read.textContent.trim(), beside: read.nextElementSibling === button};
})"""


def _buttons(page) -> list[dict]:
    page.wait_for_load_state("load")
    found = page.evaluate(BUTTONS_JS)
    assert all(b["beside"] for b in found), found
    ids = [b["id"] for b in found]
    assert len(ids) == len(set(ids)), f"a text with two read-aloud buttons: {ids}"
    return found


def _context(browser, *, javascript: bool = True, speech: bool = True):
    context = browser.new_context(viewport=SMALL_PHONE, java_script_enabled=javascript)
    context.add_init_script(RECORD_SPEECH if speech else NO_SPEECH)
    return context


def _to_consultation_questions(page, url: str, slug: str) -> None:
    page.goto(f"{url}/activities/{slug}/")
    page.get_by_role("link", name="Answer the questions").click()
    page.get_by_role("button", name="Start now").click()
    expect(page.get_by_role("heading", name="Your answers")).to_be_visible()


def _to_first_statement(page, url: str, slug: str) -> None:
    page.goto(f"{url}/opinions/{slug}/")
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("heading", name="Statement 1 of 1")).to_be_visible()


@pytest.fixture
def consultation(make_staff) -> Activity:
    return make_activity(Activity.Kind.CONSULTATION, make_staff("facilitator"))


@pytest.fixture
def opinion_map(make_staff) -> Activity:
    facilitator = make_staff("facilitator")
    opinion_map = do_create_opinion_map("What would change things?",
                                        "What would make the biggest difference?", facilitator)
    do_add_statement(opinion_map, STATEMENT, facilitator)
    return opinion_map.activity


def test_each_consultation_question_has_one_button_that_reads_it(browser, live_server,
                                                                 axe_check, consultation):
    page = _context(browser).new_page()
    _to_consultation_questions(page, live_server.url, consultation.slug)
    buttons = _buttons(page)
    for question in QUESTIONS:
        beside = [b for b in buttons if question in b["text"]]
        assert len(beside) == 1, (question, buttons)
    assert page.evaluate("window.__spoken") == [], "read-aloud must never autoplay"
    page.get_by_role("button", name="Read aloud").nth(
        next(i for i, b in enumerate(buttons) if QUESTIONS[1] in b["text"])).click()
    assert page.evaluate("window.__spoken") == ["2. How much were you told?"]
    axe_check(page)
    assert {u: v for u, v in axe_check.results.items() if v} == {}


def test_an_opinion_map_statement_has_a_button_that_reads_it(browser, live_server, axe_check,
                                                             opinion_map):
    page = _context(browser).new_page()
    page.goto(f"{live_server.url}/opinions/{opinion_map.slug}/")
    start = _buttons(page)
    assert any(b["text"] == "Who are you? (optional)" for b in start), start
    axe_check(page)
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("heading", name="Statement 1 of 1")).to_be_visible()
    buttons = _buttons(page)
    assert [b["text"] for b in buttons] == ["Statement 1 of 1", STATEMENT]
    page.get_by_role("button", name="Read aloud").nth(1).click()
    assert page.evaluate("window.__spoken") == [STATEMENT]
    axe_check(page)
    assert {u: v for u, v in axe_check.results.items() if v} == {}


def test_no_button_without_javascript_or_without_speech(browser, live_server, consultation,
                                                        opinion_map):
    for javascript, speech in ((False, True), (True, False)):
        page = _context(browser, javascript=javascript, speech=speech).new_page()
        _to_consultation_questions(page, live_server.url, consultation.slug)
        expect(page.get_by_role("heading", name=re.compile("How much were you told"))) \
            .to_be_visible()
        assert _buttons(page) == []
        _to_first_statement(page, live_server.url, opinion_map.slug)
        expect(page.get_by_test_id("statement")).to_have_text(STATEMENT)
        assert _buttons(page) == []


def test_no_button_on_staff_pages(browser, live_server, make_staff, consultation):
    page = _context(browser).new_page()
    page.goto(f"{live_server.url}/staff/sign-in/")
    expect(page.get_by_label("Username")).to_be_visible()
    assert _buttons(page) == []
    signed_in(page, live_server.url, make_staff("facilitator"))
    for path in ("/staff/", f"/staff/activities/{consultation.slug}/"):
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("h1")).to_be_visible()
        assert _buttons(page) == [], path
    # The same browser, back on a participant page, gets the buttons again.
    page.goto(f"{live_server.url}/help/")
    assert _buttons(page) != []


@pytest.mark.parametrize("path", ["", "age/", "who/", "what/"])
def test_share_pages_that_marked_their_own_scope_get_one_button_each(browser, live_server,
                                                                     baseline, path):
    page = _context(browser).new_page()
    page.goto(f"{live_server.url}/share/share-your-experience/{path}")
    expect(page.locator("h1").first).to_be_visible()
    assert len(_buttons(page)) >= 1


@pytest.mark.parametrize("path", ["/", "/receipt/", "/activities/", "/you-said-we-did/",
                                  "/privacy/", "/account/create/"])
def test_other_participant_pages_read_aloud_once_per_text_and_pass_axe(browser, live_server,
                                                                       axe_check, baseline,
                                                                       path):
    page = _context(browser).new_page()
    page.goto(f"{live_server.url}{path}")
    assert any(b["text"] == page.locator("h1").first.inner_text().strip()
               for b in _buttons(page)), "the page's heading has its button"
    axe_check(page)
    assert {u: v for u, v in axe_check.results.items() if v} == {}

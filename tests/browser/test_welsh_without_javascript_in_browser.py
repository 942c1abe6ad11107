"""Each activity kind's participant pages in Welsh, without JavaScript, on a 320 px phone
(issue 15). The person picks Cymraeg with the header's switch (a plain form, so it works without
JavaScript); every page then says lang="cy", has its headings in Welsh and the Welsh staff typed
(the activity's title, a statement, a key message, an answer), and passes axe.

"Without JavaScript" is made by refusing every script the pages ask for (the CSP allows no
inline script, so that is all of them), not by switching JavaScript off in Chromium: axe itself
is JavaScript, and with it switched off its promise never settles. Each page checks that the
site's scripts did not run (no "js-enabled" class), so the pages are the ones people without
JavaScript get."""

from __future__ import annotations

import re
from datetime import timedelta

from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from heard.accountability.actions import do_add_action, do_publish_response
from heard.activities.actions import do_add_key_message, do_set_key_message_published
from heard.activities.models import Activity
from heard.activities.open_space.actions import do_create_event, do_set_event_welsh
from heard.activities.opinion_map.actions import do_add_statement, do_create_opinion_map
from heard.activities.wellbeing_survey.actions import do_add_wave

from ..activities.activity_helpers import make_activity

SMALL_PHONE = {"width": 320, "height": 640}
WELSH_TITLE = "Symud cartref"
WELSH_PURPOSE = "Dywedwch wrthym ni beth sy'n helpu pan fyddwch chi'n symud."


def welsh(english: str) -> str:
    """The catalogue's Welsh for a string, checked to be a translation and not the English."""
    with translation.override("cy"):
        found = gettext(english)
    assert found != english, f"no Welsh for {english!r}"
    return found


def _named_in_welsh(activity: Activity) -> Activity:
    Activity.objects.filter(pk=activity.pk).update(title_cy=WELSH_TITLE,
                                                   purpose_cy=WELSH_PURPOSE)
    activity.refresh_from_db()
    return activity


def _page_without_javascript(browser, url: str):
    context = browser.new_context(viewport=SMALL_PHONE)
    context.route(re.compile(r".*\.m?js(\?.*)?$"), lambda route: route.abort())
    page = context.new_page()
    page.goto(url)
    page.get_by_role("button", name=re.compile("Cymraeg")).click()
    return page


def _check_welsh(page, axe_check, *headings: str) -> None:
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    assert "js-enabled" not in (page.locator("body").get_attribute("class") or "")
    for heading in headings:
        expect(page.get_by_role("heading", name=heading, exact=True).first).to_be_visible()
    axe_check(page)


def _no_problems(axe_check, pages: int) -> None:
    failures = {url: found for url, found in axe_check.results.items() if found}
    assert len(axe_check.results) >= pages
    assert failures == {}, failures


def test_a_consultation_in_welsh_without_javascript(browser, live_server, axe_check,
                                                     facilitator):
    activity = _named_in_welsh(make_activity(Activity.Kind.CONSULTATION, facilitator))
    page = _page_without_javascript(
        browser, f"{live_server.url}/activities/{activity.slug}/consultation/")
    _check_welsh(page, axe_check, WELSH_TITLE)
    expect(page.get_by_text(WELSH_PURPOSE)).to_be_visible()
    page.get_by_role("button", name=welsh("Start now")).click()
    _check_welsh(page, axe_check, welsh("Your answers"))
    _no_problems(axe_check, 2)


def test_a_call_for_ideas_in_welsh_without_javascript(browser, live_server, axe_check,
                                                       facilitator):
    activity = _named_in_welsh(make_activity(Activity.Kind.CALL_FOR_IDEAS, facilitator))
    page = _page_without_javascript(browser, f"{live_server.url}/activities/{activity.slug}/ideas/")
    _check_welsh(page, axe_check, WELSH_TITLE, welsh("Ideas people have shared"))
    expect(page.get_by_text(welsh("Call for Ideas"), exact=True)).to_be_visible()
    _no_problems(axe_check, 1)


def test_an_opinion_map_in_welsh_without_javascript(browser, live_server, axe_check,
                                                     facilitator):
    opinion_map = do_create_opinion_map("Leaving care", "What should change at 18?",
                                        facilitator)
    do_add_statement(opinion_map, "Care leavers should get help until 25.", facilitator,
                     text_cy="Dylai ymadawyr gofal gael help tan 25 oed.")
    activity = _named_in_welsh(opinion_map.activity)
    page = _page_without_javascript(browser, f"{live_server.url}/opinions/{activity.slug}/")
    _check_welsh(page, axe_check, WELSH_TITLE)
    page.get_by_role("button", name=welsh("Start"), exact=True).click()
    with translation.override("cy"):
        first = gettext("Statement %(position)s of %(total)s") % {"position": 1, "total": 1}
    _check_welsh(page, axe_check, first)
    expect(page.get_by_test_id("statement")).to_have_text(
        "Dylai ymadawyr gofal gael help tan 25 oed.")
    page.get_by_role("button", name=welsh("Agree"), exact=True).click()
    _check_welsh(page, axe_check, welsh("You have answered every statement"))
    _no_problems(axe_check, 2)  # the last page has the vote page's address


def test_an_open_space_event_in_welsh_without_javascript(browser, live_server, axe_check,
                                                          facilitator):
    start = timezone.now() + timedelta(days=7)
    event = do_create_event("Leaving care", "What would make leaving care go well?",
                            "What should change first?", start, start + timedelta(hours=3),
                            facilitator)
    do_set_event_welsh(event, "Beth fyddai'n gwneud gadael gofal yn well?", "", {}, facilitator)
    _named_in_welsh(event.activity)
    page = _page_without_javascript(browser, f"{live_server.url}/events/{event.slug}/")
    _check_welsh(page, axe_check, WELSH_TITLE, welsh("The big question"),
                 welsh("How it works"))
    expect(page.get_by_text("Beth fyddai'n gwneud gadael gofal yn well?").first).to_be_visible()
    _no_problems(axe_check, 1)


def test_a_wellbeing_survey_in_welsh_without_javascript(browser, live_server, axe_check,
                                                         facilitator):
    activity = _named_in_welsh(make_activity(Activity.Kind.WELLBEING_SURVEY, facilitator))
    today = timezone.localdate()
    do_add_wave(activity, today - timedelta(days=1), today + timedelta(days=20), facilitator)
    page = _page_without_javascript(browser, f"{live_server.url}/wellbeing/{activity.slug}/")
    _check_welsh(page, axe_check, WELSH_TITLE, welsh("How old are you?"))
    expect(page.get_by_text(WELSH_PURPOSE)).to_be_visible()
    _no_problems(axe_check, 1)


def test_a_knowledge_event_and_its_answer_in_welsh_without_javascript(
        browser, live_server, axe_check, facilitator, make_staff):
    activity = _named_in_welsh(make_activity(Activity.Kind.KNOWLEDGE_EVENT, facilitator))
    message = do_add_key_message(activity, "key_message", "A named worker made the difference.",
                                 facilitator, text_cy="Roedd gweithiwr penodol yn help mawr.")
    do_set_key_message_published(message, True, facilitator)
    lead = make_staff("service_lead")
    answer = do_publish_response(activity, "A worker for everyone", "We heard you.", lead,
                                 title_cy="Gweithiwr i bawb", body_cy="Fe glywon ni chi.")
    do_add_action(answer, "Name a worker", "Leaving care team", lead,
                  title_cy="Enwi gweithiwr")
    page = _page_without_javascript(browser,
                                    f"{live_server.url}/activities/{activity.slug}/event/")
    _check_welsh(page, axe_check, WELSH_TITLE, welsh("Key messages"))
    expect(page.get_by_test_id("key-messages")).to_have_text(
        "Roedd gweithiwr penodol yn help mawr.")
    page.goto(f"{live_server.url}/you-said-we-did/{activity.slug}/")
    _check_welsh(page, axe_check, WELSH_TITLE, "Gweithiwr i bawb")
    expect(page.get_by_text("Fe glywon ni chi.")).to_be_visible()
    expect(page.get_by_text("Enwi gweithiwr")).to_be_visible()
    _no_problems(axe_check, 2)

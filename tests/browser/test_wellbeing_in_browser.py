"""A wellbeing survey on a 320 px phone, with and without JavaScript: a child picks their age
band and answers; the facilitator adds a reference figure and reads the results across waves.
axe-core needs JavaScript, so the runs without it check the journey alone."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from heard.activities.models import Activity
from heard.activities.wellbeing_survey.actions import do_add_wave, do_submit_wellbeing_response
from heard.activities.wellbeing_survey.models import WaveResponse

from ..activities.activity_helpers import make_activity
from .conftest import axe_as_served, signed_in

NARROW = {"width": 320, "height": 740}


def _survey(facilitator) -> Activity:
    activity = make_activity(Activity.Kind.WELLBEING_SURVEY, facilitator, title="How are you")
    today = timezone.localdate()
    first = do_add_wave(activity, today - timedelta(days=100), today - timedelta(days=60),
                        facilitator)
    for n in range(8):
        do_submit_wellbeing_response(activity, "8-11", "child_in_care",
                                     {"safe": "4" if n < 4 else "1"}, "", None,
                                     day=first.opens_on)
    do_add_wave(activity, today - timedelta(days=1), today + timedelta(days=20), facilitator)
    return activity


def _answer(page, url: str, slug: str, check) -> None:
    page.goto(f"{url}/wellbeing/{slug}/")
    check(page)
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()  # no age band chosen
    check(page)
    page.get_by_label("8 to 11").check()
    page.get_by_label("I live in care, or with foster carers").check()
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("heading", name="Your answers")).to_be_visible()
    check(page)
    safe = page.get_by_role("group", name="1. Do you feel safe where you live?")
    safe.get_by_role("radio", name="All of the time").check()
    page.get_by_role("group", name="3. Do you feel happy?").get_by_role(
        "radio", name="Most of the time").check()
    page.get_by_role("group", name="8. Do you like going to school?").get_by_role(
        "radio", name="I'd rather not say").check()
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", name="Thank you")).to_be_visible()
    check(page)


def _results(page, url: str, slug: str, check) -> None:
    page.goto(f"{url}/staff/wellbeing/{slug}/")
    check(page)
    page.get_by_label("Question").select_option("safe")
    page.get_by_label("Share answering positively (%)").fill("eighty")
    page.get_by_label("Source").fill("Bright Spots 2023 national")
    page.get_by_label("Year of the figure").fill("2023")
    page.get_by_role("button", name="Save figure").click()
    expect(page.get_by_test_id("problems")).to_contain_text("a number from 0 to 100")
    check(page)
    page.get_by_label("Share answering positively (%)").fill("80")
    page.get_by_role("button", name="Save figure").click()
    expect(page.get_by_test_id("references")).to_contain_text("Bright Spots 2023 national, 2023")
    page.get_by_role("link", name="Results across waves").click()
    expect(page.get_by_role("heading", name="Results across waves")).to_be_visible()
    check(page)
    expect(page.get_by_test_id("reference-safe")).to_contain_text(
        "80.0% positive (Bright Spots 2023 national, 2023)")
    table = page.get_by_test_id("results-safe")
    expect(table).to_contain_text("Wave 1")
    expect(table).to_contain_text("Wave 2")
    # Wave 2 has one answer so far: hidden, and so is any change for it.
    expect(table.get_by_test_id("hidden").first).to_be_visible()


def test_a_child_answers_and_the_facilitator_reads_results_at_320px(browser, live_server,
                                                                     axe_check, make_staff):
    facilitator = make_staff("facilitator")
    slug, url = _survey(facilitator).slug, live_server.url
    child = browser.new_context(viewport=NARROW).new_page()
    _answer(child, url, slug, axe_check)
    assert WaveResponse.objects.filter(wave__number=2).count() == 1
    staff = browser.new_context(viewport=NARROW).new_page()
    signed_in(staff, url, facilitator)
    _results(staff, url, slug, axe_check)
    failures = {u: v for u, v in axe_check.results.items() if v}
    assert failures == {}, failures


def test_answering_and_results_work_without_javascript(browser, live_server, axe_check,
                                                       make_staff):
    """axe needs JavaScript, so each page is checked as served (its scripts blocked) in a
    second browser with the same cookies, with the 320 px reflow check."""
    facilitator = make_staff("facilitator")
    slug, url = _survey(facilitator).slug, live_server.url

    child_context = browser.new_context(viewport=NARROW, java_script_enabled=False)
    child = child_context.new_page()
    child_served = axe_as_served(browser, child_context)
    _answer(child, url, slug, lambda page: child_served(page, axe_check))
    answers = WaveResponse.objects.get(wave__number=2).answers
    assert sorted(answers.values_list("question", "choice")) == [("happy", 3), ("safe", 4)]
    staff_context = browser.new_context(viewport=NARROW, java_script_enabled=False)
    staff = staff_context.new_page()
    signed_in(staff, url, facilitator)
    staff_served = axe_as_served(browser, staff_context)
    _results(staff, url, slug, lambda page: staff_served(page, axe_check))
    failures = {u: v for u, v in axe_check.results.items() if v}
    assert failures == {} and len(axe_check.results) >= 4, axe_check.results

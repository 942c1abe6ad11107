"""A young person answers part of a consultation, saves it, comes back another day with the
receipt code, finishes and sends. axe-core checks every page on the way."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from heard.activities.models import Activity, ConsultationResponse
from heard.contributions.models import Contribution

from ..activities.activity_helpers import make_activity
from .conftest import answer_consents

PHONE = {"width": 390, "height": 844}
HELPED = "My carer let me pack my own things and took photos of my old room."
CHANGE = "Tell us a week before we move, and say why."


def _answer_first_question_and_save(page, url: str, slug: str, axe_check) -> str:
    page.goto(f"{url}/activities/{slug}/")
    axe_check(page)
    page.get_by_role("link", name="Answer the questions").click()
    axe_check(page)
    page.get_by_role("button", name="Start now").click()
    axe_check(page)
    page.get_by_label(re.compile("What helped most when you moved")).fill(HELPED)
    page.get_by_label("Some things").check()
    page.get_by_role("button", name="Save and come back later").click()
    axe_check(page)
    expect(page.get_by_text("Your answers are saved")).to_be_visible()
    code = page.locator("#receipt-code").inner_text()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){4}", code)
    return code


def _finish(page, axe_check) -> None:
    expect(page.get_by_label(re.compile("What helped most when you moved"))).to_have_value(HELPED)
    expect(page.get_by_label("Some things")).to_be_checked()
    page.get_by_label("An advocate").check()
    page.get_by_label(re.compile("What one change would help")).fill(CHANGE)
    page.get_by_role("button", name="Continue").click()
    axe_check(page)
    page.get_by_label("A care leaver or an adult who grew up in care").check()
    page.get_by_role("button", name="Continue").click()
    axe_check(page)
    answer_consents(page)
    page.get_by_role("button", name="Continue").click()
    axe_check(page)
    expect(page.locator("main")).to_contain_text(HELPED[:30])
    expect(page.locator("main")).to_contain_text("An advocate")
    page.get_by_role("button", name="Send").click()
    axe_check(page)
    expect(page.get_by_text("Thank you. We have got it.")).to_be_visible()


def _check_saved_as_one_response(code: str) -> None:
    response = ConsultationResponse.objects.get()
    assert response.status == ConsultationResponse.Status.SUBMITTED
    assert response.perspectives == ["care_leaver"]
    texts = sorted(Contribution.objects.filter(receipt=response.receipt)
                   .values_list("text", flat=True))
    assert texts == sorted([HELPED, CHANGE])
    assert all(c.status == "in_moderation" for c in Contribution.objects.all())


def test_a_consultation_is_saved_and_finished_later_with_the_receipt_code(
    browser, live_server, axe_check, make_staff
):
    activity = make_activity(Activity.Kind.CONSULTATION, make_staff("facilitator"))
    url = live_server.url
    first_day = browser.new_context(viewport=PHONE)
    code = _answer_first_question_and_save(first_day.new_page(), url, activity.slug, axe_check)
    first_day.close()
    assert ConsultationResponse.objects.get().status == ConsultationResponse.Status.DRAFT
    assert Contribution.objects.count() == 0

    # Another day, another browser: the receipt page finds the saved answers.
    later = browser.new_context(viewport=PHONE)
    page = later.new_page()
    page.goto(f"{url}/receipt/")
    page.get_by_label("Enter your receipt code").fill(code)
    page.get_by_role("button", name="Continue").click()
    axe_check(page)
    page.get_by_role("link", name=re.compile("Continue your answers")).click()
    axe_check(page)
    expect(page.get_by_text("Welcome back")).to_be_visible()
    _finish(page, axe_check)
    expect(page.get_by_test_id("same-code")).to_be_visible()
    _check_saved_as_one_response(code)

    # The same code now shows both written answers, waiting to be checked.
    page.goto(f"{url}/receipt/")
    page.get_by_label("Enter your receipt code").fill(code)
    page.get_by_role("button", name="Continue").click()
    axe_check(page)
    expect(page.locator("body")).to_contain_text(HELPED)
    expect(page.locator("body")).to_contain_text(CHANGE)
    later.close()

    failures = {u: v for u, v in axe_check.results.items() if v}
    assert len(axe_check.results) >= 9  # one entry per distinct address
    assert failures == {}, failures


def test_save_and_return_works_without_javascript(browser, live_server, make_staff):
    """axe-core needs JavaScript, so this run checks the journey alone."""
    activity = make_activity(Activity.Kind.CONSULTATION, make_staff("facilitator"))
    url = live_server.url

    def no_axe(page) -> None:
        return None

    first_day = browser.new_context(viewport=PHONE, java_script_enabled=False)
    code = _answer_first_question_and_save(first_day.new_page(), url, activity.slug, no_axe)
    first_day.close()

    later = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = later.new_page()
    page.goto(f"{url}/activities/{activity.slug}/consultation/continue/")
    page.get_by_label("Continue your answers").fill("NOT-A-CODE")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    page.get_by_label("Continue your answers").fill(code)
    page.get_by_role("button", name="Continue").click()
    _finish(page, no_axe)
    _check_saved_as_one_response(code)
    later.close()

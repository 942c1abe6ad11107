"""Taking part in Welsh on a 320 px phone (issue 15): a consultation answered and sent, and an
opinion map voted on. The person picks Cymraeg in the header; every page after says lang="cy",
shows the activity's Welsh title and Welsh words of its own, and passes axe; what they gave is
saved."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from heard.activities.consultation.actions import QuestionFields, do_update_question
from heard.activities.models import Activity, Answer, ConsultationResponse
from heard.activities.opinion_map.actions import do_add_statement, do_create_opinion_map
from heard.activities.opinion_map.models import Vote
from heard.contributions.models import Contribution

from ..activities.activity_helpers import make_activity
from .conftest import answer_consents

SMALL_PHONE = {"width": 320, "height": 640}
HELPED = "Fe wnaeth fy ngofalwr adael i mi bacio fy mhethau fy hun."
WELSH_TITLE = "Symud cartref"


def _in_welsh(page, axe_check) -> None:
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    axe_check(page)


def _choose_welsh(page) -> None:
    page.get_by_role("button", name=re.compile("Cymraeg")).click()
    expect(page.locator("html")).to_have_attribute("lang", "cy")


def _give_welsh_texts(activity: Activity) -> None:
    # Staff type these on the activity form; the test sets them directly, as a fixture.
    Activity.objects.filter(pk=activity.pk).update(
        title_cy=WELSH_TITLE,
        purpose_cy="Dywedwch wrthym ni beth sy'n helpu pan fyddwch chi'n symud.")


def test_a_consultation_is_answered_and_sent_in_welsh(browser, live_server, axe_check,
                                                       make_staff):
    facilitator = make_staff("facilitator")
    activity = make_activity(Activity.Kind.CONSULTATION, facilitator)
    _give_welsh_texts(activity)
    # Staff gave question 2 its Welsh wording and answers; question 1 has none (shown in
    # English, marked lang="en").
    told = activity.questions.get(order=2)
    do_update_question(told, QuestionFields(
        told.text, kind=told.kind, choices=tuple(told.choices),
        text_cy="Faint ddywedwyd wrthych chi?", choices_cy=("Popeth", "Rhai pethau", "Dim byd")),
        facilitator)
    page = browser.new_context(viewport=SMALL_PHONE).new_page()
    page.goto(f"{live_server.url}/activities/{activity.slug}/consultation/")
    _choose_welsh(page)

    expect(page.get_by_role("heading", level=1)).to_have_text(WELSH_TITLE)
    expect(page.get_by_text("Ymgynghoriad", exact=True)).to_be_visible()
    expect(page.get_by_text("Mae 4 cwestiwn.")).to_be_visible()
    _in_welsh(page, axe_check)
    page.get_by_role("button", name="Dechrau nawr").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Eich atebion")
    expect(page.get_by_text("(rhaid ateb)")).to_be_visible()
    _in_welsh(page, axe_check)
    expect(page.get_by_text("Faint ddywedwyd wrthych chi?")).to_be_visible()
    expect(page.locator('span[lang="en"]', has_text="What helped most when you moved")) \
        .to_be_visible()
    page.get_by_label(re.compile("What helped most when you moved")).fill(HELPED)
    page.get_by_label("Rhai pethau").check()
    page.get_by_role("button", name="Parhau").click()

    # Who you are, and how we may use it: the share journey's steps, named by this activity.
    expect(page.get_by_text(WELSH_TITLE, exact=True)).to_be_visible()
    _in_welsh(page, axe_check)
    page.locator('input[name="perspectives"][value="care_leaver"]').check()
    page.get_by_role("button", name="Parhau").click()
    expect(page.get_by_text(WELSH_TITLE, exact=True)).to_be_visible()
    _in_welsh(page, axe_check)
    answer_consents(page)
    page.get_by_role("button", name="Parhau").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Gwirio eich atebion")
    expect(page.get_by_text("Heb ateb").first).to_be_visible()  # two questions left empty
    expect(page.get_by_text(re.compile("Ei ddarllen gydag eraill: Ie"))).to_be_visible()
    expect(page.get_by_text("Rhai pethau", exact=True)).to_be_visible()
    _in_welsh(page, axe_check)
    page.get_by_role("button", name="Anfon").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Diolch. Mae e gennym ni.")
    _in_welsh(page, axe_check)
    response = ConsultationResponse.objects.get()
    assert response.status == ConsultationResponse.Status.SUBMITTED
    assert response.perspectives == ["care_leaver"]
    assert list(Contribution.objects.values_list("text", flat=True)) == [HELPED]
    assert response.answers.count() == 2  # the written answer and the chosen one
    assert Answer.objects.get(question=told).choices == ["Some things"]  # stored in English
    failures = {u: v for u, v in axe_check.results.items() if v}
    assert failures == {}, failures


def test_an_opinion_map_is_voted_on_in_welsh(browser, live_server, axe_check, make_staff):
    facilitator = make_staff("facilitator")
    opinion_map = do_create_opinion_map("What would change things?",
                                        "What would make the biggest difference?", facilitator)
    first = do_add_statement(opinion_map, "Every child should have one worker who stays.",
                             facilitator)
    second = do_add_statement(opinion_map, "Care leavers should get help until 25.",
                              facilitator)
    _give_welsh_texts(opinion_map.activity)
    page = browser.new_context(viewport=SMALL_PHONE).new_page()
    page.goto(f"{live_server.url}/opinions/{opinion_map.activity.slug}/")
    _choose_welsh(page)

    expect(page.get_by_role("heading", level=1)).to_have_text(WELSH_TITLE)
    expect(page.get_by_text("Dweud eich dweud")).to_be_visible()
    _in_welsh(page, axe_check)
    page.locator('input[name="perspectives"][value="care_leaver"]').check()
    page.get_by_role("button", name="Dechrau").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Datganiad 1 o 2")
    _in_welsh(page, axe_check)
    page.get_by_role("button", name="Cytuno", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Datganiad 2 o 2")
    page.get_by_role("button", name="Anghytuno", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Rydych chi wedi ateb pob datganiad")
    _in_welsh(page, axe_check)
    page.get_by_role("link", name="Gweld a newid eich atebion").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Eich atebion")
    expect(page.get_by_test_id("my-votes")).to_contain_text("Eich ateb: Cytuno")
    _in_welsh(page, axe_check)
    page.get_by_role("link", name="Yn ôl i'r datganiadau").click()
    page.get_by_role("link", name="Gweld beth mae pobl yn ei feddwl hyd yn hyn").click()
    expect(page.get_by_text("Beth mae pobl yn ei feddwl hyd yn hyn")).to_be_visible()
    _in_welsh(page, axe_check)

    votes = dict(Vote.objects.values_list("statement_id", "value"))
    assert votes == {first.pk: 1, second.pk: -1}
    failures = {u: v for u, v in axe_check.results.items() if v}
    assert failures == {}, failures

"""axe-core on every facilitator and participant page of a consultation, a Call for Ideas and a
knowledge event, including the pages that show an error."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from heard.activities.actions import (
    do_add_key_message,
    do_add_material,
    do_add_presenter,
    do_set_key_message_published,
)
from heard.activities.call_for_ideas.actions import do_submit_idea, do_support_idea
from heard.activities.models import Activity
from heard.contributions.actions import NewContribution

from ..activities.activity_helpers import make_activity
from ..conftest import publish
from .conftest import consent_check_and_send, signed_in

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def activities(make_staff):
    facilitator = make_staff("facilitator")
    moderator = make_staff("moderator")
    consultation = make_activity(Activity.Kind.CONSULTATION, facilitator, title="Moving home")
    call = make_activity(Activity.Kind.CALL_FOR_IDEAS, facilitator, title="Better first days")
    idea, _ = do_submit_idea(call, NewContribution(
        kind="idea", title="Welcome box", text="Every child gets a welcome box.",
        perspectives=("care_leaver",), consents={"analysis": True, "quote": True,
                                                  "publish": True}), None)
    publish(idea, moderator)
    for n in range(6):
        do_support_idea(idea, f"session:{n}", None)
    event = make_activity(Activity.Kind.KNOWLEDGE_EVENT, facilitator, title="A home of your own")
    do_add_presenter(event, "Care leavers' forum", "Young people", facilitator)
    do_add_material(event, "Slides", "https://example.org/slides", facilitator)
    for kind in ("key_message", "reflection"):
        message = do_add_key_message(event, kind, f"A {kind} from the day.", facilitator)
        do_set_key_message_published(message, True, facilitator)
    return facilitator, consultation, call, event


def _consultation_pages(page, url: str, slug: str, axe_check) -> None:
    base = f"{url}/activities/{slug}"
    for path in ("/", "/consultation/", "/consultation/continue/", "/consultation/questions/"):
        page.goto(f"{base}{path}")
        axe_check(page)
    page.get_by_role("button", name="Continue").click()  # nothing answered: an error
    expect(page.get_by_text("There is a problem")).to_be_visible()
    axe_check(page)
    page.get_by_label(re.compile("What helped most when you moved")).fill("Photos of my room.")
    page.get_by_role("button", name="Save and come back later").click()
    axe_check(page)
    page.goto(f"{base}/consultation/questions/")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()  # who: an error first
    axe_check(page)
    page.get_by_label("Prefer not to say").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()  # consent: an error first
    axe_check(page)
    consent_check_and_send(page, axe_check, yes=False)
    page.goto(f"{base}/consultation/continue/")
    page.get_by_label("Continue your answers").fill("ABCD")
    page.get_by_role("button", name="Continue").click()
    axe_check(page)


def _idea_pages(page, url: str, slug: str, axe_check) -> None:
    base = f"{url}/activities/{slug}"
    for path in ("/", "/ideas/"):
        page.goto(f"{base}{path}")
        axe_check(page)
    page.get_by_role("button", name="Support this idea").click()
    axe_check(page)
    page.get_by_role("button", name="Share an idea").click()
    page.get_by_role("button", name="Continue").click()  # empty: an error first
    axe_check(page)
    page.get_by_label("Write your idea here").fill("Let us meet new carers first.")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("A child or young person in care").check()
    page.get_by_role("button", name="Continue").click()
    consent_check_and_send(page, axe_check)


def test_participant_pages_pass_axe(browser, live_server, axe_check, activities):
    _, consultation, call, event = activities
    page = browser.new_context(viewport=PHONE).new_page()
    _consultation_pages(page, live_server.url, consultation.slug, axe_check)
    _idea_pages(page, live_server.url, call.slug, axe_check)
    for path in (f"/activities/{event.slug}/", f"/activities/{event.slug}/event/"):
        page.goto(f"{live_server.url}{path}")
        axe_check(page)
    expect(page.get_by_text("A key_message from the day.")).to_be_visible()
    failures = {u: v for u, v in axe_check.results.items() if v}
    assert len(axe_check.results) >= 16
    assert failures == {}, failures


def test_facilitator_pages_pass_axe(browser, live_server, axe_check, activities):
    facilitator, consultation, call, event = activities
    url = live_server.url
    page = browser.new_context().new_page()
    signed_in(page, url, facilitator.username)
    staff = f"{url}/staff/activities"
    question = consultation.questions.first()
    for path in ("/", "/new/", f"/{consultation.slug}/", f"/{consultation.slug}/edit/",
                 f"/{consultation.slug}/questions/",
                 f"/{consultation.slug}/questions/{question.pk}/",
                 f"/{call.slug}/", f"/{call.slug}/edit/", f"/{event.slug}/",
                 f"/{event.slug}/edit/", f"/{event.slug}/event/"):
        page.goto(f"{staff}{path}")
        axe_check(page)
    page.goto(f"{staff}/new/")
    page.get_by_role("button", name="Create").click()  # nothing filled in: errors
    expect(page.get_by_text("There is a problem")).to_be_visible()
    axe_check(page)
    page.goto(f"{staff}/{consultation.slug}/questions/")
    page.get_by_role("button", name="Add question").click()
    axe_check(page)
    page.goto(f"{staff}/{event.slug}/event/")
    page.get_by_role("button", name="Add material").click()
    axe_check(page)
    page.goto(f"{staff}/{event.slug}/")
    page.get_by_role("button", name="Close it").click()
    expect(page.get_by_test_id("status")).to_have_text("Closed", use_inner_text=True)
    axe_check(page)
    failures = {u: v for u, v in axe_check.results.items() if v}
    assert len(axe_check.results) >= 11
    assert failures == {}, failures

"""An analyst sees a campaign (the same letter sent by many people) once, with its count, on the
theme page and in the key-messages report. axe on both pages."""

from __future__ import annotations

import random

import pytest

from heard.activities.models import Activity
from heard.analysis.themes.campaign_eval import TEMPLATES, edited_copy
from heard.contributions.actions import NewContribution, do_submit_contribution
from heard.demo import load_demo
from heard.insight.actions import do_start_analysis
from heard.insight.models import AnalysisRun, Assignment, Campaign
from heard.safety.actions import do_review_redactions
from heard.tasks.queue import run_pending

from ..conftest import STAFF_PASSWORD, pass_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_analyst_sees_a_campaign_once_with_its_count(
    browser, live_server, axe_check, make_staff, baseline, settings, tmp_path
):
    settings.HEARD_EMBEDDERS = ["fake", "static"]
    load_demo(seed=7, count=60, credentials_path=tmp_path / "credentials.txt")
    moderator, analyst = make_staff("moderator"), make_staff("analyst")
    activity = Activity.objects.get(slug="share-your-experience")
    rng = random.Random(1)  # noqa: S311 - test data
    for n in range(12):
        contribution, _ = do_submit_contribution(activity, NewContribution(
            kind="story", text=edited_copy(TEMPLATES[1], rng), perspectives=("foster_carer",),
            consents={"analysis": True, "quote": n == 0, "publish": False}), None)
        do_review_redactions(contribution, moderator, [])
    run = do_start_analysis(None, "fake", 5, analyst)
    run_pending()
    run.refresh_from_db()
    assert run.status == AnalysisRun.Status.DONE, run.message
    campaign = Campaign.objects.get(run=run)
    theme = Assignment.objects.get(run=run, contribution=campaign.representative).theme

    page = browser.new_context().new_page()
    page.goto(f"{live_server.url}/staff/sign-in/")
    page.get_by_label("Username").fill(analyst.username)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    pass_second_factor(page, analyst.username)
    page.goto(f"{live_server.url}/staff/themes/runs/{run.pk}/")
    assert "1 campaign found" in page.get_by_test_id("run-campaigns").inner_text()
    page.get_by_role("link", name=theme.label).first.click()
    assert page.get_by_test_id("campaign-count").inner_text() == "Sent by 12 people"
    assert page.get_by_test_id("campaign-words").count() == 1
    axe_check(page)
    page.goto(f"{live_server.url}/staff/reports/key-messages/")
    assert "Sent by 12 people" in page.get_by_test_id("campaigns").inner_text()
    assert page.get_by_test_id("campaign-words").count() == 1
    axe_check(page)

"""An analyst sees a campaign (the same letter sent by many people) once, with its count, on the
theme page and in the key-messages report. axe on both pages."""

from __future__ import annotations

import random

from playwright.sync_api import expect

from heard.activities.models import Activity
from heard.analysis.themes.campaign_eval import TEMPLATES, edited_copy
from heard.contributions.actions import NewContribution, do_submit_contribution
from heard.demo import load_demo
from heard.insight.actions import do_start_analysis
from heard.insight.models import AnalysisRun, Assignment, Campaign
from heard.safety.actions import do_review_redactions
from heard.tasks.queue import run_pending

from .conftest import signed_in


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
    signed_in(page, live_server.url, analyst)
    page.goto(f"{live_server.url}/staff/themes/runs/{run.pk}/")
    expect(page.get_by_test_id("run-campaigns")).to_contain_text(
        "1 campaign found", use_inner_text=True)
    page.get_by_role("link", name=theme.label).first.click()
    expect(page.get_by_test_id("campaign-count")).to_have_text(
        "Sent by 12 people", use_inner_text=True)
    expect(page.get_by_test_id("campaign-words")).to_have_count(1)
    axe_check(page)
    page.goto(f"{live_server.url}/staff/reports/key-messages/")
    expect(page.get_by_test_id("campaigns")).to_contain_text(
        "Sent by 12 people", use_inner_text=True)
    expect(page.get_by_test_id("campaign-words")).to_have_count(1)
    axe_check(page)

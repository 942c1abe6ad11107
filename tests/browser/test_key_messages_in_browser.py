"""A service lead opens the key-messages report on the demo data from the dashboard: the page
passes axe, and its PDF and CSV links download the report."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from django.contrib.auth.models import User
from playwright.sync_api import expect

from heard.accountability.actions import do_add_action, do_publish_response
from heard.activities.models import Activity
from heard.demo import load_demo
from heard.insight.actions import do_start_analysis
from heard.insight.models import AnalysisRun
from heard.tasks.queue import run_pending

from .conftest import signed_in


def test_key_messages_page_is_accessible_and_downloads_work(
    browser, live_server, axe_check, make_staff, baseline, settings, tmp_path
):
    # The fake embedder stands in for the model so the test is quick; the report is the same.
    settings.HEARD_EMBEDDERS = ["fake", "static"]
    # 60 demo stories: the page is checked against the run (its number of themes, the
    # answer to its largest theme), not against a size of the demo.
    load_demo(seed=7, count=60, credentials_path=tmp_path / "credentials.txt")
    do_start_analysis(None, "fake", 5, User.objects.get(username="analyst"))
    run_pending()
    run = AnalysisRun.objects.get()
    assert run.status == "done", run.message
    lead = make_staff("service_lead")
    theme = run.themes.order_by("-size").first()
    answer = do_publish_response(Activity.objects.get(slug="share-your-experience"),
                                 "More say in moves", "We heard you.", lead, theme_key=theme.key)
    do_add_action(answer, "Visit before moving", "Placements team", lead, progress=20)

    page = browser.new_context(accept_downloads=True).new_page()
    signed_in(page, live_server.url, lead)
    page.get_by_test_id("key-messages-link").click()
    expect(page.get_by_role("heading", name="What people told us")).to_be_visible()
    expect(page.get_by_test_id("theme")).to_have_count(run.themes.count())
    expect(page.get_by_test_id("theme").first).to_contain_text(
        "Visit before moving", use_inner_text=True)
    expect(page.locator("svg[role=img]").nth(2)).to_be_attached()  # three or more
    axe_check(page)

    with page.expect_download() as pdf:
        page.get_by_role("link", name="Download as PDF (for printing and sharing)").click()
    assert pdf.value.suggested_filename == "key-messages-all-activities.pdf"
    assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")

    with page.expect_download() as data:
        page.get_by_role("link", name="Download the data as CSV (one table)").click()
    rows = list(csv.DictReader(io.StringIO(Path(data.value.path()).read_text("utf-8"))))
    assert any(r["section"] == "actions" and r["item"] == "Visit before moving" for r in rows)

    page.get_by_label("Activity").select_option("share-your-experience")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Share your experience", use_inner_text=True)
    axe_check(page)
    failures = {u: v for u, v in axe_check.results.items() if v}
    assert failures == {}, failures

"""An analyst themes the demo data, sees quotes and the perspective chart, merges and renames,
re-runs after new contributions arrive, and the edits survive. axe on every page."""

from __future__ import annotations

from playwright.sync_api import expect

from heard import demo
from heard.activities.models import Activity
from heard.contributions.actions import NewContribution, do_submit_contribution
from heard.demo import load_demo
from heard.insight.models import AnalysisRun, Assignment, Theme
from heard.safety.shown_text import redacted_words
from heard.tasks.queue import run_pending

from .conftest import signed_in


def test_analyst_themes_demo_data_and_edits_survive_a_rerun(
    browser, live_server, axe_check, make_staff, baseline, settings, tmp_path, monkeypatch
):
    # The fake embedder stands in for the model so the test is quick; the pages and the
    # pipeline are the same for every embedder.
    settings.HEARD_EMBEDDERS = ["fake", "static"]
    # The demo without the DfE figures, as where the shared data is not there: no theme page
    # reads them, and importing their 16,629 rows cost about 1 of this test's 15 CPU-s.
    monkeypatch.setattr(demo, "default_dfe_directory", lambda: tmp_path / "no-dfe-figures")
    # 60 demo stories (with the consultation's and the other kinds' demo texts beside them):
    # every check below is relative to the run (its largest theme, one with quotes, the
    # first member); 150 made each theme run and the demo's loading about twice the work.
    assert "No DfE figures" in load_demo(seed=7, count=60,
                                         credentials_path=tmp_path / "credentials.txt")
    analyst = make_staff("analyst")
    url = live_server.url
    page = browser.new_context().new_page()
    signed_in(page, url, analyst)
    page.get_by_role("link", name="Themes", exact=True).click()
    axe_check(page)
    page.get_by_label("How to read the texts").select_option("fake")
    page.get_by_label("Number of themes (leave empty to choose automatically)").fill("6")
    page.get_by_role("button", name="Find themes").click()
    expect(page.get_by_role("progressbar")).to_be_visible()
    axe_check(page)
    run_pending()  # the worker's turn
    # The page asks for the run's status by itself and shows the themes when it is done.
    page.get_by_test_id("themes").wait_for(timeout=20_000)
    run = AnalysisRun.objects.get()
    assert run.status == "done", run.message
    axe_check(page)

    themes = list(Theme.objects.filter(run=run).order_by("-size"))
    with_quotes = next(t for t in themes if t.quote_ids)
    page.goto(f"{url}/staff/themes/{with_quotes.pk}/")
    expect(page.get_by_test_id("quote").first).to_be_visible()
    expect(page.locator("svg[role=img]")).to_be_visible()
    expect(page.get_by_test_id("lens")).to_be_visible()
    axe_check(page)
    # The analyst reads the contributions themselves: redacted words and who raised them.
    members = page.get_by_test_id("member-words")
    expect(members).to_have_count(min(with_quotes.size, 25))
    first = Assignment.objects.filter(theme=with_quotes).order_by("-score", "id").first()
    expect(members.first).to_have_text(
        redacted_words(first.contribution).strip(), use_inner_text=True)
    expect(page.get_by_test_id("members")).to_contain_text("Raised by:", use_inner_text=True)

    renamed, merged_away = themes[0], themes[-1]
    page.goto(f"{url}/staff/themes/{renamed.pk}/")
    page.get_by_label("Name").fill("Being moved again and again")
    page.get_by_role("button", name="Rename").click()
    page.goto(f"{url}/staff/themes/{merged_away.pk}/")
    page.get_by_label("Merge this theme into").select_option(str(renamed.pk))
    page.get_by_role("button", name="Merge").click()
    axe_check(page)  # nothing changes until the analyst confirms
    assert Theme.objects.filter(pk=merged_away.pk).exists()
    page.get_by_role("button", name="Yes, merge").click()
    axe_check(page)
    expect(page.get_by_test_id("theme-label")).to_have_text(
        "Being moved again and again", use_inner_text=True)

    activity = Activity.objects.get(slug="share-your-experience")
    for n in range(5):
        do_submit_contribution(activity, NewContribution(
            kind="story", text=f"I moved placement again, the {n}th time this year.",
            perspectives=("child_in_care",), consents={"analysis": True}), None)
    # Without JavaScript the run page shows progress, and a refresh shows the themes.
    page = browser.new_context(java_script_enabled=False).new_page()
    signed_in(page, url, analyst)
    page.goto(f"{url}/staff/themes/")
    page.get_by_label("How to read the texts").select_option("fake")
    page.get_by_label("Number of themes (leave empty to choose automatically)").fill("6")
    page.get_by_role("button", name="Find themes").click()
    expect(page.get_by_role("status")).to_contain_text("Waiting to start", use_inner_text=True)
    run_pending()
    page.get_by_role("link", name="Refresh").click()
    second = AnalysisRun.objects.latest("id")
    assert second.status == "done", second.message
    labels = dict(Theme.objects.filter(run=second).values_list("key", "label"))
    assert labels.get(renamed.key) == "Being moved again and again"
    assert merged_away.key not in labels
    expect(page.get_by_test_id("themes")).to_contain_text(
        "Being moved again and again", use_inner_text=True)
    failures = {u: v for u, v in axe_check.results.items() if v}
    assert failures == {}, failures

"""Two analysts, each in their own browser, build a codebook, code the same demo
contributions, and read their agreement (kappa and alpha) and how their codes line up with
the machine's themes. axe-core on every codebook page."""

from __future__ import annotations

import pytest
from django.template.defaultfilters import floatformat
from playwright.sync_api import expect

from heard.analysis.agreement import cohen_kappa, krippendorff_alpha_nominal
from heard.demo import _ensure_staff, _load_contributions
from heard.insight.actions import do_start_analysis
from heard.insight.codebook import codable
from heard.insight.models import AnalysisRun, CodeApplication
from heard.people.actions import do_create_staff_member
from heard.tasks.queue import run_pending

from ..conftest import STAFF_PASSWORD, give_authenticator
from .conftest import signed_in

# Which codes each analyst ticks on the first four contributions shown.
FIRST = [{"Moving"}, {"Moving", "Dads"}, set(), {"Dads"}]
SECOND = [{"Moving"}, {"Moving"}, {"Dads"}, {"Dads"}]


@pytest.fixture
def axe(axe_check):
    """axe_check keeps one result per address, and an error page shares its form's address,
    so each page is asserted as soon as it is checked; `axe.pages` counts them."""
    pages: list[str] = []

    def check(page) -> None:
        axe_check(page)
        assert axe_check.results[page.url] == [], (page.url, axe_check.results[page.url])
        pages.append(page.url)

    check.pages = pages  # type: ignore[attr-defined]
    return check


def code_contributions(page, url: str, ids: list[int], ticks: list[set[str]], axe):
    page.goto(f"{url}/staff/themes/codebook/")
    page.get_by_role("link", name="Code contributions").click()
    page.get_by_label("Only show contributions I have not coded").check()
    page.get_by_role("button", name="Show contributions").click()
    axe(page)
    for contribution_id, wanted in zip(ids, ticks, strict=True):
        card = page.locator(f"#contribution-{contribution_id}")
        for name in ("Moving", "Dads"):
            box = card.get_by_label(name, exact=True)
            box.check() if name in wanted else box.uncheck()
        card.get_by_role("button", name="Save codes").click()
        saved = page.locator(".govuk-notification-banner--success").inner_text()
        assert "Saved your codes" in saved
    axe(page)


def test_two_analysts_code_the_same_contributions_and_see_agreement(
    browser, live_server, axe, make_staff, baseline, settings, tmp_path
):
    settings.HEARD_EMBEDDERS = ["fake", "static"]
    # Only the demo's contributions (and the staff who moderate them): the rest of the demo
    # (opinion maps, events) plays no part in coding.
    _ensure_staff(tmp_path / "credentials.txt")
    _load_contributions(seed=11, count=40)
    first_analyst = make_staff("analyst")
    second_analyst = do_create_staff_member("analyst-two", STAFF_PASSWORD, ["analyst"], None)
    give_authenticator(second_analyst)
    do_start_analysis(None, "fake", 4, first_analyst)
    run_pending()
    assert AnalysisRun.objects.get().status == "done"
    url = live_server.url

    first = signed_in(browser.new_context().new_page(), url, first_analyst.username)
    first.get_by_role("link", name="Codebook").first.click()
    axe(first)
    first.get_by_role("button", name="Add code").click()  # no name: refused, nothing made
    expect(first.locator(".govuk-error-summary")).to_contain_text(
        "Give the code a name", use_inner_text=True)
    axe(first)
    for name, definition in (("Moving", "Changes of placement or home."),
                             ("Dads", "Fathers and how services treat them.")):
        first.get_by_label("Name").fill(name)
        first.get_by_label("Definition").fill(definition)
        first.get_by_label("Examples").fill("A made-up example.")
        first.get_by_role("button", name="Add code").click()
    assert first.get_by_test_id("codes").get_by_role("link").all_inner_texts() \
        == ["Dads", "Moving"]
    first.get_by_role("link", name="Moving").click()
    expect(first.get_by_label("Definition")).to_have_value(
        "Changes of placement or home.")
    axe(first)
    first.get_by_label("Definition").fill("Any change of placement, home or school.")
    first.get_by_role("button", name="Save changes").click()
    expect(first.get_by_label("Definition")).to_have_value(
        "Any change of placement, home or school.")

    ids = list(codable().order_by("id").values_list("pk", flat=True)[:4])
    code_contributions(first, url, ids, FIRST, axe)
    second = signed_in(browser.new_context().new_page(), url, second_analyst.username)
    code_contributions(second, url, ids, SECOND, axe)
    assert CodeApplication.objects.filter(coder=second_analyst).count() == 4

    second.get_by_role("link", name="Agreement").click()
    axe(second)
    rows = second.get_by_test_id("agreement").locator("tbody tr")
    for row, name in zip(rows.all(), ("Dads", "Moving"), strict=True):
        a = [name in ticks for ticks in FIRST]
        b = [name in ticks for ticks in SECOND]
        kappa, alpha = cohen_kappa(a, b), krippendorff_alpha_nominal(zip(a, b, strict=True))
        assert kappa is not None and alpha is not None
        if name == "Dads":  # by hand: 8 values, 4 pairs differ: 1 - 7 * 4 / (4 * 4 * 2)
            assert (kappa, alpha) == (pytest.approx(0.0), pytest.approx(0.125))
        expect(row.get_by_test_id("kappa")).to_have_text(
            floatformat(kappa, 2), use_inner_text=True)
        expect(row.get_by_test_id("alpha")).to_have_text(
            floatformat(alpha, 2), use_inner_text=True)
    expect(second.get_by_test_id("theme-matches")).to_be_visible()
    expect(second.get_by_test_id("ari")).not_to_be_empty()
    # List, error, code, coding (twice each, before and after), agreement: all clean.
    assert len(axe.pages) == 8

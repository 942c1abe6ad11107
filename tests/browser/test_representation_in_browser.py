"""The representation page, with real DfE figures, passes axe and shows a hidden-voice alert."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from heard.contributions.actions import NewContribution, do_submit_contribution
from heard.reports.actions import default_dfe_directory, do_import_dfe

from .conftest import signed_in


def test_representation_page_is_accessible_and_names_missing_fathers(
    browser, live_server, axe_check, make_staff, activity
):
    if not default_dfe_directory().exists():
        pytest.skip("../shared/data/dfe is not present")
    do_import_dfe(default_dfe_directory(), None)
    for n in range(21):
        do_submit_contribution(activity, NewContribution(
            kind="story", text=f"Story {n} about family time.", consents={"analysis": True},
            perspectives=("parent_father",) if n == 0 else ("parent_mother",)), None)
    analyst = make_staff("analyst")
    page = browser.new_context().new_page()
    signed_in(page, live_server.url, analyst)
    page.get_by_role("link", name="Representation").click()
    expect(page.locator("body")).to_contain_text("Department for Education")
    expect(page.locator("body")).to_contain_text("2025")
    expect(page.locator(".govuk-warning-text").first).to_contain_text("ather", use_inner_text=True)
    axe_check(page)
    failures = {u: v for u, v in axe_check.results.items() if v}
    assert failures == {}, failures

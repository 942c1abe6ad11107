"""The quality pages and the influence question in headless Chromium: usable without a mouse's
help from JavaScript, and clean under axe-core (WCAG 2.2 AA)."""

from __future__ import annotations

from playwright.sync_api import expect

from heard.quality.models import ArnsteinRating, InfluenceAnswer, LundyAnswer

from .conftest import share_words, sharing_alone, signed_in


def test_influence_question_and_staff_pages_are_accessible(
    browser, live_server, axe_check, make_staff, activity
):
    page = browser.new_context().new_page()
    base = f"{live_server.url}/share/{activity.slug}"
    share_words(page, base, "I had four social workers in a year.")
    sharing_alone(page)
    for purpose in ("analysis", "quote", "publish"):
        page.locator(f"#id_consent_{purpose}").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator("body")).to_contain_text("What happens next")
    axe_check(page)
    page.get_by_role("button", name="Send my answer").click()
    expect(page.locator("body")).to_contain_text("There is a problem")
    axe_check(page)
    page.get_by_label("4 Quite a lot").check()
    page.get_by_role("button", name="Send my answer").click()
    assert InfluenceAnswer.objects.get().score == 4
    axe_check(page)

    facilitator = make_staff("facilitator")
    staff = browser.new_context().new_page()
    signed_in(staff, live_server.url, facilitator)
    staff.goto(f"{live_server.url}/staff/quality/")
    axe_check(staff)
    staff.get_by_role("link", name=activity.title).click()
    axe_check(staff)
    staff.locator("#space_sought-answer").check()
    staff.get_by_role("button", name="Save checklist").click()
    expect(staff.locator("body")).to_contain_text("There is a problem")
    axe_check(staff)
    staff.get_by_label("Evidence for: Did we go out").fill("Sessions in three schools.")
    staff.get_by_role("button", name="Save checklist").click()
    assert LundyAnswer.objects.get().answer == "yes"
    staff.get_by_label("4. Consultation").check()
    staff.get_by_label("Evidence for this rung").fill("Views asked; the panel decided.")
    staff.get_by_role("button", name="Save rung").click()
    assert ArnsteinRating.objects.get().rung == "consultation"
    axe_check(staff)
    failures = {u: v for u, v in axe_check.results.items() if v}
    assert failures == {}, failures

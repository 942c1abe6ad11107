"""An administrator invites, changes, resets and disables staff in a real browser; the invited
person joins with a password and an authenticator app. Every page passes axe and its strict
Content-Security-Policy (the shared browser fixture fails the test on any violation)."""

from __future__ import annotations

import base64

from django.contrib.auth.models import User
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from heard.audit.models import AuditEvent
from heard.people.actions import LAST_ADMINISTRATOR

from .conftest import signed_in

NEW_PASSWORD = "lighthouse orchard pebble 58"


def test_administrator_invites_and_manages_staff(browser, live_server, axe_check, make_staff):
    url = live_server.url
    admin = make_staff("administrator")
    page = signed_in(browser.new_context().new_page(), url, admin.username)
    page.get_by_role("link", name="Manage staff").click()
    axe_check(page)
    page.get_by_role("link", name="Invite someone").click()
    page.get_by_role("button", name="Make an invitation link").click()  # nothing filled in
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter a username", use_inner_text=True)
    axe_check(page)
    page.get_by_label("Username").fill("new-facilitator")
    page.get_by_label("Facilitator: runs activities and events").check()
    page.get_by_role("button", name="Make an invitation link").click()
    link = page.get_by_test_id("invitation-link").inner_text()
    axe_check(page)

    # The invited person, in their own browser.
    newcomer = browser.new_context().new_page()
    newcomer.goto(link)
    axe_check(newcomer)
    newcomer.get_by_label("Password", exact=True).fill(NEW_PASSWORD)
    newcomer.get_by_label("Type your password again").fill(NEW_PASSWORD)
    newcomer.get_by_role("button", name="Continue").click()
    expect(newcomer.get_by_role("heading", name="Set up your authenticator app")).to_be_visible()
    axe_check(newcomer)
    key = newcomer.get_by_test_id("totp-secret").inner_text().replace(" ", "")
    newcomer.get_by_label("Code from your authenticator app").fill(
        f"{TOTP(base64.b32decode(key + '=' * (-len(key) % 8))).token():06d}")
    newcomer.get_by_role("button", name="Finish setting up").click()
    assert len(newcomer.get_by_test_id("recovery-codes").locator("li").all()) == 10
    axe_check(newcomer)
    newcomer.get_by_role("link", name="Continue").click()
    expect(newcomer.get_by_role("link", name="Activities")).to_be_visible()
    joined = User.objects.get(username="new-facilitator")
    assert TOTPDevice.objects.filter(user=joined, confirmed=True).count() == 1

    # Back to the administrator: more roles, a reset, then disable.
    page.goto(f"{url}/staff/people/")
    page.get_by_role("link", name="new-facilitator").click()
    axe_check(page)
    page.get_by_label("Analyst: finds themes in what was said").check()
    page.get_by_role("button", name="Save roles").click()
    expect(page.get_by_test_id("member-roles")).to_have_text(
        "analyst, facilitator", use_inner_text=True)
    page.get_by_role("button", name="Reset authenticator app").click()
    banner = page.get_by_role("alert", name="Done").inner_text()
    assert "set up a new authenticator app" in banner
    page.get_by_role("button", name="Disable new-facilitator").click()
    expect(page.get_by_test_id("member-active")).to_have_text("No, disabled", use_inner_text=True)
    axe_check(page)
    newcomer.goto(f"{url}/staff/")
    assert "/staff/sign-in/" in newcomer.url

    # The only administrator cannot remove their own role.
    page.goto(f"{url}/staff/people/{admin.pk}/")
    page.get_by_label("Administrator: manages staff, activities and the audit log").uncheck()
    page.get_by_label("Moderator: reviews and redacts before anything is published").check()
    page.get_by_role("button", name="Save roles").click()
    expect(page.locator("body")).to_contain_text(LAST_ADMINISTRATOR)
    axe_check(page)
    assert admin.groups.filter(name="administrator").exists()

    actions = set(AuditEvent.objects.filter(actor=admin).values_list("action", flat=True))
    assert {"staff.invited", "staff.roles_changed", "staff.second_factor_reset",
            "staff.disabled"} <= actions
    failures = {u: v for u, v in axe_check.results.items() if v}
    assert failures == {}, failures
    assert browser.pages_checked >= 15


def test_api_docs_run_under_the_strict_policy(browser, live_server):
    """Swagger UI comes from django-ninja's pinned files on our own origin, and runs with no
    CSP violation (the browser fixture fails the test on any)."""
    page = browser.new_page()
    page.goto(f"{live_server.url}/api/docs")
    page.locator(".swagger-ui .info .title").wait_for()
    expect(page.locator(".swagger-ui .info .title")).to_contain_text(
        "Heard API", use_inner_text=True)
    page.locator(".opblock-summary").first.wait_for()
    expect(page.locator(".opblock-summary").nth(9)).to_be_attached()  # ten or more


def test_a_locked_account_gets_a_clear_message(browser, live_server, make_staff):
    moderator = make_staff("moderator")
    page = browser.new_page()
    for _ in range(20):
        page.goto(f"{live_server.url}/staff/sign-in/")
        page.get_by_label("Username").fill(moderator.username)
        page.get_by_label("Password").fill("not the password")
        page.get_by_role("button", name="Sign in").click()
    message = page.get_by_test_id("locked-message").inner_text()
    assert "locked for 15 minutes" in message
    assert AuditEvent.objects.filter(action="auth.locked_out").exists()

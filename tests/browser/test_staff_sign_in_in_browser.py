"""Every staff role signs in through the real form in a real browser: username and password,
then the code from their authenticator app, and lands on the staff dashboard. The other
browser tests start signed in (``signed_in``: the same session, made without the form), so
this is where the form is used end to end for each role; the lockout and the invitation tests
use it too."""

from __future__ import annotations

from django.urls import reverse
from playwright.sync_api import expect

from heard.audit.models import AuditEvent

from ..conftest import STAFF_ROLES
from .conftest import sign_in


def test_every_role_signs_in_through_the_form(browser, live_server, axe_check, make_staff):
    url = live_server.url
    dashboard = f"{url}{reverse('staff:dashboard')}"
    first = STAFF_ROLES[0]
    for role in STAFF_ROLES:
        user = make_staff(role)
        page = browser.new_context().new_page()
        if role == first:
            # The sign-in page passes axe like every other page (checked once).
            page.goto(f"{url}/staff/sign-in/")
            axe_check(page)
        sign_in(page, url, user)
        expect(page).to_have_url(dashboard)
        assert AuditEvent.objects.filter(actor=user, action="auth.signed_in").exists(), role
    failures = {u: v for u, v in axe_check.results.items() if v}
    assert failures == {}, failures

"""A young person discloses current harm: help is shown at once; the safeguarding lead sees the
flag and the alert; nothing reaches the public page or analysis until the flag is closed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from heard.contributions.models import Contribution
from heard.tasks.models import OutboxEmail
from heard.tasks.queue import run_pending

from ..conftest import publish
from .conftest import share_words, sharing_alone, signed_in

DISCLOSURE = "my mums boyfriend hurts me when shes at work and im scared to go home tonite"


def test_disclosure_gets_help_now_and_reaches_the_safeguarding_lead(
    browser, live_server, axe_check, make_staff
):
    lead = make_staff("safeguarding_lead")
    lead.email = "lead@example.org"
    lead.save()
    moderator = make_staff("moderator")
    url = live_server.url
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    share_words(page, f"{url}/share/share-your-experience", DISCLOSURE)
    sharing_alone(page)  # no one is helping
    for answer in ("#id_consent_analysis", "#id_consent_quote", "#id_consent_publish"):
        page.locator(answer).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Send").click()

    help_now = page.get_by_test_id("help-now")
    expect(help_now).to_be_visible()
    expect(help_now).to_contain_text("Childline", use_inner_text=True)
    expect(help_now).to_contain_text("999", use_inner_text=True)
    axe_check(page)

    contribution = Contribution.objects.get()
    assert contribution.safety_level == "immediate"
    assert contribution not in Contribution.objects.for_analysis()
    run_pending()  # the worker's turn: deliver the alert
    alert = OutboxEmail.objects.get(message_id__startswith="safeguarding-alert-")
    assert alert.to == ["lead@example.org"]

    staff = browser.new_context().new_page()
    signed_in(staff, url, lead)
    expect(staff.get_by_test_id("open-flags")).to_have_text("1", use_inner_text=True)
    axe_check(staff)
    staff.get_by_role("link", name="Go to safeguarding").click()
    expect(staff.get_by_test_id("alerts")).to_contain_text(alert.subject, use_inner_text=True)
    axe_check(staff)
    staff.get_by_role("link", name=f"contribution {contribution.pk}").click()
    expect(staff.get_by_test_id("evidence")).to_contain_text(
        "scared to go home", use_inner_text=True)
    axe_check(staff)

    with pytest.raises(Exception, match="open safeguarding flag"):
        publish(contribution, moderator)
    page.goto(f"{url}/activities/share-your-experience/")
    assert "scared to go home" not in page.content()

    staff.get_by_role("button", name="Acknowledge: I am dealing with this").click()
    staff.get_by_label("Action taken").fill("Called the duty team; strategy discussion held.")
    staff.get_by_role("button", name="Record action").click()
    staff.get_by_label("Outcome").fill("Child safe with her aunt; plan agreed.")
    staff.get_by_role("button", name="Close the flag").click()
    axe_check(staff)
    contribution.refresh_from_db()
    assert not contribution.has_open_safeguarding_flag()
    assert contribution in Contribution.objects.for_analysis()

    failures = {u: v for u, v in axe_check.results.items() if v}
    assert failures == {}, failures

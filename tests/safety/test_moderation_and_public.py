"""Moderators publish or hold; only consented, checked words reach the public page."""

from __future__ import annotations

import pytest

from heard.audit.models import AuditEvent
from heard.contributions.actions import ContributionError, do_change_consent
from heard.contributions.models import Contribution
from heard.safety.actions import do_hold, do_publish
from heard.safety.redaction import Span

from ..conftest import client_for, publish

pytestmark = pytest.mark.django_db


def test_moderator_publishes_through_the_page_and_it_appears_publicly(moderator,
                                                                       young_person_story):
    contribution, _ = young_person_story
    client = client_for(moderator)
    page = client.get(f"/staff/moderation/{contribution.pk}/")
    assert page.status_code == 200
    response = client.post(f"/staff/moderation/{contribution.pk}/", {
        "decision": "publish"})
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.PUBLISHED
    public = client_for(None).get("/activities/share-your-experience/").content.decode()
    assert "I moved placement four times" in public
    assert AuditEvent.objects.filter(action="contribution.publish",
                                     object_id=str(contribution.pk)).exists()


def test_publishing_without_consent_is_refused(moderator, parent_problem):
    contribution, _ = parent_problem
    with pytest.raises(ContributionError, match="did not agree"):
        do_publish(contribution, moderator)
    response = client_for(moderator).post(f"/staff/moderation/{contribution.pk}/", {
        "decision": "publish"})
    assert response.status_code == 200
    assert "did not agree" in response.content.decode()
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.IN_MODERATION
    assert contribution.redaction_reviewed_at is None  # a refused decision changes nothing


def test_hold_needs_a_reason_and_the_person_sees_it(moderator, young_person_story, client):
    contribution, code = young_person_story
    staff = client_for(moderator)
    missing = staff.post(f"/staff/moderation/{contribution.pk}/", {"decision": "hold"})
    assert missing.status_code == 200 and "Give a reason" in missing.content.decode()
    staff.post(f"/staff/moderation/{contribution.pk}/", {
        "decision": "hold", "reason": "It names your school. We will take that out first."})
    client.post("/receipt/", {"code": code})
    page = client.get("/receipt/yours/").content.decode()
    assert "It names your school" in page and "Held back" in page


def test_the_public_page_shows_only_checked_words_never_the_original(moderator,
                                                                    young_person_story):
    contribution, _ = young_person_story
    text = contribution.text
    start = text.index(" and had to change")
    publish(contribution, moderator, [Span("ORGANIZATION", start, len(text) - 1, 1.0, "test")])
    public = client_for(None).get("/activities/share-your-experience/").content.decode()
    assert "I moved placement four times in a year[school]." in public
    assert "change school twice" not in public


def test_taking_back_consent_to_publish_unpublishes_at_once(moderator, young_person_story):
    contribution, _ = young_person_story
    publish(contribution, moderator)
    do_change_consent(contribution, "publish", False, None)
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.HELD
    public = client_for(None).get("/activities/share-your-experience/").content.decode()
    assert "four times" not in public


def test_public_counts_under_five_are_suppressed(moderator, activity):
    from heard.contributions.actions import NewContribution, do_submit_contribution

    for n in range(7):
        perspectives = ("foster_carer",) if n < 2 else ("care_leaver",)
        c, _ = do_submit_contribution(activity, NewContribution(
            kind="story", text=f"Story number {n} about leaving care at eighteen.",
            perspectives=perspectives,
            consents={"analysis": True, "quote": True, "publish": True}), None)
        publish(c, moderator)
    page = client_for(None).get("/activities/share-your-experience/").content.decode()
    table = page.split("<caption", 1)[1].split("</table>", 1)[0]
    assert "Foster carers" in table
    assert "fewer than 5" in table
    assert ">2<" not in table
    assert ">5<" in table.replace(" ", "")


def test_a_decision_on_a_withdrawn_contribution_is_refused_without_error(moderator,
                                                                         young_person_story):
    from heard.contributions.actions import do_withdraw_contribution

    contribution, _ = young_person_story
    do_withdraw_contribution(contribution, None)
    with pytest.raises(ContributionError):
        do_hold(contribution, moderator, "reason")
    response = client_for(moderator).post(f"/staff/moderation/{contribution.pk}/", {
        "decision": "hold", "reason": "x"})
    assert response.status_code == 200
    assert "withdrawn" in response.content.decode()
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.WITHDRAWN


def test_queue_filters_by_safety_waiting_time_and_age(moderator, activity, young_person_story):
    from datetime import timedelta

    from django.utils import timezone

    from heard.contributions.actions import NewContribution, do_submit_contribution

    risky, _ = do_submit_contribution(activity, NewContribution(
        kind="story", text="My mum's boyfriend hurts me and I'm scared to go home.",
        consents={"analysis": True}, equality={"age_band": "under_12"}), None)
    calm, _ = young_person_story
    client = client_for(moderator)

    def listed(query: str) -> set[int]:
        page = client.get(f"/staff/moderation/?{query}").content.decode()
        return {c.pk for c in (risky, calm) if f"Check contribution {c.pk}<" in page}

    assert listed("safety=flagged") == {risky.pk}
    assert listed("safety=none") == {calm.pk}
    assert listed("age_band=under_12") == {risky.pk}
    assert listed("age_band=12_15") == {calm.pk}
    assert listed("waiting=3") == set()
    Contribution.objects.filter(pk=calm.pk).update(
        submitted_at=timezone.now() - timedelta(days=4))
    assert listed("waiting=3") == {calm.pk}
    assert client.get("/staff/moderation/?waiting=banana&safety=x").status_code == 200

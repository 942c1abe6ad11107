"""Withdrawal reaches everything: the row, every page and export, and the audit log never held
the words in the first place."""

from __future__ import annotations

import json

import pytest

from heard.audit.models import AuditEvent
from heard.contributions.actions import do_withdraw_contribution
from heard.contributions.models import Contribution

from ..conftest import client_for, publish

pytestmark = pytest.mark.django_db
PHRASE = "moved placement four times"


def test_withdrawn_text_is_gone_from_row_pages_export_and_audit(
    young_person_story, moderator, analyst, administrator, client
):
    contribution, code = young_person_story
    publish(contribution, moderator)
    staff = client_for(moderator)
    pages_before = {
        "public": client_for(None).get("/activities/share-your-experience/"),
        "moderation": staff.get(f"/staff/moderation/{contribution.pk}/"),
        "export": client_for(analyst).get("/staff/activities/share-your-experience/export.csv"),
    }
    for name, response in pages_before.items():
        assert PHRASE in response.content.decode(), f"{name} showed the text before"

    client.post("/receipt/", {"code": code})
    client.post(f"/receipt/yours/{contribution.pk}/withdraw/", {"confirm": "yes"})

    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.WITHDRAWN
    row = Contribution.objects.filter(pk=contribution.pk).values().get()
    assert PHRASE not in json.dumps(row, default=str)
    pages_after = {
        "public": client_for(None).get("/activities/share-your-experience/"),
        "moderation": staff.get(f"/staff/moderation/{contribution.pk}/"),
        "queue": staff.get("/staff/moderation/?status=published"),
        "receipt": client.get("/receipt/yours/"),
        "export": client_for(analyst).get("/staff/activities/share-your-experience/export.csv"),
        "audit": client_for(administrator).get("/staff/audit/"),
    }
    for name, response in pages_after.items():
        assert response.status_code == 200, name
        assert PHRASE not in response.content.decode(), f"{name} still shows the text"
    audit_dump = json.dumps(list(AuditEvent.objects.values()), default=str)
    assert PHRASE not in audit_dump
    assert AuditEvent.objects.filter(action="contribution.withdrawn").count() == 1


def test_withdrawing_twice_is_a_clear_message_not_an_error(young_person_story, client):
    contribution, code = young_person_story
    do_withdraw_contribution(contribution, None)
    client.post("/receipt/", {"code": code})
    page = client.post(f"/receipt/yours/{contribution.pk}/withdraw/", {"confirm": "yes"},
                       follow=True)
    assert page.status_code == 200
    assert "already been withdrawn" in page.content.decode()


def test_withdrawing_says_it_is_done_and_changing_a_consent_says_it_is_saved(
        young_person_story, client):
    contribution, code = young_person_story
    client.post("/receipt/", {"code": code})
    consent = client.post(f"/receipt/yours/{contribution.pk}/consent/",
                          {"purpose": "publish", "given": "no"}, follow=True)
    assert "Your choice has been saved." in consent.content.decode()
    page = client.post(f"/receipt/yours/{contribution.pk}/withdraw/", {"confirm": "yes"},
                       follow=True)
    assert "What you shared has been deleted. It will not be used." in page.content.decode()


def test_withdrawn_contributions_are_excluded_from_analysis_querysets(young_person_story,
                                                                     parent_problem):
    contribution, _ = young_person_story
    do_withdraw_contribution(contribution, None)
    assert list(Contribution.objects.for_analysis()) == [parent_problem[0]]

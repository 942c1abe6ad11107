"""Risk found on arrival: flag and alert written with the contribution, support shown at once,
held from publication and analysis, delivered by the worker, escalated if nobody acknowledges."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from heard.audit.models import AuditEvent
from heard.contributions.actions import ContributionError, do_withdraw_contribution
from heard.contributions.models import Contribution
from heard.safety.models import SafeguardingAlert, SafeguardingFlag
from heard.safety.safeguarding import (
    SafeguardingError,
    do_acknowledge_flag,
    do_close_flag,
    do_record_flag_action,
)
from heard.tasks.models import OutboxEmail, Task
from heard.tasks.queue import run_pending

from ..conftest import ALL_CONSENTS, client_for, publish, submitted
from ..contributions.test_share_journey import share_quietly

pytestmark = pytest.mark.django_db
DISCLOSURE = "My stepdad hits me every night and I am scared to go home tonight."
PAST = "When I was eight my dad used to hit me. I am safe now with my foster carers."


def submit(activity, text: str) -> Contribution:
    """A child in care's story, with every consent given."""
    return submitted(activity, "story", text, ("child_in_care",), ALL_CONSENTS)[0]


def test_a_disclosure_is_flagged_with_its_alert_and_task_in_one_go(activity):
    contribution = submit(activity, DISCLOSURE)
    assert contribution.safety_level == "immediate"
    flag = SafeguardingFlag.objects.get(contribution=contribution)
    assert flag.level == "immediate" and flag.status == "open"
    assert any("hits me" in t["phrase"] for t in flag.triggers)
    alert = SafeguardingAlert.objects.get(flag=flag)
    assert Task.objects.filter(name="safeguarding.deliver_alert",
                               payload={"alert_id": alert.pk}).exists()
    assert AuditEvent.objects.filter(action="safeguarding.flagged").count() == 1


def test_if_the_flag_cannot_be_written_the_contribution_is_not_saved_either(activity,
                                                                         monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(SafeguardingAlert.objects, "create", broken)
    with pytest.raises(RuntimeError):
        submit(activity, DISCLOSURE)
    assert Contribution.objects.count() == 0
    assert SafeguardingFlag.objects.count() == 0


def test_the_person_sees_where_to_get_help_on_the_next_page(baseline):
    page = share_quietly(Client(), DISCLOSURE)
    assert 'data-testid="help-now"' in page
    assert "0800 1111" in page and "116 123" in page and "0808 800 5000" in page
    assert "999" in page


def test_no_help_banner_when_there_is_no_risk(baseline):
    page = share_quietly(Client(), "Give every care leaver a laptop.", perspective="care_leaver",
                         kind="idea")
    assert 'data-testid="help-now"' not in page


def test_flagged_contributions_are_held_from_publication_and_analysis(activity, moderator,
                                                                      safeguarding_lead):
    contribution = submit(activity, DISCLOSURE)
    with pytest.raises(ContributionError):
        publish(contribution, moderator)
    assert contribution not in Contribution.objects.for_analysis()
    flag = contribution.safeguarding_flags.get()
    do_acknowledge_flag(flag, safeguarding_lead)
    do_record_flag_action(flag, safeguarding_lead, "Called children's services duty team.")
    assert contribution not in Contribution.objects.for_analysis()
    do_close_flag(flag, safeguarding_lead, "Child safe; plan in place.")
    assert contribution in Contribution.objects.for_analysis()
    publish(contribution, moderator)
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.PUBLISHED


def test_a_concern_blocks_publication_but_not_analysis(activity, moderator):
    contribution = submit(activity, PAST)
    assert contribution.safety_level == "concern"
    assert not SafeguardingAlert.objects.exists()  # concerns wait on the dashboard, no email
    assert contribution in Contribution.objects.for_analysis()
    with pytest.raises(ContributionError):
        publish(contribution, moderator)


def test_worker_delivers_the_alert_to_the_outbox_for_the_leads(activity, safeguarding_lead,
                                                               settings):
    settings.HEARD_SAFEGUARDING_EMAILS = ["duty@example.org"]
    safeguarding_lead.email = "lead@example.org"
    safeguarding_lead.save()
    contribution = submit(activity, DISCLOSURE)
    assert run_pending() >= 1
    emails = OutboxEmail.objects.filter(about__startswith="safeguarding-alert-")
    # One message per recipient, so each is sent (and accounted for) on its own.
    assert sorted(e.to[0] for e in emails) == ["duty@example.org", "lead@example.org"]
    for email in emails:
        assert str(contribution.pk) in email.subject
        assert "hits me" not in email.body and "stepdad" not in email.body
        assert email.state == OutboxEmail.State.SENT and email.lane == "alerts"
    assert SafeguardingAlert.objects.get().prepared_at is not None
    run_pending()
    assert emails.count() == 2


def test_an_unacknowledged_flag_escalates_once_after_the_set_time(activity, settings):
    settings.HEARD_ESCALATE_AFTER_MINUTES = 30
    settings.HEARD_ESCALATION_EMAILS = ["head-of-service@example.org"]
    contribution = submit(activity, DISCLOSURE)
    run_pending()
    assert not SafeguardingFlag.objects.filter(escalated_at__isnull=False).exists()
    SafeguardingFlag.objects.filter(contribution=contribution).update(
        created_at=timezone.now() - timedelta(minutes=31))
    run_pending()
    run_pending()
    flag = SafeguardingFlag.objects.get()
    assert flag.escalated_at is not None
    escalations = SafeguardingAlert.objects.filter(kind="escalation")
    assert escalations.count() == 1 and escalations.get().prepared_at is not None
    emails = OutboxEmail.objects.filter(about=escalations.get().outbox_key())
    assert [e.to for e in emails] == [["head-of-service@example.org"]]


def test_lead_records_acknowledgement_action_and_outcome_through_the_pages(
    activity, safeguarding_lead
):
    contribution = submit(activity, DISCLOSURE)
    flag = contribution.safeguarding_flags.get()
    lead = client_for(safeguarding_lead)
    listing = lead.get("/staff/safeguarding/").content.decode()
    assert f"Flag {flag.pk}" in listing
    detail = lead.get(f"/staff/safeguarding/{flag.pk}/").content.decode()
    assert "<mark>" in detail and "scared to go home" in detail
    early = lead.post(f"/staff/safeguarding/{flag.pk}/", {"step": "close", "outcome": "x"},
                      follow=True)
    assert "Acknowledge the flag" in early.content.decode()
    lead.post(f"/staff/safeguarding/{flag.pk}/", {"step": "acknowledge"})
    lead.post(f"/staff/safeguarding/{flag.pk}/", {"step": "action",
                                                   "action_taken": "Referred to MASH."})
    lead.post(f"/staff/safeguarding/{flag.pk}/", {"step": "close",
                                                   "outcome": "Strategy meeting held."})
    flag.refresh_from_db()
    assert flag.status == "closed" and flag.acknowledged_by == safeguarding_lead
    actions = set(AuditEvent.objects.filter(object_id=str(flag.pk))
                  .values_list("action", flat=True))
    assert {"safeguarding.acknowledged", "safeguarding.action_recorded",
            "safeguarding.closed", "safeguarding.viewed"} <= actions


def test_withdrawal_keeps_the_flag_until_it_is_closed_then_erases_its_words(
    activity, safeguarding_lead
):
    contribution = submit(activity, DISCLOSURE)
    do_withdraw_contribution(contribution, None)
    flag = SafeguardingFlag.objects.get()
    assert flag.evidence_text == DISCLOSURE  # the duty of care outlives the withdrawal
    do_acknowledge_flag(flag, safeguarding_lead)
    do_record_flag_action(flag, safeguarding_lead, "Checked with the duty team.")
    do_close_flag(flag, safeguarding_lead, "Known to services; safe.")
    flag.refresh_from_db()
    assert flag.evidence_text == "" and all("phrase" not in t for t in flag.triggers)


def test_closing_twice_and_empty_outcomes_are_refused(activity, safeguarding_lead):
    flag = submit(activity, DISCLOSURE).safeguarding_flags.get()
    do_acknowledge_flag(flag, safeguarding_lead)
    with pytest.raises(SafeguardingError):
        do_acknowledge_flag(flag, safeguarding_lead)
    with pytest.raises(SafeguardingError):
        do_close_flag(flag, safeguarding_lead, "   ")
    do_close_flag(flag, safeguarding_lead, "Done.")
    with pytest.raises(SafeguardingError):
        do_close_flag(flag, safeguarding_lead, "Again.")


def test_only_safeguarding_leads_reach_the_flags(activity, make_staff, outsider):
    flag = submit(activity, DISCLOSURE).safeguarding_flags.get()
    for role in ("moderator", "analyst", "facilitator", "service_lead", "administrator"):
        client = client_for(make_staff(role))
        assert client.get("/staff/safeguarding/").status_code == 403
        assert client.get(f"/staff/safeguarding/{flag.pk}/").status_code == 403
    assert client_for(outsider).get("/staff/safeguarding/").status_code == 403

"""Retention: each kind of personal data has a safe default period, an administrator can change
it, the worker removes what is older once a day with an audit row, and the public privacy page
shows the periods, who is responsible and how to complain."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import models
from django.test import Client
from django.utils import timezone

from heard.activities.models import Activity, ConsultationResponse
from heard.activities.open_space.actions import do_create_event, do_register
from heard.activities.open_space.models import Registration
from heard.audit.models import AuditEvent
from heard.contributions.actions import NewContribution, do_submit_contribution
from heard.contributions.models import Contribution
from heard.people.models import RetentionRule
from heard.people.retention import KINDS, days_for
from heard.safety.models import SafeguardingFlag
from heard.safety.safeguarding import do_acknowledge_flag, do_close_flag, do_record_flag_action
from heard.tasks.models import OutboxEmail, Task
from heard.tasks.outbox import queue_email
from heard.tasks.queue import run_pending

from ..activities.activity_helpers import make_activity, questions_of
from ..conftest import client_for

pytestmark = pytest.mark.django_db
DEFAULTS = {"unpublished_contributions": 730, "saved_answers": 30, "event_access_needs": 30,
            "event_registrations": 365, "closed_flag_evidence": 180, "emails": 90,
            "audit_detail": 730, "finished_tasks": 30}


def test_every_kind_has_its_safe_default():
    assert {key: days_for(key) for key in KINDS} == DEFAULTS


def test_the_privacy_page_says_who_is_responsible_how_long_and_how_to_complain(settings):
    settings.HEARD_CONTROLLER = {"name": "Northshire Council", "email": "dpo@northshire.example",
                                 "address": "1 High Street", "dpo_email": ""}
    page = Client().get("/privacy/").content.decode()
    assert "Northshire Council is responsible" in page and "dpo@northshire.example" in page
    assert "https://ico.org.uk/make-a-complaint/" in page and "0303 123 1113" in page
    for kind in KINDS.values():
        assert kind.label in page
    assert "730 days after it was sent" in page


def test_an_administrator_changes_a_period_and_it_is_audited(administrator, make_staff):
    staff = client_for(administrator)
    assert staff.get("/staff/privacy/").status_code == 200
    response = staff.post("/staff/privacy/", {"kind": "emails", "days": "14"})
    assert response.status_code == 302
    assert days_for("emails") == 14
    event = AuditEvent.objects.get(action="retention.changed")
    assert event.details == {"kind": "emails", "before": None, "after": 14, "default": 90}
    assert "14 days after the email was written" in Client().get("/privacy/").content.decode()
    staff.post("/staff/privacy/", {"kind": "emails", "days": ""})
    assert days_for("emails") == 90
    assert client_for(make_staff("analyst")).get("/staff/privacy/").status_code == 403


@pytest.mark.parametrize("data, message", [
    ({"kind": "emails", "days": "ten"}, "Give a number of days"),
    ({"kind": "emails", "days": "³⁰"}, "Give a number of days"),
    ({"kind": "emails", "days": "0"}, "from 1 to 36,500"),
    ({"kind": "emails", "days": "99999999"}, "Give a number of days"),
    ({"kind": "nonsense", "days": "5"}, "Choose a kind of data"),
])
def test_bad_periods_get_a_message_and_change_nothing(administrator, data, message):
    response = client_for(administrator).post("/staff/privacy/", data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not RetentionRule.objects.exclude(days=None).exists()
    assert not AuditEvent.objects.filter(action="retention.changed").exists()


def _age(model: type[models.Model], field: str, days: int, **filters: object) -> None:
    """Move rows into the past (the audit log refuses update(); the plain QuerySet is used)."""
    rows = model._default_manager.filter(**filters)
    models.QuerySet.update(rows, **{field: timezone.now() - timedelta(days=days)})


def _old_and_new_of_every_kind(activity, make_staff):
    lead = make_staff("safeguarding_lead")
    facilitator = make_staff("facilitator")
    made = {}
    for age in ("old", "new"):
        contribution, _ = do_submit_contribution(activity, NewContribution(
            kind="story", text=f"An {age} story nobody published.",
            consents={"analysis": True}), None)
        flagged, _ = do_submit_contribution(activity, NewContribution(
            kind="story", text=f"I get bullied at school ({age}) and nobody helps.",
            consents={"analysis": True}), None)
        flag = flagged.safeguarding_flags.get()
        do_acknowledge_flag(flag, lead)
        do_record_flag_action(flag, lead, "Told the school.")
        do_close_flag(flag, lead, "Resolved.")
        now = timezone.now()
        event = do_create_event(f"Event {age}", "Q?", "Q?", now, now + timedelta(hours=1),
                                facilitator)
        registration, _ = do_register(event, ["care_leaver"], f"Captions ({age})",
                                      {"analysis": True}, None)
        queue_email(f"test-{age}", [f"{age}@example.org"], "Hello", "Body")
        made[age] = (contribution, flag, event, registration)
    consultation = make_activity(Activity.Kind.CONSULTATION, facilitator)
    for age in ("old", "new"):
        Client().post(f"/activities/{consultation.slug}/consultation/questions/", {
            questions_of(consultation)[0].field_name: f"Saved {age}", "action": "save"})
    old_contribution, old_flag, old_event, _ = made["old"]
    _age(Contribution, "submitted_at", 800, pk=old_contribution.pk)
    _age(SafeguardingFlag, "closed_at", 200, pk=old_flag.pk)
    _age(old_event.__class__, "ends_at", 400, pk=old_event.pk)
    _age(OutboxEmail, "created_at", 100, message_id="test-old")
    OutboxEmail.objects.filter(message_id="test-old").update(state=OutboxEmail.State.SENT)
    # One still waiting to go keeps its row (its id is what stops it being sent twice).
    OutboxEmail.objects.create(message_id="test-old-waiting", to=["w@example.org"],
                               subject="Hello", body="Body")
    _age(OutboxEmail, "created_at", 100, message_id="test-old-waiting")
    _age(ConsultationResponse, "updated_at", 40, answers__text="Saved old")
    _age(AuditEvent, "at", 800, action="contribution.submitted",
         object_id=str(old_contribution.pk))
    Task.objects.create(name="old.job", status="done", run_after=timezone.now(),
                        done_at=timezone.now() - timedelta(days=40), payload={"id": 1})
    return made


def test_the_daily_run_removes_only_what_is_older_than_its_period(activity, make_staff):
    made = _old_and_new_of_every_kind(activity, make_staff)
    run_pending()  # the worker's first pass starts the daily run

    (old, old_flag, _e, old_reg), (new, new_flag, _n, new_reg) = made["old"], made["new"]
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.status == "erased" and old.text == ""
    assert new.status == "in_moderation" and new.text.startswith("An new")
    old_flag.refresh_from_db()
    new_flag.refresh_from_db()
    assert old_flag.evidence_text == "" and all("phrase" not in t for t in old_flag.triggers)
    assert old_flag.outcome == "Resolved."  # the lead's record stays
    assert new_flag.evidence_text
    assert Registration.objects.get(pk=old_reg.pk).access_needs == ""
    assert Registration.objects.get(pk=old_reg.pk).perspectives == []
    assert Registration.objects.get(pk=new_reg.pk).access_needs == "Captions (new)"
    assert set(OutboxEmail.objects.values_list("message_id", flat=True)) == {
        "test-new", "test-old-waiting"}
    assert not ConsultationResponse.objects.filter(answers__text="Saved old").exists()
    assert ConsultationResponse.objects.filter(answers__text="Saved new").exists()
    assert AuditEvent.objects.get(action="contribution.submitted",
                                  object_id=str(old.pk)).details == {}
    assert not Task.objects.filter(name="old.job").exists()
    applied = {e.details["kind"]: e.details["removed"]
               for e in AuditEvent.objects.filter(action="retention.applied")}
    assert applied == {"unpublished_contributions": 1, "closed_flag_evidence": 1,
                       "event_access_needs": 1, "event_registrations": 1, "emails": 1,
                       "saved_answers": 1, "audit_detail": 1, "finished_tasks": 1}
    page = client_for(make_staff("administrator")).get("/staff/privacy/").content.decode()
    assert page.count(": 1 removed") == 8


def test_an_open_flag_keeps_an_old_contribution_until_it_is_closed(activity, make_staff):
    contribution, _ = do_submit_contribution(activity, NewContribution(
        kind="story", text="He hits me every night and I am scared to go home.",
        consents={"analysis": True}), None)
    _age(Contribution, "submitted_at", 800, pk=contribution.pk)
    run_pending()
    contribution.refresh_from_db()
    assert contribution.text and contribution.status != "erased"


def test_heard_retention_runs_every_rule_now(activity, capsys):
    from heard.cli import main

    assert main(["retention"]) == 0
    out = capsys.readouterr().out
    assert "Emails we send" in out and "kept 90 days; removed 0" in out

"""Every text a participant can write is triaged, and checked before others see it.

The first test looks at every model for CharField, TextField and JSONField and fails for any field
not declared in heard/safety/text_fields.py, so a new field cannot skip triage by being forgotten.
The rest write immediate-risk words through each declared route, as a participant (or an import)
would, and find the safeguarding flag they must leave behind.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.db import models
from django.test import Client
from django.utils import timezone

from heard.activities.models import Activity
from heard.activities.open_space.actions import do_create_event, do_propose_topic
from heard.activities.open_space.models import Topic
from heard.activities.opinion_map.actions import do_create_opinion_map, do_moderate_statement
from heard.activities.opinion_map.models import OpinionMap, Statement
from heard.cli import main
from heard.safety.models import SafeguardingFlag
from heard.safety.text_fields import not_participant_text, participant_text
from heard.tasks.queue import run_pending

from ..activities.activity_helpers import base, full_answers, make_activity
from ..contributions.test_share_journey import BASE, share_quietly

RISK = "I am going to kill myself tonight and nobody will stop me."
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def text_fields_on_every_model() -> set[str]:
    return {f"{model._meta.label}.{field.name}" for model in apps.get_models()
            for field in model._meta.get_fields()
            if isinstance(field, TEXT_FIELDS) and getattr(field, "concrete", False)}


def test_every_text_field_is_declared_as_triaged_or_not_participant_text():
    found = text_fields_on_every_model()
    triaged, other = participant_text(), not_participant_text()
    undeclared = found - set(triaged) - set(other)
    assert not undeclared, (
        f"Declare these in heard/safety/text_fields.py: triage them and add them to "
        f"PARTICIPANT_TEXT, or say in NOT_PARTICIPANT_TEXT why not: {sorted(undeclared)}")
    assert not set(triaged) & set(other)
    stale = (set(triaged) | set(other)) - found
    assert not stale, f"Declared but no longer on any model: {sorted(stale)}"
    assert all(reason.strip() for reason in [*triaged.values(),
                                             *other.values()])


# --- Each route, written through the way a participant or an import writes it -------------------

def share_journey_text(tmp_path: Path) -> None:
    client = Client()
    client.post(f"{BASE}/who/", {"perspectives": ["child_in_care"]})
    client.post(f"{BASE}/what/", {"kind": "story"})
    client.post(f"{BASE}/write/", {"text": RISK})  # and leaves: no Send


def share_journey_title(tmp_path: Path) -> None:
    client = Client()
    client.post(f"{BASE}/who/", {"perspectives": ["child_in_care"]})
    client.post(f"{BASE}/what/", {"kind": "story"})
    client.post(f"{BASE}/write/", {"title": RISK, "text": "Read my title."})


def api_text(tmp_path: Path) -> None:
    response = Client().post("/api/contributions", json.dumps({
        "activity": "share-your-experience", "kind": "story", "text": RISK}),
        content_type="application/json")
    assert response.status_code == 201 and response.json()["help_now"] is True


def csv_import_text(tmp_path: Path) -> None:
    csv = tmp_path / "other-tool.csv"
    csv.write_text(f"id,comment\n1,{RISK}\n", encoding="utf-8")
    assert main(["import-csv", str(csv), "--text-column", "comment"]) == 0


def consultation_answer(tmp_path: Path) -> None:
    consultation = make_activity(Activity.Kind.CONSULTATION, _facilitator())
    Client().post(f"{base(consultation)}/questions/", full_answers(consultation, helped=RISK))


def open_space_access_needs(tmp_path: Path) -> None:
    event = _event()
    Client().post(f"/events/{event.slug}/sign-up/", {
        "perspectives": ["care_leaver"], "access_needs": RISK, "consent_analysis": "yes"})


def open_space_topic(tmp_path: Path) -> None:
    event = _event()
    client = Client()
    client.post(f"/events/{event.slug}/sign-up/", {"perspectives": ["care_leaver"],
                                                   "consent_analysis": "yes"})
    client.post(f"/events/{event.slug}/topics/", {"step": "propose", "title": RISK})
    assert Topic.objects.filter(title=RISK).exists()


def opinion_statement(tmp_path: Path) -> None:
    opinion_map = do_create_opinion_map("Care", "What would help?", _facilitator())
    client = Client()
    client.post(f"/opinions/{opinion_map.activity.slug}/", {"perspectives": []})
    client.post(f"/opinions/{opinion_map.activity.slug}/suggest/", {"text": RISK})


def polis_import_statement(tmp_path: Path) -> None:
    (tmp_path / "comments.csv").write_text(
        "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
        "0,,0,0,1,0,1,Care leavers need a home\n"
        f"0,,1,0,1,0,1,{RISK}\n", encoding="utf-8")
    (tmp_path / "votes.csv").write_text(
        "timestamp,datetime,comment-id,voter-id,vote\n1,,0,1,1\n1,,1,1,1\n1,,0,2,-1\n",
        encoding="utf-8")
    assert main(["import-polis", str(tmp_path), "--title", "From Polis"]) == 0
    imported = OpinionMap.objects.get(activity__title="From Polis")
    flagged = imported.statements.get(text=RISK)
    assert flagged.status == Statement.Status.PENDING  # not shown to voters
    assert imported.statements.get(external_id=0).status == Statement.Status.ACCEPTED


def paper_form_text(tmp_path: Path) -> None:
    """Staff type in a returned paper form (the page calls this action with the form's words)."""
    from heard.contributions.actions import NewContribution, do_enter_paper_response

    activity = Activity.objects.get(slug="share-your-experience")
    do_enter_paper_response(activity, NewContribution(kind="story", text=RISK), _facilitator())


def assisted_share_journey_text(tmp_path: Path) -> None:
    share_quietly(Client(), RISK, helper={"helped": "yes", "helper_role": "advocate",
                                          "capture_mode": "written_down", "under_13": "yes"})


ROUTES: list[tuple[str, str, Callable[[Path], None]]] = [
    ("contributions.Contribution.text", "share journey, before Send", share_journey_text),
    ("contributions.Contribution.text", "assisted share journey", assisted_share_journey_text),
    ("contributions.Contribution.text", "paper form typed in by staff", paper_form_text),
    ("contributions.Contribution.text", "API", api_text),
    ("contributions.Contribution.text", "CSV import", csv_import_text),
    ("contributions.Contribution.title", "share journey title", share_journey_title),
    ("engagement.Answer.text", "consultation answer", consultation_answer),
    ("open_space.Registration.access_needs", "sign-up", open_space_access_needs),
    ("open_space.Topic.title", "topic", open_space_topic),
    ("opinions.Statement.text", "participant statement", opinion_statement),
    ("opinions.Statement.text", "Polis import", polis_import_statement),
]


def test_every_participant_text_field_has_a_route_tested_here():
    assert {field for field, _name, _write in ROUTES} == set(participant_text())


@pytest.mark.django_db
@pytest.mark.parametrize(("field", "route", "write"), ROUTES, ids=[r[1] for r in ROUTES])
def test_immediate_risk_written_through_each_route_reaches_the_safeguarding_lead(
        field, route, write, baseline, tmp_path):
    write(tmp_path)
    flags = [f for f in SafeguardingFlag.objects.all() if RISK in f.evidence_text]
    assert len(flags) == 1, f"{field} via {route}: expected one flag, found {len(flags)}"
    assert flags[0].level == "immediate" and flags[0].alerts.count() == 1


# --- Checked before others see it ---------------------------------------------------------------

@pytest.mark.django_db
def test_a_flagged_statement_cannot_be_shown_to_voters_until_the_flag_is_closed(baseline):
    opinion_statement(Path())
    statement = Statement.objects.get(text=RISK)
    with pytest.raises(ValueError, match="safeguarding flag"):
        do_moderate_statement(statement, _facilitator(), accept=True)
    assert Statement.objects.get(pk=statement.pk).status == Statement.Status.PENDING


@pytest.mark.django_db
def test_open_space_topic_titles_reach_other_participants_only_redacted(baseline):
    event = _event()
    proposer, other = Client(), Client()
    for client in (proposer, other):
        client.post(f"/events/{event.slug}/sign-up/", {"perspectives": ["care_leaver"],
                                                       "consent_analysis": "yes"})
    title = "Talk to Siobhan Kelly about moving placement"
    proposer.post(f"/events/{event.slug}/topics/", {"step": "propose", "title": title})
    # Before the check has run, others see that a topic is waiting, not its words.
    seen = other.get(f"/events/{event.slug}/topics/").content.decode()
    assert "Siobhan" not in seen and "we are checking it for names" in seen
    assert title in proposer.get(f"/events/{event.slug}/topics/").content.decode()
    run_pending()  # the redaction suggestions
    seen = other.get(f"/events/{event.slug}/topics/").content.decode()
    assert "Siobhan" not in seen and "Kelly" not in seen and "about moving placement" in seen


def _facilitator():
    from django.contrib.auth.models import User

    from heard.people.actions import do_create_staff_member

    found = User.objects.filter(username="text-fields-facilitator").first()
    return found or do_create_staff_member("text-fields-facilitator",
                                           "correct horse battery staple 42",
                                           ["facilitator"], None)


def _event():
    now = timezone.now()
    event = do_create_event("Leaving care", "What would help?", "What first?",
                            now, now + timedelta(hours=3), _facilitator())
    do_propose_topic(event, None, "Money when you leave care", _facilitator())
    return event

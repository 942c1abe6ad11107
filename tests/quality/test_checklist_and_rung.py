"""Staff record the Lundy checklist and the Arnstein rung, with evidence, through audited
actions; bad input saves nothing and says what to fix."""

from __future__ import annotations

import pytest

from heard.audit.models import AuditEvent
from heard.quality.actions import LundyEntry, QualityError, do_record_lundy, do_set_arnstein_rung
from heard.quality.frameworks import LUNDY_ITEMS
from heard.quality.models import ArnsteinRating, LundyAnswer
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def page(activity) -> str:
    return f"/staff/quality/{activity.slug}/"


def test_checklist_saves_answers_with_evidence_and_an_audit_row(activity, facilitator):
    client = client_for(facilitator)
    response = client.post(page(activity), {
        "step": "lundy",
        "space_sought-answer": "yes", "space_sought-evidence": "Three group sessions in schools.",
        "voice_ways-answer": "partly", "voice_ways-evidence": "Online form and drawings only.",
        "influence_feedback-answer": "no", "influence_feedback-evidence": "",
    })
    assert response.status_code == 302
    saved = {a.item: (a.answer, a.evidence, a.updated_by) for a in LundyAnswer.objects.all()}
    assert saved == {
        "space_sought": ("yes", "Three group sessions in schools.", facilitator),
        "voice_ways": ("partly", "Online form and drawings only.", facilitator),
        "influence_feedback": ("no", "", facilitator),
    }
    event = AuditEvent.objects.get(action="quality.lundy_recorded")
    assert event.actor == facilitator
    assert event.object_id == str(activity.pk)
    assert event.details["items"] == {"space_sought": "yes", "voice_ways": "partly",
                                      "influence_feedback": "no"}
    assert "schools" not in str(event.details)  # evidence never reaches the log
    shown = client.get(page(activity)).content.decode()
    assert "2 of 12 met" in shown
    listing = client.get("/staff/quality/").content.decode()
    assert "2 of 12 met" in listing


def test_changing_one_answer_updates_it_and_audits_only_the_change(activity, facilitator):
    do_record_lundy(activity, {"space_safe": LundyEntry("partly", "Quiet room, but staff in it.")},
                    facilitator)
    changed = do_record_lundy(activity, {
        "space_safe": LundyEntry("yes", "Quiet room, staff left."),
        "audience_who": LundyEntry(""),
    }, facilitator)
    assert changed == {"space_safe": "yes"}
    assert LundyAnswer.objects.get(item="space_safe").answer == "yes"
    assert LundyAnswer.objects.count() == 1
    assert AuditEvent.objects.filter(action="quality.lundy_recorded").count() == 2
    # Sending the same again changes nothing and writes no audit row.
    assert do_record_lundy(activity, {"space_safe": LundyEntry("yes", "Quiet room, staff left.")},
                           facilitator) == {}
    assert AuditEvent.objects.filter(action="quality.lundy_recorded").count() == 2


@pytest.mark.parametrize("fields, message", [
    ({"space_sought-answer": "yes", "space_sought-evidence": "  "},
     "Give the evidence for your answer"),
    ({"voice_ways-answer": "partly"}, "Give the evidence for your answer"),
    ({"voice_ways-answer": "maybe", "voice_ways-evidence": "x"}, "Choose yes, partly or no"),
    ({"voice_ways-evidence": "Evidence with no answer"}, "Choose yes, partly or no"),
])
def test_bad_checklist_saves_nothing_and_explains(activity, facilitator, fields, message):
    client = client_for(facilitator)
    good = {"space_safe-answer": "yes", "space_safe-evidence": "A quiet room."}
    response = client.post(page(activity), {"step": "lundy", **good, **fields})
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert message in body
    assert 'class="govuk-error-summary"' in body
    assert not LundyAnswer.objects.exists()
    assert not AuditEvent.objects.filter(action="quality.lundy_recorded").exists()
    assert "A quiet room." in body  # what they typed is kept for them to fix


def test_unknown_checklist_item_is_refused(activity, facilitator):
    assert "not_a_question" not in LUNDY_ITEMS
    with pytest.raises(QualityError):
        do_record_lundy(activity, {"not_a_question": LundyEntry("yes", "x")}, facilitator)
    assert not LundyAnswer.objects.exists()


def test_rung_saves_with_evidence_and_audit_row(activity, facilitator):
    client = client_for(facilitator)
    response = client.post(page(activity), {
        "step": "arnstein", "rung": "consultation",
        "rung-evidence": "Views were asked for; the panel decided alone."})
    assert response.status_code == 302
    rating = ArnsteinRating.objects.get(activity=activity)
    assert (rating.rung, rating.updated_by) == ("consultation", facilitator)
    do_set_arnstein_rung(activity, "partnership", "Young people now sit on the panel.",
                         facilitator)
    assert ArnsteinRating.objects.get().rung == "partnership"
    events = list(AuditEvent.objects.filter(action="quality.arnstein_set").order_by("id"))
    assert [(e.details["rung"], e.details["previous"]) for e in events] == [
        ("consultation", ""), ("partnership", "consultation")]
    assert all("panel" not in str(e.details) for e in events)
    listing = client_for(facilitator).get("/staff/quality/").content.decode()
    assert "6. Partnership" in listing and "Citizen power" in listing


@pytest.mark.parametrize("fields, message", [
    ({"rung": "consultation", "rung-evidence": ""}, "Give the evidence for the rung"),
    ({"rung": "top", "rung-evidence": "Because."}, "Choose a rung on the ladder"),
    ({"rung-evidence": "Because."}, "Choose a rung on the ladder"),
])
def test_bad_rung_saves_nothing_and_explains(activity, facilitator, fields, message):
    response = client_for(facilitator).post(page(activity), {"step": "arnstein", **fields})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ArnsteinRating.objects.exists()
    assert not AuditEvent.objects.filter(action="quality.arnstein_set").exists()

from __future__ import annotations

import pytest

from heard.audit.log import record
from heard.audit.models import AppendOnlyError, AuditEvent

from ..conftest import client_for

pytestmark = pytest.mark.django_db


def test_audit_rows_cannot_be_changed_or_deleted(young_person_story):
    event = AuditEvent.objects.first()
    assert event is not None
    event.action = "tampered"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.update(action="x")


def test_audit_refuses_details_that_could_hold_text():
    with pytest.raises(ValueError, match="must not hold text"):
        record(None, "contribution.viewed", object_type="x", text="a child's words")


def test_every_staff_view_of_a_contribution_is_audited_with_who_and_when(moderator,
                                                                        young_person_story):
    contribution, _ = young_person_story
    client_for(moderator).get(f"/staff/moderation/{contribution.pk}/")
    event = AuditEvent.objects.get(action="contribution.viewed")
    assert event.actor == moderator
    assert event.object_id == str(contribution.pk)
    assert event.at.utcoffset().total_seconds() == 0


def test_submission_is_audited_without_the_text(young_person_story):
    contribution, _ = young_person_story
    event = AuditEvent.objects.get(action="contribution.submitted")
    assert event.actor_label == "participant" or event.actor_label == "system"
    assert contribution.text not in str(event.details)
    assert event.details["length"] == len(contribution.text)


def test_the_log_narrows_to_one_object_by_its_number_and_shows_all_for_anything_else(
        administrator, young_person_story):
    contribution, _ = young_person_story
    client = client_for(administrator)
    narrowed = client.get(f"/staff/audit/?object_id=%20{contribution.pk}%20")
    shown = list(narrowed.context["page"].object_list)
    assert shown and {event.object_id for event in shown} == {str(contribution.pk)}
    for stray in ("²", "abc", "-1"):  # "²" passes str.isdigit, not int() (core/numbers.py)
        everything = AuditEvent.objects.count()  # this look is recorded after the count
        page = client.get("/staff/audit/", {"object_id": stray})
        assert page.status_code == 200
        assert page.context["page"].paginator.count == everything > 2


def test_looking_at_the_log_records_the_number_it_was_narrowed_to_not_what_was_typed(
        administrator, young_person_story):
    """A line longer than the column (64 characters) was recorded as typed, a server error on
    PostgreSQL; anything that is not a number narrows nothing and is recorded as nothing."""
    contribution, _ = young_person_story
    client = client_for(administrator)
    for typed, kept in ((f" {contribution.pk} ", str(contribution.pk)), ("7" * 70, ""),
                        ("x" * 70, "")):
        page = client.get("/staff/audit/", {"object_id": typed})
        assert page.status_code == 200
        looked = AuditEvent.objects.filter(action="audit.viewed").latest("id")
        assert looked.object_id == kept

"""The moderator's review page: readable type names, and tagging a place by hand."""

from __future__ import annotations

import pytest

from heard.contributions.actions import NewContribution, do_submit_contribution
from heard.safety.redaction_review import do_store_redaction_suggestions

from ..conftest import client_for

pytestmark = pytest.mark.django_db
TEXT = "Me and Kayden live in Rotherham now, near Albert Road. Ring 07700 900123."


@pytest.fixture
def story(activity):
    contribution, _ = do_submit_contribution(activity, NewContribution(
        kind="story", text=TEXT, consents={"analysis": True, "quote": True, "publish": True}),
        None)
    return contribution


def test_suggestions_show_readable_type_names(story, moderator) -> None:
    page = client_for(moderator).get(f"/staff/moderation/{story.pk}/").content.decode()
    assert "Person&#x27;s name" in page or "Person's name" in page
    assert "Phone number" in page and "Place (town, area, street or park)" in page
    for code in ("PERSON", "PHONE_NUMBER", "LOCATION", "IBAN_CODE", "US_SSN"):
        assert f">{code}<" not in page and f"({code}," not in page


def test_the_kind_list_offers_a_place_by_its_name(story, moderator) -> None:
    page = client_for(moderator).get(f"/staff/moderation/{story.pk}/").content.decode()
    assert '<option value="LOCATION">Place (town, area, street or park)</option>' in page
    assert '<option value="IBAN_CODE">Bank account (IBAN)</option>' in page


def test_a_moderator_tags_a_place_by_hand(story, moderator) -> None:
    response = client_for(moderator).post(f"/staff/moderation/{story.pk}/", {
        "decision": "hold", "reason": "Checking.", "accept": [],
        "extra_phrases": "rotherham", "extra_type": "LOCATION"})
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.public_text == (
        "Me and Kayden live in [place] now, near Albert Road. Ring 07700 900123.")
    assert {"type": "LOCATION", "start": 22, "end": 31, "score": 1.0,
            "source": "moderator"} in story.redactions


def test_suggested_places_are_redacted_as_places(story, moderator) -> None:
    suggestions = do_store_redaction_suggestions(story)
    assert [s.entity_type for s in suggestions] == [
        "PERSON", "LOCATION", "LOCATION", "PHONE_NUMBER"]
    client_for(moderator).post(f"/staff/moderation/{story.pk}/", {
        "decision": "hold", "reason": "Checking.",
        "accept": [str(i) for i in range(len(suggestions))]})
    story.refresh_from_db()
    assert story.public_text == "Me and [name] live in [place] now, near [place]. Ring [phone]."


def test_reading_suggestions_writes_nothing_and_storing_them_is_audited_once(story) -> None:
    from heard.audit.models import AuditEvent
    from heard.contributions.models import Contribution
    from heard.safety.redaction_review import stored_suggestions

    Contribution.objects.filter(pk=story.pk).update(redaction_suggestions=None)
    before = AuditEvent.objects.filter(action="redaction.suggested").count()
    story.refresh_from_db()
    assert stored_suggestions(story) == []
    story.refresh_from_db()
    assert story.redaction_suggestions is None
    assert AuditEvent.objects.filter(action="redaction.suggested").count() == before
    first = do_store_redaction_suggestions(story)
    again = do_store_redaction_suggestions(story)
    assert first == again == stored_suggestions(story) and len(first) == 4
    assert AuditEvent.objects.filter(action="redaction.suggested").count() == before + 1


def test_the_decision_page_reads_stored_suggestions_without_detecting_again(
        story, moderator, monkeypatch) -> None:
    from heard.safety import redaction_review

    stored = do_store_redaction_suggestions(story)
    calls: list[str] = []
    monkeypatch.setattr(redaction_review, "detect", lambda text: calls.append(text) or [])
    # Neither the store action's locking part (a transaction on the row) nor detection runs:
    # the page calls the action by name, which answers from what is stored.
    monkeypatch.setattr(redaction_review, "_detect_and_store",
                        lambda c: calls.append("locked and stored") or [])
    client = client_for(moderator)
    for _ in range(2):
        page = client.get(f"/staff/moderation/{story.pk}/").content.decode()
        assert "Phone number" in page and len(stored) == 4
    assert calls == []


def test_the_decision_page_detects_when_the_background_task_has_not_run(
        story, moderator) -> None:
    from heard.contributions.models import Contribution

    Contribution.objects.filter(pk=story.pk).update(redaction_suggestions=None)
    page = client_for(moderator).get(f"/staff/moderation/{story.pk}/").content.decode()
    assert "Phone number" in page
    story.refresh_from_db()
    assert len(story.redaction_suggestions) == 4

"""Odd input reaching the safety checks: clear messages, nothing changed, never a server error."""

from __future__ import annotations

import pytest

from heard.contributions.actions import ContributionError, NewContribution, do_submit_contribution
from heard.contributions.models import Contribution
from heard.safety.actions import do_decide, do_review_redactions
from heard.safety.redaction import Span

from ..conftest import client_for

pytestmark = pytest.mark.django_db
ODD_TEXTS = {
    "emoji only": "😢😢😢 💔🙏",
    "mixed scripts": "Мій соціальний працівник змінився. 我很想家. I miss my brother Kacper.",
    "20,000 characters": ("I moved again and nobody told my school. " * 500)[:20_000],
    "html and script": '<script>alert("x")</script><img src=x onerror=alert(1)> I need help '
                       "with <b>housing</b>.",
}


@pytest.mark.parametrize("name", list(ODD_TEXTS))
def test_odd_texts_are_taken_checked_and_shown_safely(name, activity, moderator):
    text = ODD_TEXTS[name]
    contribution, _ = do_submit_contribution(activity, NewContribution(
        kind="story", text=text, consents={"analysis": True, "quote": True, "publish": True}),
        None)
    assert contribution.safety_level in {"none", "concern", "immediate"}
    page = client_for(moderator).get(f"/staff/moderation/{contribution.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "<script>alert" not in body and "onerror=alert(1)>" not in body
    response = client_for(moderator).post(f"/staff/moderation/{contribution.pk}/",
                                          {"decision": "hold", "reason": "Checking."})
    assert response.status_code == 302


def test_a_span_outside_the_text_is_refused_and_changes_nothing(young_person_story, moderator):
    contribution, _ = young_person_story
    for span in (Span("PERSON", 0, 10_000, 1.0, "x"), Span("PERSON", -3, 4, 1.0, "x"),
                 Span("PERSON", 5, 2, 1.0, "x")):
        with pytest.raises(ContributionError):
            do_review_redactions(contribution, moderator, [span])
    contribution.refresh_from_db()
    assert contribution.redaction_reviewed_at is None and contribution.public_text == ""


def test_a_refused_decision_keeps_none_of_its_redactions(young_person_story, moderator):
    # The redactions and the decision are one action: holding without a reason is refused,
    # and the redactions reviewed with it are not kept either.
    contribution, _ = young_person_story
    with pytest.raises(ContributionError, match="Give a reason"):
        do_decide(contribution, moderator, [Span("PERSON", 0, 2, 1.0, "x")], "hold", " ")
    contribution.refresh_from_db()
    assert contribution.redaction_reviewed_at is None
    assert contribution.status == Contribution.Status.IN_MODERATION
    do_decide(contribution, moderator, [], "hold", "Checking with the team.")
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.HELD
    assert contribution.redaction_reviewed_at is not None


def test_a_forged_suggestion_number_gets_a_message(young_person_story, moderator):
    contribution, _ = young_person_story
    response = client_for(moderator).post(f"/staff/moderation/{contribution.pk}/",
                                          {"decision": "publish", "accept": ["99"]})
    assert response.status_code == 200
    assert "Choose from the list" in response.content.decode()
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.IN_MODERATION


def test_a_typed_redaction_takes_out_every_occurrence(young_person_story, moderator):
    contribution, _ = young_person_story
    client_for(moderator).post(f"/staff/moderation/{contribution.pk}/", {
        "decision": "hold", "reason": "Checking.", "extra_phrases": "school\nFOUR",
        "extra_type": "ORGANIZATION"})
    contribution.refresh_from_db()
    assert contribution.public_text == (
        "I moved placement [school or organisation] times in a year and had to change [school] "
        "twice.")

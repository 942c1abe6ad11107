"""The share journey through the Django test client: every step, the receipt, consents and
withdrawal, as a participant would do it without JavaScript."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from heard.audit.models import AuditEvent
from heard.contributions.models import ConsentEvent, Contribution
from heard.people.models import Receipt, hash_receipt_code, normalise_receipt_code

pytestmark = pytest.mark.django_db
BASE = "/share/share-your-experience"
STORY = "My social worker changed five times. Each time I had to tell my story again."


def walk_journey(client: Client, text: str = STORY, perspectives=("child_in_care",)) -> str:
    """Walk every page of the journey and return the receipt code shown at the end."""
    assert client.get(f"{BASE}/").status_code == 200
    assert client.post(f"{BASE}/who/", {"perspectives": list(perspectives)}).status_code == 302
    assert client.post(f"{BASE}/what/", {"kind": "story"}).status_code == 302
    assert client.post(f"{BASE}/write/", {"title": "", "text": text}).status_code == 302
    response = client.post(f"{BASE}/consent/", {
        "consent_analysis": "yes", "consent_quote": "yes", "consent_publish": "no"})
    assert response.status_code == 302
    assert client.post(f"{BASE}/about-you/", {"age_band": "12_15"}).status_code == 302
    check = client.get(f"{BASE}/check/")
    assert check.status_code == 200
    assert text[:40] in check.content.decode()
    done = client.post(f"{BASE}/check/", follow=True)
    assert done.status_code == 200
    match = re.search(r'id="receipt-code" data-code="([0-9A-Z-]+)"', done.content.decode())
    assert match, "the confirmation page shows the receipt code"
    return match.group(1)


def share_quietly(client: Client, text: str, *, perspective: str = "child_in_care",
                  kind: str = "story", helper: dict[str, str] | None = None) -> str:
    """Send `text` through the journey with the fewest answers (analysis only, nothing about
    you) and return the page shown after "Check and send". Unlike walk_journey it checks no
    step on the way: tests using it are about what happens to the words afterwards."""
    client.post(f"{BASE}/who/", {"perspectives": [perspective]})
    client.post(f"{BASE}/what/", {"kind": kind})
    client.post(f"{BASE}/write/", {"title": "", "text": text})
    if helper is not None:
        client.post(f"{BASE}/helper/", helper)
    client.post(f"{BASE}/consent/", {"consent_analysis": "yes", "consent_quote": "no",
                                     "consent_publish": "no"})
    client.post(f"{BASE}/about-you/", {})
    return client.post(f"{BASE}/check/", follow=True).content.decode()


def test_journey_creates_one_contribution_with_its_perspectives_and_consents():
    code = walk_journey(Client(), perspectives=("child_in_care", "care_leaver"))
    contribution = Contribution.objects.get()
    assert contribution.text == STORY
    assert contribution.perspectives == ["child_in_care", "care_leaver"]
    assert contribution.consents() == {"analysis": True, "quote": True, "publish": False}
    assert contribution.consent_version
    assert contribution.status == Contribution.Status.IN_MODERATION
    assert contribution.equality == {"age_band": "12_15"}
    assert ConsentEvent.objects.filter(contribution=contribution).count() == 3
    # The code is stored only as a hash.
    normalised = normalise_receipt_code(code)
    assert normalised is not None
    assert Receipt.objects.get().code_hash == hash_receipt_code(normalised)
    assert not Receipt.objects.filter(code_hash__icontains=normalised).exists()


def test_receipt_code_has_at_least_80_bits_and_is_shown_only_once():
    client = Client()
    code = walk_journey(client)
    assert len(normalise_receipt_code(code) or "") * 5 >= 80
    again = client.get(f"{BASE}/done/", follow=True)
    assert code not in again.content.decode()


def test_returning_with_the_code_shows_status_and_lets_consent_change():
    code = walk_journey(Client())
    visitor = Client()
    page = visitor.post("/receipt/", {"code": code.lower().replace("-", " ")}, follow=True)
    assert page.status_code == 200
    assert "Waiting to be checked" in page.content.decode()
    contribution = Contribution.objects.get()
    response = visitor.post(f"/receipt/yours/{contribution.pk}/consent/",
                            {"purpose": "publish", "given": "yes"}, follow=True)
    assert response.status_code == 200
    contribution.refresh_from_db()
    assert contribution.consent_publish is True
    assert AuditEvent.objects.filter(action="contribution.consent_changed").count() == 1


def test_withdrawing_erases_the_text_and_marks_it_withdrawn():
    code = walk_journey(Client())
    visitor = Client()
    visitor.post("/receipt/", {"code": code})
    contribution = Contribution.objects.get()
    confirm = visitor.get(f"/receipt/yours/{contribution.pk}/withdraw/")
    assert confirm.status_code == 200
    page = visitor.post(f"/receipt/yours/{contribution.pk}/withdraw/", {"confirm": "yes"},
                        follow=True)
    assert page.status_code == 200
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.WITHDRAWN
    assert contribution.text == "" and contribution.title == "" and contribution.equality == {}
    assert STORY not in page.content.decode()


def test_a_later_page_sends_you_back_to_the_first_unanswered_step():
    client = Client()
    response = client.get(f"{BASE}/check/")
    assert response.status_code == 302
    assert response["Location"].endswith(f"{BASE}/who/")


def test_choosing_several_perspectives_and_dual_perspective_is_recognised():
    client = Client()
    client.post(f"{BASE}/who/", {"perspectives": ["care_leaver", "social_worker"]})
    client.post(f"{BASE}/what/", {"kind": "idea"})
    client.post(f"{BASE}/write/", {"text": "Keep one trusted adult for every child."})
    client.post(f"{BASE}/consent/", {"consent_analysis": "yes", "consent_quote": "no",
                                     "consent_publish": "no"})
    client.post(f"{BASE}/about-you/", {})
    page = client.get(f"{BASE}/check/").content.decode()
    assert "A social worker" in page and "A care leaver" in page


def test_rather_not_say_is_allowed_and_stores_no_perspective():
    client = Client()
    assert client.post(f"{BASE}/who/", {"rather_not_say": "on"}).status_code == 302
    client.post(f"{BASE}/what/", {"kind": "problem"})
    client.post(f"{BASE}/write/", {"text": "The letters from the council are hard to read."})
    client.post(f"{BASE}/consent/", {"consent_analysis": "yes", "consent_quote": "no",
                                     "consent_publish": "no"})
    client.post(f"{BASE}/about-you/", {})
    client.post(f"{BASE}/check/")
    assert Contribution.objects.get().perspectives == []

"""Help at once, and no disclosure lost by leaving: words are triaged as soon as they are written,
immediate risk is kept for the safeguarding lead before Send, and Send joins the same flag."""

from __future__ import annotations

import pytest
from django.test import Client

from heard.activities.models import Activity
from heard.contributions.models import Contribution
from heard.safety.models import SafeguardingAlert, SafeguardingFlag
from heard.tasks.models import Task

from ..activities.activity_helpers import base, finish, full_answers, make_activity
from ..conftest import client_for
from ..contributions.test_share_journey import BASE

pytestmark = pytest.mark.django_db
DISCLOSURE = "I am going to kill myself tonight. I have saved up my tablets."
CHANGED = "My stepdad hits me every night and I am scared to go home tonight."
SAFE = "I would like more say in where I live next."


def start_writing(client: Client, text: str = DISCLOSURE) -> str:
    """Who, what and write: the steps before consent. Returns the next page."""
    client.post(f"{BASE}/who/", {"perspectives": ["child_in_care"]})
    client.post(f"{BASE}/what/", {"kind": "story"})
    return client.post(f"{BASE}/write/", {"text": text}, follow=True).content.decode()


def send(client: Client) -> str:
    client.post(f"{BASE}/consent/", {"consent_analysis": "yes", "consent_quote": "yes",
                                     "consent_publish": "no"})
    client.post(f"{BASE}/about-you/", {"age_band": "12_15"})
    return client.post(f"{BASE}/check/", follow=True).content.decode()


def alert_tasks() -> int:
    return Task.objects.filter(name="safeguarding.deliver_alert").count()


def test_help_shows_on_the_page_straight_after_writing_before_any_consent_question(baseline):
    page = start_writing(Client())
    # The next page ("Is someone helping?", then the consent questions), not yet answered.
    assert "Is someone helping you share this?" in page
    assert 'data-testid="help-now"' in page and "999" in page and "0800 1111" in page
    assert "even if you do not finish" in page


def test_leaving_before_send_still_leaves_a_flag_and_an_alert_for_the_lead(
        baseline, make_staff):
    start_writing(Client())  # and then the person closes the page
    held = Contribution.objects.get()
    flag = SafeguardingFlag.objects.get()
    assert flag.contribution == held and flag.level == "immediate"
    assert DISCLOSURE in flag.evidence_text
    assert SafeguardingAlert.objects.filter(flag=flag).count() == 1 and alert_tasks() == 1
    # Kept only for the safeguarding lead: no consent, never published, analysed or queued.
    assert held.held_for_safeguarding
    assert not (held.consent_analysis or held.consent_quote or held.consent_publish)
    assert held not in Contribution.objects.for_analysis() and not held.is_publishable()
    moderator = client_for(make_staff("moderator"))
    queue = moderator.get("/staff/moderation/").content.decode()
    assert f"/staff/moderation/{held.pk}/" not in queue
    assert moderator.get(f"/staff/moderation/{held.pk}/").status_code == 404
    lead = client_for(make_staff("safeguarding_lead"))
    detail = lead.get(f"/staff/safeguarding/{flag.pk}/").content.decode()
    assert "saved up my tablets" in detail and 'data-testid="not-sent"' in detail


def test_pressing_send_joins_the_same_flag_instead_of_raising_another(baseline):
    client = Client()
    start_writing(client)
    done = send(client)
    assert 'data-testid="help-now"' in done and "receipt-code" in done
    contribution = Contribution.objects.get()
    assert not contribution.held_for_safeguarding
    assert contribution.consent_analysis and contribution.consent_quote
    assert contribution.equality == {"age_band": "12_15"}
    assert SafeguardingFlag.objects.count() == 1 and SafeguardingAlert.objects.count() == 1
    assert contribution.status == Contribution.Status.IN_MODERATION
    # The code shown once now opens it, like any other contribution.
    code = done.split('id="receipt-code" data-code="')[1].split('"')[0]
    receipt = Client()
    receipt.post("/receipt/", {"code": code})
    assert "I am going to kill myself" in receipt.get("/receipt/yours/").content.decode()


def test_changed_words_are_triaged_again_into_the_same_flag(baseline):
    client = Client()
    start_writing(client)
    client.post(f"{BASE}/write/", {"text": CHANGED})  # back, and written differently
    flag = SafeguardingFlag.objects.get()
    assert flag.evidence_text.startswith(CHANGED) and DISCLOSURE in flag.evidence_text
    assert SafeguardingAlert.objects.count() == 1
    send(client)
    sent = Contribution.objects.get()
    assert sent.text == CHANGED and not sent.held_for_safeguarding
    assert SafeguardingFlag.objects.count() == 1


def test_words_changed_to_something_safe_send_normally_and_the_earlier_words_stay_held(
        baseline):
    client = Client()
    start_writing(client)
    client.post(f"{BASE}/write/", {"text": SAFE})
    page = send(client)
    held = Contribution.objects.get(text=DISCLOSURE)
    sent = Contribution.objects.get(text=SAFE)
    assert held.held_for_safeguarding and held.safeguarding_flags.get().is_open()
    assert not sent.held_for_safeguarding and not sent.safeguarding_flags.exists()
    assert 'data-testid="help-now"' in page  # what they wrote first still worries us
    assert SafeguardingAlert.objects.count() == 1


def test_safe_words_keep_nothing_before_send(baseline):
    start_writing(Client(), SAFE)
    assert not Contribution.objects.exists() and not SafeguardingFlag.objects.exists()


def test_consultation_answers_are_held_when_the_person_moves_on_without_saving(make_staff):
    consultation = make_activity(Activity.Kind.CONSULTATION, make_staff("facilitator"))
    client = Client()
    page = client.post(f"{base(consultation)}/questions/",
                       full_answers(consultation, helped=DISCLOSURE), follow=True)
    assert 'data-testid="help-now"' in page.content.decode()  # the "who are you" page
    held = Contribution.objects.get()
    assert held.held_for_safeguarding and held.text == DISCLOSURE
    assert SafeguardingFlag.objects.filter(contribution=held, level="immediate").exists()
    finish(client, consultation)
    sent = Contribution.objects.get(text=DISCLOSURE)
    assert sent.pk == held.pk and not sent.held_for_safeguarding and sent.consent_analysis
    assert sent.consultation_answer is not None
    assert SafeguardingFlag.objects.count() == 1 and SafeguardingAlert.objects.count() == 1


def test_an_idea_is_held_as_soon_as_it_is_written(make_staff):
    call = make_activity(Activity.Kind.CALL_FOR_IDEAS, make_staff("facilitator"))
    client = Client()
    url = f"/activities/{call.slug}/ideas"
    page = client.post(f"{url}/new/", {"title": "Help", "text": DISCLOSURE}, follow=True)
    assert 'data-testid="help-now"' in page.content.decode()
    assert SafeguardingFlag.objects.get().contribution.held_for_safeguarding
    client.post(f"{url}/who/", {"perspectives": ["care_leaver"]})
    client.post(f"{url}/consent/", {"consent_analysis": "yes", "consent_quote": "no",
                                    "consent_publish": "no"})
    client.post(f"{url}/check/")
    sent = Contribution.objects.get()
    assert not sent.held_for_safeguarding and sent.kind == "idea"
    assert SafeguardingFlag.objects.count() == 1 and SafeguardingAlert.objects.count() == 1


def test_words_never_sent_are_erased_when_the_lead_closes_the_flag(baseline, make_staff):
    from heard.safety.safeguarding import (
        do_acknowledge_flag,
        do_close_flag,
        do_record_flag_action,
    )

    start_writing(Client())  # and leaves
    lead = make_staff("safeguarding_lead")
    flag = SafeguardingFlag.objects.get()
    do_acknowledge_flag(flag, lead)
    do_record_flag_action(flag, lead, "Called the duty team; police welfare check.")
    do_close_flag(flag, lead, "Young person safe with family.")
    held = Contribution.objects.get()
    assert held.status == Contribution.Status.ERASED and held.text == ""
    flag.refresh_from_db()
    assert flag.evidence_text == "" and all("phrase" not in t for t in flag.triggers)
    assert flag.outcome == "Young person safe with family."

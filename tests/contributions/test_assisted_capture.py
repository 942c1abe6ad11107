"""Assisted capture and children's consent through the share journey, as a child and the
person helping them would use it without JavaScript, and the actions underneath."""

from __future__ import annotations

import re
import time

import pytest
from django.test import Client

from heard.activities.models import Activity
from heard.audit.models import AuditEvent
from heard.contributions.actions import (
    KNOWN_CONSENT_VERSIONS,
    ContributionError,
    NewContribution,
    do_submit_contribution,
)
from heard.contributions.assisted import (
    CHILD_CODE_WAITS_SECONDS,
    OVER_13_BANDS,
    UNDER_13_BANDS,
    ConsentPage,
    band_says_under_13,
    consent_page,
    contribution_fields,
    is_under_13,
)
from heard.contributions.assisted_forms import ChildConsentForm, HelperForm
from heard.contributions.models import (
    CHILD_CONSENT_TEXT_VERSION,
    CONSENT_TEXT_VERSION,
    EASY_READ_CONSENT_TEXT_VERSION,
    ConsentEvent,
    Contribution,
)
from heard.core.vocab import AGE_JOURNEYS

from .test_share_journey import BASE, STORY

pytestmark = pytest.mark.django_db
CODE = re.compile(r'id="receipt-code" data-code="([0-9A-Z-]+)"')


def start(client: Client) -> None:
    assert client.post(f"{BASE}/who/", {"perspectives": ["child_in_care"]}).status_code == 302
    assert client.post(f"{BASE}/what/", {"kind": "story"}).status_code == 302
    response = client.post(f"{BASE}/write/", {"title": "", "text": STORY})
    assert response["Location"].endswith("/helper/")


def helped(client: Client, *, under_13: str = "yes", mode: str = "written_down") -> None:
    response = client.post(f"{BASE}/helper/", {"helped": "yes", "helper_role": "advocate",
                                               "capture_mode": mode, "under_13": under_13})
    assert response.status_code == 302 and response["Location"].endswith("/consent/")


def finish(client: Client, consent: dict[str, str]) -> object:
    assert client.post(f"{BASE}/consent/", consent).status_code == 302
    assert client.post(f"{BASE}/about-you/", {}).status_code == 302
    return client.post(f"{BASE}/check/", follow=True)


CHILD_YES = {"consent_analysis": "yes", "consent_quote": "yes", "consent_publish": "no"}


def test_a_child_helped_by_an_advocate_is_recorded_with_role_and_mode_and_child_words():
    client = Client()
    start(client)
    helped(client)
    page = client.get(f"{BASE}/consent/").content.decode()
    assert "Can we read it with what other children said?" in page
    assert "grown-up" not in page  # the service has not asked for an adult's agreement
    finish(client, CHILD_YES)
    contribution = Contribution.objects.get()
    assert contribution.helper_role == "advocate"
    assert contribution.capture_mode == "written_down"
    assert contribution.consent_version == CHILD_CONSENT_TEXT_VERSION
    assert contribution.supporting_adult_agreed is None
    assert contribution.consents() == {"analysis": True, "quote": True, "publish": False}
    assert set(ConsentEvent.objects.values_list("text_version", flat=True)) == {
        CHILD_CONSENT_TEXT_VERSION}
    audit = AuditEvent.objects.get(action="contribution.submitted")
    assert audit.details["helper_role"] == "advocate"
    assert audit.details["capture_mode"] == "written_down"
    # Triage and moderation as for every contribution.
    assert contribution.status == Contribution.Status.IN_MODERATION
    assert contribution.safety_level != Contribution.SafetyLevel.UNCHECKED


def test_no_helper_and_13_or_older_keeps_the_standard_journey():
    client = Client()
    start(client)
    client.post(f"{BASE}/helper/", {"helped": "no", "under_13": "no"})
    page = client.get(f"{BASE}/consent/").content.decode()
    assert "How we may use what you share" in page
    finish(client, CHILD_YES)
    contribution = Contribution.objects.get()
    assert contribution.helper_role == "" and contribution.capture_mode == "own_words"
    assert contribution.consent_version == CONSENT_TEXT_VERSION
    assert not contribution.is_assisted()


def test_helped_without_saying_who_or_how_is_refused_with_clear_messages():
    client = Client()
    start(client)
    response = client.post(f"{BASE}/helper/", {"helped": "yes", "under_13": "no"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose who is helping you." in page
    assert "Choose how the words were written." in page
    response = client.post(f"{BASE}/helper/", {"helped": "yes", "helper_role": "the butler",
                                               "capture_mode": "own_words", "under_13": "no"})
    assert "Choose who is helping from the list." in response.content.decode()


def test_the_service_can_also_ask_a_supporting_adult_and_their_no_means_no_use(settings):
    settings.HEARD_UNDER_13_ADULT_AGREEMENT = True
    client = Client()
    start(client)
    helped(client, mode="own_words")
    page = client.get(f"{BASE}/consent/").content.decode()
    assert "Do you agree with what the child chose?" in page
    response = client.post(f"{BASE}/consent/", CHILD_YES)  # the adult has not answered
    assert "does the grown-up agree too?" in response.content.decode()
    finish(client, {**CHILD_YES, "supporting_adult": "no"})
    contribution = Contribution.objects.get()
    assert contribution.supporting_adult_agreed is False
    # The child's words still reach the safeguarding lead and moderation, but nothing else.
    assert contribution.consents() == {"analysis": False, "quote": False, "publish": False}
    assert contribution.status == Contribution.Status.IN_MODERATION


def test_the_supporting_adults_yes_keeps_the_childs_own_choices(settings):
    settings.HEARD_UNDER_13_ADULT_AGREEMENT = True
    client = Client()
    start(client)
    helped(client)
    finish(client, {**CHILD_YES, "supporting_adult": "yes"})
    contribution = Contribution.objects.get()
    assert contribution.supporting_adult_agreed is True
    assert contribution.consents() == {"analysis": True, "quote": True, "publish": False}


def test_changing_the_age_answer_asks_the_consent_questions_again():
    client = Client()
    start(client)
    client.post(f"{BASE}/helper/", {"helped": "no", "under_13": "no"})
    client.post(f"{BASE}/consent/", CHILD_YES)
    client.post(f"{BASE}/helper/", {"helped": "no", "under_13": "yes"})
    assert client.get(f"{BASE}/about-you/")["Location"].endswith("/consent/")


def test_the_helper_does_not_see_the_code_unless_the_child_says_yes():
    client = Client()
    start(client)
    helped(client)
    done = finish(client, CHILD_YES)
    page = done.content.decode()
    assert "Can the person who helped you see your code?" in page
    assert not CODE.search(page)
    private = client.post(f"{BASE}/done/your-code/", {"share": "no"}).content.decode()
    assert "Show my code" in private and not CODE.search(private)
    shown = client.post(f"{BASE}/done/show-my-code/")
    assert CODE.search(shown.content.decode())
    assert "no-store" in shown["Cache-Control"] or "no-cache" in shown["Cache-Control"]
    # Pressed again (or reloaded): the code is gone from this device.
    again = client.post(f"{BASE}/done/show-my-code/", follow=True).content.decode()
    assert not CODE.search(again) and "Your code is hidden" in again
    assert not CODE.search(client.get(f"{BASE}/done/", follow=True).content.decode())


def test_the_child_may_let_the_helper_see_the_code():
    client = Client()
    start(client)
    helped(client)
    finish(client, CHILD_YES)
    done = client.post(f"{BASE}/done/your-code/", {"share": "yes"}, follow=True)
    assert CODE.search(done.content.decode())


def test_an_assisted_contribution_is_not_linked_to_the_signed_in_account(django_user_model):
    helper_account = django_user_model.objects.create_user("helper", password="x" * 20)
    activity = Activity.objects.get(slug="share-your-experience")
    new = NewContribution(kind="story", text=STORY, helper_role="carer",
                          capture_mode="summarised")
    contribution, _ = do_submit_contribution(activity, new, helper_account)
    assert contribution.receipt is not None and contribution.receipt.account is None


def test_the_action_refuses_a_mode_without_a_helper_and_unknown_roles():
    activity = Activity.objects.get(slug="share-your-experience")
    for new in (NewContribution(kind="story", text=STORY, capture_mode="summarised"),
                NewContribution(kind="story", text=STORY, helper_role="butler"),
                NewContribution(kind="story", text=STORY, capture_mode="telepathy"),
                NewContribution(kind="story", text=STORY, consent_version="made-up")):
        with pytest.raises(ContributionError):
            do_submit_contribution(activity, new, None)
    assert not Contribution.objects.exists()


def test_age_band_from_the_age_journey_decides_without_asking():
    # The journey keeps the first question's answer as "age_journey" (views.age).
    assert band_says_under_13({"age_journey": "8_11"}) is True
    assert band_says_under_13({"age_journey": "18_plus"}) is False
    assert band_says_under_13({"age_journey": "12_17"}) is None  # 12 is under 13: ask
    assert band_says_under_13({"age_journey": "not_said"}) is None
    assert is_under_13({"age_journey": "12_17", "under_13": True}) is True
    assert is_under_13({}) is False
    assert contribution_fields({"under_13": True})["consent_version"] == \
        CHILD_CONSENT_TEXT_VERSION
    assert "under_13" not in HelperForm(ask_age=False).fields


def test_every_band_that_settles_it_is_an_answer_to_how_old_are_you():
    """A name that is not an answer to the first question (an equality band, a key nothing
    writes) can never settle it: it would only hide a question the person should be asked."""
    assert set(AGE_JOURNEYS) >= UNDER_13_BANDS | OVER_13_BANDS
    assert band_says_under_13({"age_band": "under_12"}) is None  # not a journey key


@pytest.mark.parametrize(("band", "asked"), [("4_7", False), ("8_11", False), ("12_17", True),
                                             ("18_plus", False), ("not_said", True)])
def test_the_helper_step_asks_12_or_younger_only_when_the_age_answer_does_not_say(band, asked):
    client = Client()
    assert client.post(f"{BASE}/age/", {"age_journey": band}).status_code == 302
    start(client)
    page = client.get(f"{BASE}/helper/").content.decode()
    assert ("Are you 12 or younger?" in page) is asked
    helped_without_age = client.post(f"{BASE}/helper/", {"helped": "no"})
    assert helped_without_age.status_code == (200 if asked else 302)


@pytest.mark.parametrize(("band", "read", "page", "version"), [
    ("8_11", "", "Easy read", EASY_READ_CONSENT_TEXT_VERSION),  # easy read by default
    ("8_11", "standard", "What can we do with what you said?", CHILD_CONSENT_TEXT_VERSION),
    ("12_17", "easy", "Easy read", EASY_READ_CONSENT_TEXT_VERSION),
    ("not_said", "", "How we may use what you share", CONSENT_TEXT_VERSION),
])
def test_each_consent_page_records_the_version_of_its_own_words(band, read, page, version):
    client = Client()
    client.post(f"{BASE}/age/", {"age_journey": band})
    start(client)
    client.post(f"{BASE}/helper/", {"helped": "no", "under_13": "no"})
    shown = client.get(f"{BASE}/consent/" + (f"?read={read}" if read else "")).content.decode()
    assert page in shown
    finish(client, CHILD_YES)
    contribution = Contribution.objects.get()
    assert contribution.consent_version == version
    assert set(ConsentEvent.objects.values_list("text_version", flat=True)) == {version}


@pytest.mark.parametrize(("state", "easy", "adult", "page"), [
    ({"age_journey": "8_11"}, True, False, ConsentPage.EASY_READ),  # written for them
    ({"age_journey": "8_11"}, True, True, ConsentPage.CHILD),  # only it asks the adult
    ({"age_journey": "8_11"}, False, False, ConsentPage.CHILD),
    ({"age_journey": "12_17", "under_13": True}, False, False, ConsentPage.CHILD),
    ({"age_journey": "12_17", "under_13": False}, True, True, ConsentPage.EASY_READ),
    ({"age_journey": "18_plus"}, False, True, ConsentPage.STANDARD),
])
def test_which_consent_page_a_person_answers(settings, state, easy, adult, page):
    settings.HEARD_UNDER_13_ADULT_AGREEMENT = adult
    assert consent_page(state, easy_read=easy) is page


def test_every_consent_wording_has_its_own_version():
    assert len(set(KNOWN_CONSENT_VERSIONS)) == len(KNOWN_CONSENT_VERSIONS) == 4


def test_forms_read_their_answers():
    form = HelperForm({"helped": "no", "helper_role": "advocate", "capture_mode": "summarised",
                       "under_13": "rather_not_say"})
    assert form.is_valid()
    assert form.answers() == {"helper_role": "", "capture_mode": "own_words", "under_13": None}
    child = ChildConsentForm({**CHILD_YES, "supporting_adult": "yes"}, ask_adult=True)
    assert child.is_valid()
    assert child.answers()["supporting_adult_agreed"] is True
    assert not ChildConsentForm(CHILD_YES, ask_adult=True).is_valid()


def test_a_code_left_waiting_is_dropped_so_a_helper_cannot_answer_later(monkeypatch):
    client = Client()
    start(client)
    helped(client)
    finish(client, CHILD_YES)
    later = time.time() + CHILD_CODE_WAITS_SECONDS + 1
    monkeypatch.setattr("heard.contributions.assisted.time.time", lambda: later)
    page = client.post(f"{BASE}/done/your-code/", {"share": "yes"}, follow=True)
    assert not CODE.search(page.content.decode())


def test_withdrawal_takes_who_helped_away_with_the_words():
    from heard.contributions.actions import do_withdraw_contribution

    activity = Activity.objects.get(slug="share-your-experience")
    contribution, _ = do_submit_contribution(activity, NewContribution(
        kind="story", text=STORY, helper_role="interpreter", capture_mode="summarised",
        consent_version=CHILD_CONSENT_TEXT_VERSION, supporting_adult_agreed=True), None)
    do_withdraw_contribution(contribution, None)
    contribution.refresh_from_db()
    assert (contribution.helper_role, contribution.capture_mode) == ("", "own_words")
    assert contribution.supporting_adult_agreed is None and contribution.text == ""

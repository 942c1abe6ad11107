"""The share journey's first question, "How old are you?", picks the wording of the rest and is
kept on the contribution; where the band sits inside one equality age band, that is filled too
(docs/decisions/0021). Through the Django test client, as without JavaScript."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from heard.activities.models import Activity
from heard.contributions.actions import ContributionError, NewContribution, do_submit_contribution
from heard.contributions.band_texts import BY_BAND, CHILD_TEXTS, GENERAL_TEXTS
from heard.contributions.models import Contribution

pytestmark = pytest.mark.django_db
BASE = "/share/share-your-experience"
STORY = "I moved school three times this year and nobody asked me."
DISCLOSURE = "My mum's boyfriend hurts me and I'm scared to go home."


def walk(client: Client, band: str, *, text: str = STORY, feeling: str = "",
         about_you: dict | None = None) -> str:
    """Every page for one band; returns the done page's HTML."""
    assert client.get(f"{BASE}/age/").status_code == 200
    assert client.post(f"{BASE}/age/", {"age_journey": band})["Location"].endswith("/who/")
    assert client.post(f"{BASE}/who/", {"perspectives": ["child_in_care"]}).status_code == 302
    assert client.post(f"{BASE}/what/", {"kind": "story"}).status_code == 302
    written = {"title": "", "text": text, **({"home_feeling": feeling} if feeling else {})}
    assert client.post(f"{BASE}/write/", written).status_code == 302
    assert client.post(f"{BASE}/consent/", {"consent_analysis": "yes", "consent_quote": "no",
                                            "consent_publish": "no"}).status_code == 302
    assert client.post(f"{BASE}/about-you/", about_you or {}).status_code == 302
    return client.post(f"{BASE}/check/", follow=True).content.decode()


def test_the_start_page_leads_to_how_old_are_you(activity):
    start = Client().get(f"{BASE}/").content.decode()
    assert f'href="{BASE}/age/"' in start
    page = Client().get(f"{BASE}/age/").content.decode()
    assert "How old are you?" in page
    for label in ("4 to 7", "8 to 11", "12 to 17", "18 or over", "I&#x27;d rather not say"):
        assert label in page
    assert page.count('type="radio"') == 5 and "<legend" in page


@pytest.mark.parametrize("posted", [{}, {"age_journey": "99"}])
def test_no_band_or_an_unknown_one_is_a_clear_error_and_changes_nothing(activity, posted):
    client = Client()
    response = client.post(f"{BASE}/age/", posted)
    assert response.status_code == 200
    assert "Choose how old you are" in response.content.decode()
    assert "age_journey" not in client.session.get("share:share-your-experience", {})


@pytest.mark.parametrize("band, texts", [("8_11", CHILD_TEXTS), ("4_7", BY_BAND["4_7"]),
                                         ("12_17", BY_BAND["12_17"]),
                                         ("18_plus", GENERAL_TEXTS), ("not_said", GENERAL_TEXTS)])
def test_the_band_picks_the_words_of_the_pages_after_it(activity, band, texts):
    client = Client()
    client.post(f"{BASE}/age/", {"age_journey": band})
    who = client.get(f"{BASE}/who/").content.decode()
    assert str(texts.who_hint) in who
    client.post(f"{BASE}/who/", {"perspectives": ["child_in_care"]})
    what = client.get(f"{BASE}/what/").content.decode()
    for choice in texts.kinds:
        assert str(choice.label) in what
    client.post(f"{BASE}/what/", {"kind": "story"})
    write = client.get(f"{BASE}/write/").content.decode()
    assert str(texts.write_heading["story"]) in write
    assert ("How do you feel about where you live?" in write) == bool(texts.feelings)


def test_the_faces_are_radios_with_words_and_hidden_pictures(activity):
    client = Client()
    client.post(f"{BASE}/age/", {"age_journey": "8_11"})
    client.post(f"{BASE}/who/", {"perspectives": ["child_in_care"]})
    client.post(f"{BASE}/what/", {"kind": "story"})
    write = client.get(f"{BASE}/write/").content.decode()
    faces = re.findall(r'<input[^>]*name="home_feeling"[^>]*>\s*<label[^>]*>(.*?)</label>', write)
    assert len(faces) == 5
    for label in faces:
        picture, words = re.fullmatch(r'<span class="heard-face" aria-hidden="true">(.+)</span>'
                                      r" (\w[\w ]*)", label).groups()
        assert picture and words  # a word with every face; the face is hidden from readers


def test_a_child_of_eight_to_eleven_is_stored_with_the_band_face_and_equality_age(activity):
    walk(Client(), "8_11", feeling="4")
    contribution = Contribution.objects.get()
    assert contribution.age_journey == "8_11"
    assert contribution.home_feeling == 4
    assert contribution.equality == {"age_band": "under_12"}


def test_an_answer_given_on_about_you_is_kept_over_the_band(activity):
    walk(Client(), "4_7", about_you={"age_band": "prefer_not_to_say"})
    assert Contribution.objects.get().equality == {"age_band": "prefer_not_to_say"}


@pytest.mark.parametrize("band", ["12_17", "18_plus", "not_said"])
def test_bands_that_span_equality_bands_leave_the_age_question_to_the_person(activity, band):
    walk(Client(), band)
    contribution = Contribution.objects.get()
    assert contribution.age_journey == band
    assert "age_band" not in contribution.equality


def test_someone_who_skips_the_age_page_gets_the_general_journey(activity):
    client = Client()
    assert client.post(f"{BASE}/who/", {"perspectives": ["care_leaver"]}).status_code == 302
    assert "Something that happened" in client.get(f"{BASE}/what/").content.decode()


def test_the_youngest_bands_get_the_easy_read_consent_page_and_can_switch(activity):
    client = Client()
    walk_to_consent(client, "8_11")
    page = client.get(f"{BASE}/consent/").content.decode()
    assert "Easy read" in page and "Standard version" in page
    standard = client.get(f"{BASE}/consent/?read=standard").content.decode()
    assert "How we may use" not in standard or "Easy read version" in standard
    assert "Easy read version" in standard
    # The choice holds for the rest of the journey.
    assert "Easy read version" in client.get(f"{BASE}/consent/").content.decode()


def test_older_bands_get_the_standard_consent_page_with_a_link_to_easy_read(activity):
    client = Client()
    walk_to_consent(client, "18_plus")
    page = client.get(f"{BASE}/consent/").content.decode()
    assert "Easy read version" in page
    assert "Standard version" in client.get(f"{BASE}/consent/?read=easy").content.decode()


def walk_to_consent(client: Client, band: str) -> None:
    client.post(f"{BASE}/age/", {"age_journey": band})
    client.post(f"{BASE}/who/", {"perspectives": ["child_in_care"]})
    client.post(f"{BASE}/what/", {"kind": "story"})
    client.post(f"{BASE}/write/", {"title": "", "text": STORY})


@pytest.mark.parametrize("band", ["4_7", "8_11", "12_17", "not_said"])
def test_words_are_triaged_at_once_for_every_band(activity, band):
    """Help before consent: immediate risk is kept for the lead as soon as it is written."""
    client = Client()
    client.post(f"{BASE}/age/", {"age_journey": band})
    client.post(f"{BASE}/who/", {"perspectives": ["child_in_care"]})
    client.post(f"{BASE}/what/", {"kind": "story"})
    client.post(f"{BASE}/write/", {"title": "", "text": DISCLOSURE})
    held = Contribution.objects.get(held_for_safeguarding=True)
    assert held.safety_level == Contribution.SafetyLevel.IMMEDIATE
    assert held.age_journey == band  # the lead sees how old the writer said they are
    consent = client.get(f"{BASE}/consent/").content.decode()
    assert 'data-testid="help-now"' in consent


def test_the_easy_read_help_page_and_its_standard_version_link_each_other(db):
    easy = Client().get("/help/easy-read/").content.decode()
    standard = Client().get("/help/").content.decode()
    assert 'href="/help/"' in easy and 'href="/help/easy-read/"' in standard
    assert "0800 1111" in easy and 'aria-hidden="true">☎️' in easy


def test_an_unknown_band_or_face_is_refused_by_the_action(activity):
    for bad in (NewContribution(kind="story", text=STORY, age_journey="3_4"),
                NewContribution(kind="story", text=STORY, home_feeling=9)):
        with pytest.raises(ContributionError):
            do_submit_contribution(Activity.objects.get(slug=activity.slug), bad, None)
    assert Contribution.objects.count() == 0

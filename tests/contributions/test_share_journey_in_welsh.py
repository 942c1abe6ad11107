"""The share journey in Welsh through the test client, without JavaScript (issue 15, decision
0024): the words that come from Python (self-description labels, form errors, the receipt
page's messages) are Welsh on a Welsh page, while what is saved stays the same English codes.
The browser test (tests/browser/test_welsh_share_journey_in_browser.py) walks it on a phone."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from heard.contributions.models import Contribution

pytestmark = pytest.mark.django_db
BASE = "/share/share-your-experience"
STORY = "Mae fy ngweithiwr cymdeithasol wedi newid bum gwaith."


def _in_welsh() -> Client:
    client = Client()
    client.post("/language/", {"language": "cy", "next": "/"})
    return client


def _page(response) -> str:
    """The page's text with HTML entities read back (Django escapes the apostrophes in
    labels, so "sy'n" arrives as "sy'n")."""
    assert re.search(r'<html lang="cy"', response.content.decode()), "the page is not Welsh"
    return html.unescape(response.content.decode())


def _up_to_check(client: Client) -> None:
    assert client.post(f"{BASE}/who/", {"perspectives": ["kinship_carer"]}).status_code == 302
    assert client.post(f"{BASE}/what/", {"kind": "problem"}).status_code == 302
    assert client.post(f"{BASE}/write/", {"title": "", "text": STORY}).status_code == 302
    assert client.post(f"{BASE}/consent/", {"consent_analysis": "yes", "consent_quote": "no",
                                            "consent_publish": "no"}).status_code == 302
    assert client.post(f"{BASE}/about-you/", {"gender": "girl_woman",
                                              "ethnicity": "mixed_white_asian"}).status_code == 302


def test_the_start_page_is_welsh():
    body = _page(_in_welsh().get(f"{BASE}/"))
    assert "Pwy fydd yn ei ddarllen" in body and "Dechrau nawr" in body
    assert "Who will read it" not in body


def test_the_everyone_list_of_who_you_are_and_its_errors_are_welsh():
    client = _in_welsh()
    body = _page(client.get(f"{BASE}/who/"))
    assert "Gofalwr sy'n berthynas. Rydw i'n gofalu am blentyn yn fy nheulu" in body
    assert "A kinship carer" not in body
    refused = _page(client.post(f"{BASE}/who/", {}))
    assert "Dewiswch o leiaf un, neu dewiswch" in refused
    both = _page(client.post(f"{BASE}/who/", {"perspectives": ["adopted"],
                                              "rather_not_say": "on"}))
    assert "ond nid y ddau" in both


def test_a_too_long_story_is_refused_in_welsh_with_the_numbers_in_place(settings):
    settings.HEARD_MAX_TEXT_LENGTH = 20
    client = _in_welsh()
    client.post(f"{BASE}/who/", {"perspectives": ["adopted"]})
    client.post(f"{BASE}/what/", {"kind": "idea"})
    body = _page(client.post(f"{BASE}/write/", {"title": "", "text": STORY}))
    assert f"fod yn 20 nod neu lai. Mae'n {len(STORY)} nod nawr." in body


def test_about_you_and_check_show_welsh_labels_and_the_saved_answers_stay_codes():
    client = _in_welsh()
    _up_to_check(client)
    about = _page(client.get(f"{BASE}/about-you/"))
    assert "Gwyn: Gwyddelig" in about and "Merch neu fenyw" in about
    assert "Dewiswch ateb, neu gadewch hwn" in about and "White: Irish" not in about

    check = _page(client.get(f"{BASE}/check/"))
    for welsh in ("Gwirio eich atebion", "Gofalwr sy'n berthynas", "Problem",
                  "Rhywedd", "Merch neu fenyw", "Grŵp ethnig", "Grwpiau ethnig cymysg neu "
                  "luosog: Gwyn ac Asiaidd", "Heb ateb", "Ei ddyfynnu mewn adroddiadau: Na"):
        assert welsh in check, welsh
    assert "Who you are" not in check and "Not answered" not in check

    done = _page(client.post(f"{BASE}/check/", follow=True))
    assert "Diolch. Mae e gennym ni." in done
    assert "Faint ydych chi'n meddwl y bydd beth rannoch chi yn gwneud gwahaniaeth?" in done
    assert "Dim o gwbl" in done
    saved = Contribution.objects.get()
    assert saved.perspectives == ["kinship_carer"] and saved.kind == "problem"
    assert saved.equality == {"gender": "girl_woman", "ethnicity": "mixed_white_asian"}


def test_a_council_in_wales_is_chosen_by_its_welsh_name_and_stored_by_its_english_one():
    client = _in_welsh()
    _up_to_check(client)
    about = _page(client.get(f"{BASE}/about-you/"))
    assert '<option value="Wrexham">Wrecsam</option>' in about
    assert '<option value="Leeds">Leeds</option>' in about
    assert client.post(f"{BASE}/about-you/", {"local_authority": "Wrexham"}).status_code == 302
    check = _page(client.get(f"{BASE}/check/"))
    assert "Wrecsam" in check and "Wrexham" not in check
    client.post(f"{BASE}/check/", follow=True)
    assert Contribution.objects.get().equality == {"local_authority": "Wrexham"}
    in_english = Client()
    _up_to_check(in_english)
    english = in_english.get(f"{BASE}/about-you/").content.decode()
    assert '<option value="Wrexham">Wrexham</option>' in english


def test_the_influence_answer_is_thanked_in_welsh():
    client = _in_welsh()
    _up_to_check(client)
    client.post(f"{BASE}/check/", follow=True)
    refused = _page(client.post("/share/share-your-experience/difference/", {"score": "9"}))
    assert "Dewiswch rif o 1 i 5." in refused
    saved = _page(client.post("/share/share-your-experience/difference/", {"score": "4"},
                              follow=True))
    assert "Diolch. Rydyn ni wedi cadw eich ateb." in saved
    assert "Eich ateb oedd 4 allan o 5." in saved


def test_the_receipt_code_page_and_its_messages_are_welsh(young_person_story):
    contribution, code = young_person_story
    client = _in_welsh()
    wrong = _page(client.post("/receipt/", {"code": "ABCD-1234-EFGH-5678-JKMN"}))
    assert "Allwn ni ddim dod o hyd i'r cod derbynneb hwnnw." in wrong
    not_a_code = _page(client.post("/receipt/", {"code": "hello"}))
    assert "Dydy hwnna ddim yn edrych fel cod derbynneb." in not_a_code

    client.post("/receipt/", {"code": code})
    changed = _page(client.post(f"/receipt/yours/{contribution.pk}/consent/",
                                {"purpose": "quote", "given": "no"}, follow=True))
    assert "Mae eich dewis wedi cael ei gadw." in changed
    gone = _page(client.post(f"/receipt/yours/{contribution.pk}/withdraw/", {"confirm": "yes"},
                             follow=True))
    assert "Mae beth rannoch chi wedi cael ei ddileu." in gone

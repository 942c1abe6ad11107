"""Pages children use read at about age 9: Flesch-Kincaid grade 4 or below (textstat) for the
words Heard writes on the share journey, the receipt pages and the help people are given.

The person's own words and their receipt code are left out (see page_copy.py): the check is on
our copy, not on what people tell us.
"""

from __future__ import annotations

import re

import pytest
import textstat
from django.test import Client

from .page_copy import page_copy

pytestmark = pytest.mark.django_db
BASE = "/share/share-your-experience"
MAX_GRADE = 4.0
DISCLOSURE = "My mum's boyfriend hurts me and I'm scared to go home."


def grade(text: str) -> float:
    textstat.set_lang("en_GB")
    return float(textstat.flesch_kincaid_grade(text))


def _journey_pages(client: Client, text: str, kind: str = "story") -> dict[str, str]:
    pages = {"start": client.get(f"{BASE}/").content.decode(),
             "who": client.get(f"{BASE}/who/").content.decode(),
             "who (error)": client.post(f"{BASE}/who/", {}).content.decode()}
    client.post(f"{BASE}/who/", {"perspectives": ["child_in_care"]})
    pages["what"] = client.get(f"{BASE}/what/").content.decode()
    client.post(f"{BASE}/what/", {"kind": kind})
    pages[f"write ({kind})"] = client.get(f"{BASE}/write/").content.decode()
    client.post(f"{BASE}/write/", {"title": "", "text": text})
    pages["consent"] = client.get(f"{BASE}/consent/").content.decode()
    pages["consent (error)"] = client.post(f"{BASE}/consent/", {}).content.decode()
    client.post(f"{BASE}/consent/", {"consent_analysis": "yes", "consent_quote": "no",
                                     "consent_publish": "no"})
    pages["about you"] = client.get(f"{BASE}/about-you/").content.decode()
    client.post(f"{BASE}/about-you/", {})
    pages["check"] = client.get(f"{BASE}/check/").content.decode()
    pages["done"] = client.post(f"{BASE}/check/", follow=True).content.decode()
    return pages


@pytest.fixture
def pages(activity) -> dict[str, str]:
    client = Client()
    found = _journey_pages(client, "I moved school three times this year.")
    code = re.search(r'data-code="([^"]+)"', found["done"]).group(1)
    found["receipt: enter your code"] = client.get("/receipt/").content.decode()
    found["receipt: what you shared"] = client.post("/receipt/", {"code": code},
                                                    follow=True).content.decode()
    withdraw = re.search(r'href="(/receipt/yours/\d+/withdraw/)"',
                         found["receipt: what you shared"]).group(1)
    found["receipt: take it back"] = client.get(withdraw).content.decode()
    for kind in ("problem", "idea"):
        found.update({k: v for k, v in _journey_pages(Client(), "Nobody rings back.",
                                                      kind).items() if k.startswith("write")})
    urgent = _journey_pages(Client(), DISCLOSURE)
    found["done, with help now"] = urgent["done"]
    return found


def test_the_share_journey_receipt_and_help_pages_read_at_about_age_9(pages):
    assert "help-now" in pages["done, with help now"], "the disclosure should bring help now"
    grades = {name: grade(page_copy(html)) for name, html in pages.items()}
    grades["help: get help now"] = grade(page_copy(pages["start"], root_id="get-help-section"))
    print({name: round(g, 1) for name, g in grades.items()})  # the figures, for the record
    too_hard = {name: round(g, 1) for name, g in grades.items() if g > MAX_GRADE}
    assert too_hard == {}, too_hard


def test_the_copy_is_the_page_words_not_the_persons_words(pages):
    check = page_copy(pages["check"])
    assert "Check your answers" in check
    assert "I moved school three times" not in check
    assert not re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}", page_copy(pages["done"]))


def test_hard_words_fail_the_check():
    hard = ("Notwithstanding the aforementioned considerations, the multi-agency safeguarding "
            "partnership will undertake a comprehensive evaluation of corporate parenting.")
    assert grade(hard) > MAX_GRADE

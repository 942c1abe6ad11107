"""The assisted-capture pages a child reads (is someone helping, the consent questions in child
words, and the choice about their code) read at about age 9, like the rest of the journey."""

from __future__ import annotations

import pytest
from django.test import Client

from .page_copy import page_copy
from .test_reading_age import BASE, MAX_GRADE, grade

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(activity) -> dict[str, str]:
    client = Client()
    client.post(f"{BASE}/who/", {"perspectives": ["child_in_care"]})
    client.post(f"{BASE}/what/", {"kind": "story"})
    client.post(f"{BASE}/write/", {"text": "I want to see my sister more."})
    found = {"helper": client.get(f"{BASE}/helper/").content.decode(),
             "helper (error)": client.post(f"{BASE}/helper/", {"helped": "yes"}).content.decode()}
    client.post(f"{BASE}/helper/", {"helped": "yes", "helper_role": "advocate",
                                    "capture_mode": "own_words", "under_13": "yes"})
    found["consent, child words"] = client.get(f"{BASE}/consent/").content.decode()
    client.post(f"{BASE}/consent/", {"consent_analysis": "yes", "consent_quote": "no",
                                     "consent_publish": "no"})
    client.post(f"{BASE}/about-you/", {})
    found["your code: who sees it"] = client.post(f"{BASE}/check/", follow=True).content.decode()
    found["your code: just for you"] = client.post(f"{BASE}/done/your-code/",
                                                   {"share": "no"}).content.decode()
    found["your code"] = client.post(f"{BASE}/done/show-my-code/").content.decode()
    found["your code: hidden"] = client.get(f"{BASE}/done/code-hidden/").content.decode()
    return found


def test_the_assisted_pages_read_at_about_age_9(pages):
    grades = {name: grade(page_copy(html)) for name, html in pages.items()}
    print({name: round(g, 1) for name, g in grades.items()})  # the figures, for the record
    too_hard = {name: round(g, 1) for name, g in grades.items() if g > MAX_GRADE}
    assert too_hard == {}, too_hard

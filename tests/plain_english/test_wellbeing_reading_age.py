"""The wellbeing survey's pages read easily for each age band (Flesch-Kincaid grade, textstat):
2 or below for the pages every child sees and the 4-7 and 8-11 questions, 4 or below for the
12-17 questions (issue 15). Staff-written titles are part of the page, so the test survey uses
plain ones, as a real one should."""

from __future__ import annotations

from datetime import timedelta

import pytest
import textstat
from django.test import Client
from django.utils import timezone

from heard.activities.models import Activity
from heard.activities.wellbeing_survey.actions import do_add_wave

from ..activities.activity_helpers import make_activity
from .page_copy import page_copy

pytestmark = pytest.mark.django_db
MAX_GRADE = {"start": 2.0, "answer 4-7": 2.0, "answer 8-11": 2.0, "answer 12-17": 4.0,
             "answer, with a problem": 4.0, "thanks": 2.0}


def grade(html: str) -> float:
    textstat.set_lang("en_GB")
    return float(textstat.flesch_kincaid_grade(page_copy(html)))


def test_each_band_reads_at_its_level(make_staff):
    facilitator = make_staff("facilitator")
    survey = make_activity(Activity.Kind.WELLBEING_SURVEY, facilitator, title="How are you")
    today = timezone.localdate()
    do_add_wave(survey, today, today + timedelta(days=3), facilitator)
    client, base = Client(), f"/wellbeing/{survey.slug}"
    pages = {"start": client.get(f"{base}/").content.decode(),
             "thanks": client.get(f"{base}/thanks/").content.decode(),
             "answer, with a problem": client.post(f"{base}/answer/", {
                 "band": "12-17", "perspective": ""}).content.decode()}
    for band in ("4-7", "8-11", "12-17"):
        pages[f"answer {band}"] = client.get(f"{base}/answer/", {
            "band": band, "perspective": ""}).content.decode()
    assert "Answer at least one question" in pages["answer, with a problem"]
    grades = {name: round(grade(html), 1) for name, html in pages.items()}
    print(grades)  # the figures, for the record
    assert {n: g for n, g in grades.items() if g > MAX_GRADE[n]} == {}

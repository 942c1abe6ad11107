"""Every text of every age band's journey, and of the easy-read pages, held to its reading age
(docs/decisions/0021): Flesch-Kincaid grade (textstat, British English) 2 or below for the 4-7
and 8-11 journeys and the easy-read pages, 4 or below for 12-17. One text over its limit fails.

The texts come from heard.contributions.band_texts, the one place the journey's words live, so a
text added there is checked without changing this test."""

from __future__ import annotations

import pytest
import textstat

from heard.contributions.band_texts import (
    AGE_TEXTS,
    BY_BAND,
    EASY_READ_LIMIT,
    READING_GRADE_LIMIT,
    easy_read_texts,
)


def grade(text: str) -> float:
    textstat.set_lang("en_GB")
    return float(textstat.flesch_kincaid_grade(text % {"limit": "5000"}))


@pytest.mark.parametrize("band", sorted(READING_GRADE_LIMIT))
def test_every_text_of_the_band_is_within_its_reading_age(band):
    texts = BY_BAND[band].texts() + [(name, str(text)) for name, text in AGE_TEXTS]
    assert len(texts) >= 30, "the band's texts were not all found"
    grades = {name: round(grade(text), 1) for name, text in texts}
    print(band, "highest", max(grades.values()), "of", len(grades))  # the figure, for the record
    too_hard = {name: g for name, g in grades.items() if g > READING_GRADE_LIMIT[band]}
    assert too_hard == {}, too_hard


def test_every_easy_read_sentence_is_within_grade_2():
    grades = {name: round(grade(text), 1) for name, text in easy_read_texts()}
    print("easy read highest", max(grades.values()), "of", len(grades))
    assert {name: g for name, g in grades.items() if g > EASY_READ_LIMIT} == {}


def test_the_check_would_catch_a_hard_text():
    """The measure itself tells a child's sentence from an official one."""
    assert grade("Can we read it?") <= 2
    assert grade("Can we incorporate your contribution into our organisational analysis?") > 4

"""Names, places and organisations of decision 0006's "Stop 24, second round": names that a
frequency list took for English words, names by syntax (ages, roles in apposition, possessives
without an apostrophe, pairs), case-note abbreviations that are not people, and charities and
colleges written in lower case.

Every text here was written for these tests; none is copied from a labelled set.
"""

from __future__ import annotations

import pytest

from heard.safety.redaction import detect
from heard.safety.redaction.engine import _trim_person
from heard.safety.redaction.recognisers.words import is_english, is_first_name

from .spans import covered_texts, covering


@pytest.mark.parametrize("name", ["imran", "aziz", "minh", "hamid"])
def test_frequent_names_of_other_languages_are_names_not_english(name: str) -> None:
    assert is_first_name(name)
    assert not is_english(name)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("we had chips with imran after footy", "imran"),
        # an age after "is", at the start of a clause
        ("honestly rowan is 15 and he still gets a bedtime", "rowan"),
        ("grace is 9 and she shares my room", "grace"),
        # a role in apposition, or where someone is from
        ("hazel the cook does the best crumble", "hazel"),
        ("dawn from the leaving care team rang me", "dawn"),
        # who someone is, in brackets
        ("robin (my step brother) is coming at easter", "robin"),
        # case notes mark the child the note is about
        ("Summary: Hope (YP) was settled at contact.", "Hope"),
        # a writer introducing themselves
        ("Tavish here, I am a care leaver from the north", "Tavish"),
        # a nickname in quotes after a full name
        ('Mother\'s friend Daniel Hurst ("Danny") visits often.', "Danny"),
        # possessives without an apostrophe
        ("bradleys mum gave us a lift home", "bradleys"),
        ("i stayed at kareems for a week", "kareems"),
        # two names joined, after "are" or "from"
        ("my carers are pat and frank and they have a dog", "frank"),
        ("got a card from rose n ray for my birthday", "ray"),
        # a word no dictionary has, opening a clause before "is"
        ("zurab is funny and kind", "zurab"),
    ],
)
def test_names_found_by_syntax(text: str, name: str) -> None:
    assert "PERSON" in covering(text, name), (text, covered_texts(text))


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("the weather is 20 degrees today", "weather"),
        ("summer from the start was rubbish", "summer"),
        ("we got presents from may and june birthdays", "may"),
        ("i stayed at friends for a week", "friends"),
    ],
)
def test_ordinary_words_in_those_places_stay_words(text: str, word: str) -> None:
    assert "PERSON" not in covering(text, word), (text, covered_texts(text))


def test_a_lower_case_name_that_is_a_word_is_not_repeated_as_the_word() -> None:
    text = "joy the night worker is lovely. there was no joy in the match"
    found = [s for s in detect(text) if s.entity_type == "PERSON"]
    assert [text[s.start : s.end] for s in found] == ["joy"]
    assert found[0].start == 0


@pytest.mark.parametrize(
    "text",
    [
        "Visit by SW. YP's room was tidy; FCs report good sleep.",
        "Handover: TM to review the CIN plan with the IRO.",
        "Tues: UC appointment, DBS check done by LA.",
    ],
)
def test_case_note_abbreviations_are_not_people(text: str) -> None:
    assert not [s for s in detect(text) if s.entity_type == "PERSON"], covered_texts(text)


@pytest.mark.parametrize(
    ("span", "name"),
    [("TM Hargreaves", "Hargreaves"), ("DT Mr", ""), ("FCs", ""), ("Nan Pat", "Nan Pat"),
     ("Mr Okafor", "Mr Okafor")],
)
def test_case_note_words_are_trimmed_off_a_persons_span(span: str, name: str) -> None:
    start, end = _trim_person(span, 0, len(span))
    assert span[start:end] == name


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        ("a woman from refugee council helped with the forms", "refugee council"),
        ("i slept at centrepoint for two weeks", "centrepoint"),
        ("the lady from shelter rang the council for me", "shelter"),
        ("im doing level 3 at bristol city college now", "bristol city college"),
    ],
)
def test_charities_and_colleges_in_lower_case(text: str, organisation: str) -> None:
    assert "ORGANIZATION" in covering(text, organisation), (text, covered_texts(text))


def test_a_shelter_is_not_the_charity() -> None:
    text = "they built a shelter in the woods"
    assert not detect(text)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("i moved from telford last year", "telford"),
        ("my nan lives in slough", "slough"),
    ],
)
def test_towns_rarely_used_as_words_are_places_in_lower_case(text: str, place: str) -> None:
    assert "LOCATION" in covering(text, place), (text, covered_texts(text))

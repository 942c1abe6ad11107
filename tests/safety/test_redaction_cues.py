"""Names, nicknames and places found by meaning and syntax, not by capital letters (decision
0006, Stop 24), and the ordinary words around care feedback that must not be taken for them.

Every text here was written for these tests; none is copied from a labelled set.
"""

from __future__ import annotations

import pytest

from heard.safety.redaction import detect

from .spans import covered_texts, covering


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a name that is also a word, opening a clause, before what a person does
        ("honestly holly told the whole group about it", "holly"),
        ("we had the meeting, amber got her results after", "amber"),
        ("Faith is the best support worker i have had", "Faith"),
        ("idk why penny moved out so fast", "penny"),
        # a message signed off with a name, with or without a kiss
        ("thanks for sorting the trip for us all, ivy x", "ivy"),
        ("can someone ring me back about the bus pass\n- poppy", "poppy"),
        # a greeting opening a line
        ("hiya ruby can u bring the forms tomorrow", "ruby"),
        # two names that are words, joined, before what people do
        ("daisy n amber from the unit are sisters", "daisy"),
        ("daisy n amber from the unit are sisters", "amber"),
        # a name that is a word joined by "and" to a known name
        ("we stayed with keith and sue for two years", "sue"),
        # short nicknames a dictionary also lists, where only a person can be
        ("tell del to bring my charger back", "del"),
        ("me and al went to the match", "al"),
        ("its baz from the youth group, add me", "baz"),
        # "big" and "lil" before a short name
        ("lil j is coming to the party tonight", "lil j"),
        ("heard big al is moving to wales", "big al"),
        # a role and a colon heading a note, then a name no dictionary has
        ("Youth worker: Kwabena from the drop-in asked for more sessions", "Kwabena"),
    ],
)
def test_names_found_by_cues_of_meaning(text: str, name: str) -> None:
    assert "PERSON" in covering(text, name), detect(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("when life is going well i forget about it", "life"),
        ("summer came early this year and we went to the beach", "summer"),
        ("hope is important for every child in care", "hope"),
        ("the trip was fine, honestly", "honestly"),
        ("it was a big day for all of us", "day"),
        ("my lil bro is so annoying", "bro"),
        ("my carer sat with me at the review", "sat"),
        ("nan let me stay up late", "let"),
        ("i'm fed up of moving", "fed"),
        ("My social worker left and nobody told me", "left"),
        ("my carer said no to the sleepover", "said"),
        ("My son's life has been turned upside down", "life"),
        ("Not gonna lie, I've moved a lot and I'm tired.", "I've"),
        ("As a foster carer, I'd like to suggest a change.", "I'd"),
        ("We're told to wait and nothing happens.", "We're"),
    ],
)
def test_ordinary_words_near_cues_are_not_names(text: str, word: str) -> None:
    assert not covering(text, word), detect(text)


@pytest.mark.parametrize(
    "text",
    [
        # headings of notes and forms
        "Survey: the staff were nice but the wait was long",
        "Foster carer: We have had a settled month.",
        "Email from grandmother: Hello, can someone help?",
        "Support worker: Great session today, lots of ideas.",
        "Social worker: Duty visit completed, no concerns.",
        # nationalities, peoples and languages
        "She is Eritrean and would like a Tigrinya interpreter.",
        "We are a Romany Gypsy family and proud of it.",
        # services every children's services department has
        "Early Help came too late and the Virtual School never replied.",
        "Dear Children's Services, thank you for your letter.",
        "The Leaving Care team were helpful about Staying Put.",
        # text-speak, compounds and school years
        "ngl tbh idk what to say about it lol",
        "A long-term plan for care-experienced young people is needed.",
        "A one-page profile would help my new worker.",
        "Pupil in Y10 has improved attendance.",
        "im not on snap anymore",
    ],
)
def test_care_feedback_words_are_not_personal_data(text: str) -> None:
    assert detect(text) == [], covered_texts(text)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("meet me outside kirkgate market at 4", "kirkgate market"),
        ("we got kicked out of the bullring for being loud", "bullring"),
        ("is the party in peckham or nunhead", "nunhead"),
        ("the one at st annes church closes early", "st annes church"),
        ("my nan took me to blackpool tower for my birthday", "blackpool tower"),
    ],
)
def test_places_written_in_lower_case(text: str, place: str) -> None:
    assert covering(text, place), detect(text)


@pytest.mark.parametrize(
    "text",
    ["the youth centre was shut again", "we met at the leisure centre after school",
     "there is nothing to do in the town centre", "we moved in. Later I found out why"],
)
def test_plain_places_are_not_suggested(text: str) -> None:
    assert "LOCATION" not in {s.entity_type for s in detect(text)}, detect(text)


def test_police_forces_are_organisations() -> None:
    text = "Lancashire Police came round twice last week"
    assert "ORGANIZATION" in covering(text, "Lancashire Police"), detect(text)


def test_a_handle_after_snap_me_is_found() -> None:
    text = "snap me jaydee_x07 if you want to come"
    assert "SOCIAL_HANDLE" in covering(text, "jaydee_x07"), detect(text)


def test_a_first_name_and_surname_beat_the_models_place() -> None:
    text = "PA note: Harpreet Dhaliwal NINO claim sent"
    assert "PERSON" in covering(text, "Harpreet Dhaliwal"), detect(text)


def test_demo_feedback_without_personal_data_gets_almost_no_suggestions() -> None:
    """The demo corpus's texts flagged as holding no personal data are ordinary care feedback
    from every voice: before Stop 24 one in five got a false name ("care-experienced",
    "I've", "long-term"); a moderator should rarely have to untick anything there."""
    from heard.contributions.demo_corpus import generate_demo_contributions
    from heard.safety.redaction import detect_many

    clean = [c.text for c in generate_demo_contributions() if not c.contains_personal_data]
    flagged = [text for text, spans in zip(clean, detect_many(clean), strict=True) if spans]
    assert len(clean) >= 400
    assert len(flagged) <= len(clean) // 100, flagged[:5]

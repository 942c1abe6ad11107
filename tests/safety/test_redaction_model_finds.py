"""Which of the NER model's finds the rules keep (decision 0030, stop 28).

The model fine-tuned on Heard's marked texts finds many names the word checks then drop as
ordinary words: a name that is a word opening a sentence ("Dawn arrived"), a name after
"that" ("reports that Sunny is"), a lower-case name before what a person does. These tests
give the recogniser the model's finds directly, so they check the rules' decision whatever
model is built. The sentences were written for these tests.
"""

from __future__ import annotations

import pytest

from heard.safety.redaction.engine import Entity
from heard.safety.redaction.presidio import NlpArtifacts
from heard.safety.redaction.recognisers.model import NerRecogniser


def kept(text: str, *people: str, label: str = "PERSON") -> list[str]:
    """What the recogniser keeps of the model's finds ``people`` (each its first mention)."""
    ents = [Entity(label, name, text.index(name), text.index(name) + len(name))
            for name in people]
    artifacts = NlpArtifacts(entities=ents, tokens=None, tokens_indices=[], lemmas=[],  # type: ignore[arg-type]
                             nlp_engine=None, language="en")  # type: ignore[arg-type]
    results = NerRecogniser().analyze(text, [], artifacts)
    return sorted(text[r.start : r.end] for r in results)


@pytest.mark.parametrize(("text", "name"), [
    # "that" after a verb of saying opens a clause: a capitalised name there is its subject
    ("The nurse noted that Sunny is eating better at breakfast.", "Sunny"),
    ("Mum told me that Dawn has moved in with her dad.", "Dawn"),
    # a word opening a sentence before what a person does or who they are
    ("rio said he would bring the ball", "rio"),
    ("Wei has moved to the high school across town.", "Wei"),
    ("Lin, who is nine, drew a picture of her house.", "Lin"),
    ("dale is the manager at the youth club", "dale"),
    ("pearl is my cousin and she lives in bolton", "pearl"),
    ("hamza works at the chippy on saturdays", "hamza"),
    ("hope took my charger again", "hope"),
    # who someone is, straight after a word the model read as a name
    ("rain my foster sister is staying at her nans", "rain"),
    ("sunny here, im 17 and i need my birth certificate", "sunny"),
    ("river is 6 and he is settling in well", "river"),
    ("moose is what everyone calls my little brother", "moose"),
])
def test_a_name_the_model_found_is_kept_when_the_sentence_says_a_person(
        text: str, name: str) -> None:
    assert kept(text, name) == [name]


@pytest.mark.parametrize(("text", "word"), [
    ("The report says that Housing has not replied.", "Housing"),  # no name after "that"
    ("Loneliness is the thing nobody talks about.", "Loneliness"),
    ("ruby is my favourite colour for nails", "ruby"),  # no role after "is my"
    ("hope is all i have left some days", "hope"),
    ("Retention should be treated as a priority.", "Retention"),
    ("Practice guidance says the right things, but nobody reads it.", "guidance"),
    ("summer came early this year", "summer"),
])
def test_a_word_the_model_took_for_a_name_is_still_dropped(text: str, word: str) -> None:
    assert kept(text, word) == []


def test_a_name_that_is_a_country_is_a_person_with_an_age_or_an_act() -> None:
    assert kept("Jordan (12) was quiet in the session.", "Jordan") == ["Jordan"]
    assert kept("Israel said he wants to stay with his aunt.", "Israel") == ["Israel"]
    assert kept("Jordan is lovely in the spring.", "Jordan") == []  # the country


def test_a_name_listed_with_a_found_name_is_kept() -> None:
    # "kenzo" is on no word list, so the model's find stands; "star" and "faith" (words
    # opening the text) stand beside it in one list
    text = "star, faith and kenzo are coming to mine after school"
    assert kept(text, "star", "faith", "kenzo") == ["faith", "kenzo", "star"]
    # a lower-case word is no anchor: "winter" (mid-sentence) is kept as before, but brings
    # back no "summer" opening the text
    assert kept("summer and winter are long here", "summer", "winter") == ["winter"]

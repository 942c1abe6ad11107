"""Places: towns, cities, villages, estates, neighbourhoods, named parks, and streets named
without a house number ("down Albert Road").

A town alone rarely identifies anyone, but with a school, a care home or a brother's name it
often does, and moderators asked to be able to take places out. Countries are never suggested:
too large to identify anyone. Three signals, any of which is enough:

* the word is a listed town or city (``places.txt``, from GeoNames), in any case; a town that
  is also an English word ("Reading", "Bath") only with a capital after "in", "from"...;
* capitalised words after a place word ("in", "from", "moved to") that are not ordinary
  English words, or are several capitalised words together ("in Moss Side");
* a named estate, park or street: "the Meadowell estate", "Roundhay Park", "on Mill Road".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.lang.en.stop_words import STOP_WORDS

from ..wordlists import word_list
from .base import RuleRecogniser, WordRecogniser, rule
from .words import (
    Word,
    is_english,
    is_first_name,
    is_not_personal,
    is_word_name,
    place_at,
)

_PLACE_WORDS = frozenset({
    "in", "from", "to", "near", "around", "round", "outside", "towards", "via", "nr",
})
_STRONG_CUE = re.compile(
    r"(?i)\b(?:live|lives|living|lived|moved|move|moving|grew[ \t]+up|placed|born|came|come|"
    r"raised|staying|stay|based|area|back)[ \t]+(?:up[ \t]+)?(?:in|to|from|near|round|"
    r"around|at)?[ \t]*$"
)
# Capitalised words after "in" that are not places: times, school years and subjects.
_NOT_PLACE_START = frozenset({
    "year", "years", "reception", "care", "court", "school", "college", "class", "foster",
    "english", "maths", "math", "science", "history", "art", "music", "pe", "re", "the",
    "a", "an", "my", "our", "his", "her", "their", "this", "that", "mr", "mrs", "ms", "miss",
    "dr", "mum", "dad", "nan", "christmas", "easter", "summer", "winter", "spring", "autumn",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "god", "jesus", "allah", "heaven", "i",
})
# The last word of a run that makes it an organisation, left to the organisation rules.
_ORG_ENDS = frozenset({
    "school", "academy", "college", "primary", "high", "nursery", "university", "council",
    "house", "lodge", "unit", "hall", "home", "centre", "center", "hospital", "surgery",
    "club", "trust", "services", "service", "team", "fc", "juniors", "infirmary", "court",
})
_NAMED_AREAS = [
    # "the Meadowell estate", "Roundhay Park", "Broadwater Farm estate", "Park Hill estate"
    (r"\b((?:[A-Z][\w'’-]+[ \t]+){1,3}(?:[Ee]state|Park|Common|Green|Heath|Fields|Rec))\b", 0.5),
    # a street with no number ("down Albert Road", "on Tennyson Avenue")
    (r"(?=[A-Z])"  # first letters only: see FIRST_LETTER_NOTE in base.py
     r"(?<![\d][ \t])(?<![\d])\b((?:[A-Z][\w'’-]+[ \t]+){1,2}(?:Road|Street|Lane|Avenue|"
     r"Close|Drive|Crescent|Grove|Terrace|Gardens|Way|Place|Square|Rise|Walk|Parade|Row))\b",
     0.45),
]
_GENERIC_AREA = frozenset({
    "the", "a", "car", "skate", "trampoline", "theme", "water", "retail", "business",
    "industrial", "council", "housing", "local", "national", "new", "old", "big", "main",
    "high", "village", "town", "city", "country", "my", "our", "that", "this", "holiday",
    "caravan", "safari", "play", "football", "cricket",
})


_AREA_ENDS = frozenset({
    "estate", "park", "common", "green", "heath", "fields", "rec", "road", "street", "lane",
    "avenue", "close", "drive", "crescent", "grove", "terrace", "gardens", "way", "place",
    "square", "rise", "walk", "parade", "row",
})


def _check_area(text: str, start: int, end: int, score: float) -> float | None:
    words = re.findall(r"[\w'’-]+", text[start:end].lower())
    if is_country(text[start:end]):
        return None
    if len(words) < 2 or words[-1] not in _AREA_ENDS:
        return score  # a town or a run of capitalised words: judged before it got here
    if all(word in _GENERIC_AREA or word in STOP_WORDS for word in words[:-1]):
        return None  # "the car park", "Industrial Estate": says nothing about where
    return score


class _PlaceRecogniser(WordRecogniser):
    def word_spans(self, text: str, words: tuple[Word, ...]) -> Iterator[tuple[int, int, float]]:
        index = 0
        found_at: list[tuple[int, int]] = []  # (first, last) word indexes of places found
        while index < len(words):
            found = _place_from(text, words, index) or _named_place_in_lower_case(words, index)
            if found is None:
                index += 1
                continue
            size, score = found
            if index + size < len(words) and words[index + size].key in _PLACE_HEADS:
                size += 1  # "alton towers", "Trafford Centre": the whole name
            found_at.append((index, index + size - 1))
            yield words[index].start, words[index + size - 1].end, score
            index += size
        for first, last in found_at:
            other = _joined_place(words, first, last)
            if other is not None:
                yield other.start, other.end, 0.4


# The last word of a named place that people write in lower case: "trafford centre",
# "barry island", "st marys church". The words before it must name it: a name, a place, or a
# word no dictionary has ("the youth centre", "the town centre" name nothing).
_PLACE_HEADS = frozenset({
    "centre", "center", "side", "towers", "island", "lane", "road", "street", "avenue",
    "church", "district", "market", "bay", "beach", "pier", "hill", "park", "gardens",
    "square", "estate", "common", "green", "heath", "village", "cross", "gate", "mosque",
    "temple", "gurdwara", "library", "stadium", "arena",
})
_TO_A_PLACE = frozenset({
    "to", "from", "at", "in", "on", "near", "of", "outside", "round", "around", "by", "down",
    "up", "past", "the",
})


def _named_place_in_lower_case(words: tuple[Word, ...], index: int
                               ) -> tuple[int, float] | None:
    if index == 0 or words[index - 1].key not in _TO_A_PLACE or words[index].capital:
        return None
    for size in (2, 3):
        if index + size > len(words) or words[index + size - 1].key not in _PLACE_HEADS:
            continue
        saint = words[index].key in {"st", "saint"}  # "st marys church": a saint's name
        names = [w.key for w in words[index : index + size - 1] if w.key not in {"st", "saint"}]
        if names and (saint or all(_names_something(key) for key in names)):
            return size, 0.45
    return _unknown_after_the(words, index)


def _names_something(key: str) -> bool:
    return not is_english(key) and not is_not_personal(key) and len(key) >= 3 or (
        is_word_name(key) and key not in STOP_WORDS)


def _unknown_after_the(words: tuple[Word, ...], index: int) -> tuple[int, float] | None:
    """"kicked out of the arndale", "meet at the bullring": a word no dictionary has, after
    "the" and a word of going or being somewhere, is the name of the place."""
    if index < 2 or words[index - 1].key != "the" or words[index - 2].key not in _TO_A_PLACE:
        return None
    key = words[index].key
    return (1, 0.4) if _unlisted(key) and len(key) >= 4 and not is_first_name(key) else None


def _joined_place(words: tuple[Word, ...], first: int, last: int) -> Word | None:
    """"at brixton not stockwell", "peckham or lewisham": a word no dictionary has, joined to a
    place, is a place too."""
    if last + 2 < len(words) and words[last + 1].key in _JOINS:
        other = words[last + 2]
        if _unlisted(other.key) and not is_first_name(other.key) and place_at(
                words, last + 2) is None:
            return other
    return None


_JOINS = frozenset({"and", "or", "not", "n", "nor"})


def _place_from(text: str, words: tuple[Word, ...], index: int) -> tuple[int, float] | None:
    """(how many words, score) of a place starting at ``words[index]``, or None."""
    word = words[index]
    if word.key in _NOT_PLACE_START:
        return None
    listed = place_at(words, index)
    if listed is None and not word.capital and is_english(word.key):
        return None  # most words: no place, and no need to look for a cue
    after_place_word = index > 0 and words[index - 1].key in _PLACE_WORDS and not word.opens
    strong = bool(_STRONG_CUE.search(text, max(0, word.start - 30), word.start))
    if listed is not None:
        size, wordy = listed
        if not wordy:
            return size, 0.55 if word.capital or after_place_word or strong else 0.45
        if word.capital and (after_place_word or strong):
            return size, 0.5
        return None
    if not (after_place_word or strong):
        return None
    if not word.capital:
        return (1, 0.4) if strong and _unlisted(word.key) else None
    run = _capitalised_run(text, words, index)
    if words[index + len(run) - 1].key in _ORG_ENDS:
        return None
    covered = " ".join(w.text for w in run)
    if is_country(covered) or is_not_personal(covered.lower()):
        return None  # "to Corporate Parenting Board": a meeting, not a place
    if len(run) >= 2 or _unlisted(word.key):
        return len(run), 0.5 if strong else 0.45
    return None


def _unlisted(key: str) -> bool:
    return not is_english(key) and not is_not_personal(key) and len(key) >= 3


def _capitalised_run(text: str, words: tuple[Word, ...], index: int) -> list[Word]:
    run = [words[index]]
    while len(run) < 3 and index + len(run) < len(words):
        following = words[index + len(run)]
        if not following.capital or text[run[-1].end : following.start] not in {" ", "-"}:
            break
        run.append(following)
    return run


def is_country(covered: str) -> bool:
    """Countries and nations: too large to identify anyone, never suggested as places."""
    key = " ".join(covered.lower().replace("the ", " ").split())
    return key in word_list("countries")


def place_recogniser() -> RuleRecogniser:
    return _PlaceRecogniser(
        "LOCATION", [rule(pattern, score, 1) for pattern, score in _NAMED_AREAS],
        context=["live", "lives", "moved", "from", "estate"], check=_check_area,
    )

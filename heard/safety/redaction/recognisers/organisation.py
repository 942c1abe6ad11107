"""Schools, care homes, councils, charities and companies, by rule."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.lang.en.stop_words import STOP_WORDS

from ..wordlists import word_list
from .address import NAME_WORD
from .base import RuleRecogniser, WordRecogniser, rule
from .words import Word, fold, is_english, is_not_personal

# ---- ORGANIZATION: schools, councils, charities, companies

# The score of rules that match a known organisation's name: kept in lower case too
NAMED = 0.55

_ORG_RULES: list[tuple[str, float] | tuple[str, float, int]] = [
    (r"\b(?:(?:St|Saint)\.?[ \t]+)?(?:" + NAME_WORD + r"[ \t]+(?:(?:of|the|C of E)[ \t]+)?)"
     r"{1,4}(?:(?:Primary|Secondary|Infants?|Juniors?|High|Grammar|Community|Catholic|C of E)"
     r"[ \t]+)?(?:School|Academy|College|Nursery|Primary|Infants|Juniors|High|Sixth Form|"
     r"PRU|Pupil Referral Unit|University)\b", 0.6),
    (r"\b(?:" + NAME_WORD + r"[ \t]+){1,3}(?:(?:City|County|Borough|District|Town|Parish|"
     r"Metropolitan Borough)[ \t]+)?Council\b", 0.6),
    (r"\b(?:" + NAME_WORD + r"[ \t]+(?:(?:and|&|of)[ \t]+)?){1,4}(?:Ltd\.?|Limited|PLC|plc|"
     r"Inc\.?|LLC|LLP|Group|Trust|Foundation|Partnership|Fostering|Foster Care|"
     r"Children's Home|Children’s Home|Care Home|Housing Association|Housing|Hospital|"
     r"Surgery|Medical Centre|Health Centre|Youth Club|Corporation|Corp\.?|& Co\.?|"
     r"Police|Constabulary|Fire and Rescue)"
     r"(?![\w])", 0.5),
    (r"(?i:(?=[bncatsfwhk])"  # first letters only: see FIRST_LETTER_NOTE in base.py
     r"\b(?:Barnardo['’]?s|NSPCC|Coram(?:[ \t]+Voice)?|Action[ \t]+for[ \t]+Children|"
     # charities young people leaving care and seeking asylum are sent to

     r"The[ \t]+Children['’]s[ \t]+Society|Catch22|Spurgeons|Family[ \t]+Rights[ \t]+Group|"
     r"Cafcass|Childline|Women['’]s[ \t]+Aid|Citizens[ \t]+Advice|Home-Start|"
     r"The[ \t]+Fostering[ \t]+Network|Nugent|Kinship[ \t]+charity)\b)", 0.6),
    # where someone works or comes from: "is from Plotwatt", "spent a year at Caspio"
    (r"\b(?:works?[ \t]+(?:at|for)|worked[ \t]+(?:at|for)|is[ \t]+from|spent[ \t]+a[ \t]+year[ \t]+"
     r"at|employed[ \t]+by|according[ \t]+to[ \t]+the)[ \t]+"
     r"((?:[A-Z][\w&'’-]*)(?:[ \t]+(?:[A-Z][\w&'’-]*|and|&)){0,3})", 0.5, 1),
    # children's homes and units: "Beech Tree House", "Ashcroft Lodge", "Hillside Unit"
    (r"\b(?:" + NAME_WORD + r"[ \t]+){1,3}(?:House|Lodge|Unit|Hall|Manor|Grange|Cottage|"
     r"Court|Centre|Center|Hub|Home|Farm)\b", 0.5),
    (r"(?i:\b(?:st\.?|saint)[ \t]+[a-z]+(?:['’]s|s)\b)", 0.45),
    # charities whose names are words: with their capital, or after "from"/"at" ("sam from
    # shelter helped me"), never "a shelter"
    (r"\b(?:Shelter|Become)\b", NAMED),
    (r"(?i:(?=[rcydsp])\b(?:Refugee[ \t]+Council|Centrepoint|YMCA|YWCA|Depaul|"
     r"St[ \t]+Mungo['’]?s|(?:The[ \t]+)?Prince['’]?s[ \t]+Trust)\b)", NAMED),
    (r"(?i:\b(?:from|at|with)[ \t]+(shelter)\b)", NAMED, 1),
    # colleges in lower case: "leeds city college", "hackney community college"
    (r"(?i:(?=[a-z])\b([a-z]+[ \t]+(?:city|community|sixth[ \t]+form|further[ \t]+education)"
     r"[ \t]+college)\b)", NAMED, 1),
    # partnerships: "Hawkins, Richardson and Santana"
    (r"\b([A-Z][a-z'’-]+,[ \t]+[A-Z][a-z'’-]+,?[ \t]+(?:and|&)[ \t]+[A-Z][a-z'’-]+)\b", 0.45, 1),
]


_SCHOOL_ENDS = frozenset({
    "academy", "primary", "school", "high", "college", "infants", "juniors", "nursery",
})


def _check_organisation(text: str, start: int, end: int, score: float) -> float | None:
    if score == NAMED:
        return score  # a charity's name, or a college named after its town: lower case too
    words = re.findall(r"[\w'’]+", text[start:end].lower())
    generic = word_list("generic_organisation_words")
    if all(word in generic or word in STOP_WORDS for word in words):
        return None  # "Secondary School", "Which Hub": says nothing about who
    names = [word for word in words if word not in generic and word not in _SCHOOL_ENDS]
    written_low = any(word[:1].islower() and word not in STOP_WORDS
                      for word in text[start:end].split())  # "of", "for" are lower anyway
    saint = words[0] in {"st", "saint"} and len(words) >= 2  # "st marys", "st josephs"
    if written_low and not saint and not _named(names):
        return None  # "i hate school", "my new academy": no name in it
    return score


def _named(words: list[str]) -> bool:
    """Whether lower-case words before "school" name one: "kingsmead", "st josephs"."""
    keys = [fold(word).removesuffix("'s") for word in words if word not in {"st", "saint"}]
    keys = [key for key in keys if key not in word_list("generic_organisation_words")]
    return bool(keys) and not any(key in STOP_WORDS for key in keys) and any(
        not is_english(key) and not is_not_personal(key) for key in keys)


class _OrganisationRecogniser(WordRecogniser):
    """The rules, plus schools written in lower case: "kingsmead academy", "st josephs high"."""

    def word_spans(self, text: str, words: tuple[Word, ...]) -> Iterator[tuple[int, int, float]]:
        for index, word in enumerate(words):
            if word.key in _SCHOOL_ENDS and index > 0 and not word.capital:
                first = _school_name_start(text, words, index)
                if first is not None:
                    yield words[first].start, word.end, 0.5


def _school_name_start(text: str, words: tuple[Word, ...], end: int) -> int | None:
    """Where the name before "school" starts: one or two adjacent words, none of them little
    words, at least one that no dictionary knows ("kingsmead", "josephs")."""
    first = end
    while first > max(0, end - 2) and text[words[first - 1].end : words[first].start] == " ":
        key = words[first - 1].key
        if key in STOP_WORDS or key in word_list("generic_organisation_words"):
            break
        first -= 1
    if first > 0 and words[first - 1].key in {"st", "saint"}:
        first -= 1
    names = [w.key for w in words[first:end] if w.key not in {"st", "saint"}]
    if not names or not _named(names[-1:]):
        return None  # "Mai attends school": the word before "school" must be the name
    return first if _named(names) else None


def organisation_recogniser() -> RuleRecogniser:
    return _OrganisationRecogniser(
        "ORGANIZATION", [rule(*spec) for spec in _ORG_RULES],
        context=["school", "work", "works", "council", "charity"],
        check=_check_organisation,
    )


"""Schools, care homes, councils, charities and companies, by rule."""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from ..wordlists import word_list
from .address import NAME_WORD
from .base import RuleRecogniser, rule
from .words import fold, is_english, is_not_personal

# ---- ORGANIZATION: schools, councils, charities, companies

_NOT_LITTLE_WORD = r"(?!(?:" + "|".join(sorted(STOP_WORDS, key=len, reverse=True)) + r")\b)"

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
     r"Surgery|Medical Centre|Health Centre|Youth Club|Corporation|Corp\.?|& Co\.?)"
     r"(?![\w])", 0.5),
    (r"(?i:\b(?:Barnardo['’]?s|NSPCC|Coram(?:[ \t]+Voice)?|Action[ \t]+for[ \t]+Children|"
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
    # schools written in lower case: "kingsmead academy", "st josephs" (judged by the check)
    (r"(?i:\b(?:st\.?[ \t]+|saint[ \t]+)?(?:" + _NOT_LITTLE_WORD + r"[a-z][\w'’-]+[ \t]+){1,2}"
     r"(?:academy|primary|school|high|college|infants|juniors|nursery))\b", 0.5),
    (r"(?i:\b(?:st\.?|saint)[ \t]+[a-z]+(?:['’]s|s)\b)", 0.45),
    # partnerships: "Hawkins, Richardson and Santana"
    (r"\b([A-Z][a-z'’-]+,[ \t]+[A-Z][a-z'’-]+,?[ \t]+(?:and|&)[ \t]+[A-Z][a-z'’-]+)\b", 0.45, 1),
]


def _check_organisation(text: str, start: int, end: int, score: float) -> float | None:
    words = re.findall(r"[\w'’]+", text[start:end].lower())
    generic = word_list("generic_organisation_words")
    if all(word in generic for word in words):
        return None  # "Secondary School", "Social Services": says nothing about who
    if any(word[:1].islower() for word in text[start:end].split()) and not _named(words[:-1]):
        return None  # "i hate school", "my new academy": no name in it
    return score


def _named(words: list[str]) -> bool:
    """Whether lower-case words before "school" name one: "kingsmead", "st josephs"."""
    keys = [fold(word).removesuffix("'s") for word in words if word not in {"st", "saint"}]
    return bool(keys) and not any(key in STOP_WORDS for key in keys) and any(
        not is_english(key) and not is_not_personal(key) for key in keys)


def organisation_recogniser() -> RuleRecogniser:
    return RuleRecogniser(
        "ORGANIZATION", [rule(*spec) for spec in _ORG_RULES],
        context=["school", "work", "works", "council", "charity"],
        check=_check_organisation,
    )


"""Schools, care homes, councils, charities and companies, by rule."""

from __future__ import annotations

import re

from ..wordlists import word_list
from .address import NAME_WORD
from .base import RuleRecogniser, rule

# ---- ORGANIZATION: schools, councils, charities, companies

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
    # partnerships: "Hawkins, Richardson and Santana"
    (r"\b([A-Z][a-z'’-]+,[ \t]+[A-Z][a-z'’-]+,?[ \t]+(?:and|&)[ \t]+[A-Z][a-z'’-]+)\b", 0.45, 1),
]


def _check_organisation(text: str, start: int, end: int, score: float) -> float | None:
    words = re.findall(r"[\w'’]+", text[start:end].lower())
    if all(word in word_list("generic_organisation_words") for word in words):
        return None  # "Secondary School", "Social Services": says nothing about who
    return score


def organisation_recogniser() -> RuleRecogniser:
    return RuleRecogniser(
        "ORGANIZATION", [rule(*spec) for spec in _ORG_RULES],
        context=["school", "work", "works", "council", "charity"],
        check=_check_organisation,
    )


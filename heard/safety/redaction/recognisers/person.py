"""People's names after cues the language model can miss, and known first names."""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from ..wordlists import word_list
from .base import RuleRecogniser, is_common_word, rule

# ---- PERSON after cues the model can miss: "my name is", "Mrs", "my brother jayden"

_RELATION = (
    r"(?i:\b(?:my|our|her|his|their)[ \t]+(?:(?:little|big|older|younger|baby|half|step|"
    r"foster|twin|new|old|best)[ \t]+)?(?:brother|sister|bro|sis|mate|friend|bf|gf|"
    r"boyfriend|girlfriend|cousin|son|daughter|nephew|niece|sw|social[ \t]+worker|"
    r"carer|foster[ \t]+carer|key[ \t]?worker|pa|personal[ \t]+adviser|iro|teacher|mum|"
    r"dad|nan|grandad|aunt|auntie|uncle|partner|ex|baby|kid|child|worker)[ \t]*,?)[ \t]+"
)
_PERSON_RULES = [
    (r"(?i:\b(?:my[ \t]+name[ \t]+is|my[ \t]+name['’]s|i['’]m[ \t]+called|i[ \t]+am[ \t]+"
     r"called|call[ \t]+me|(?:first[ \t]+|last[ \t]+|sur)?name[ \t]*[:?]))[ \t]*"
     r"([^\W\d_][\w'’-]+(?:[ \t]+[^\W\d_][\w'’.-]*){0,2})", 0.7, 1),
    # a name opening a line of dialogue or a script: "Destiny: Remember me?"
    (r"(?m:^[ \t>]*([A-Z][\w'’-]+)[ \t]*:[ \t]*(?=[\"“]|[A-Z][a-z]))", 0.6, 1),
    # a name opening a sentence before what people do: "Rintanen began writing"
    (r"(?:^|(?<=[.!?\n][ \t])|(?<=\n))([A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’.-]*){0,2})[ \t]+"
     r"(?=(?:lives|lived|began|spent|had[ \t]+given|is[ \t]+from|was[ \t]+born|said|told|"
     r"shouted|listed|just[ \t]+has)\b)", 0.6, 1),
    (r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?[ \t]+([A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){0,2})", 0.7, 1),
    (_RELATION + r"([A-Za-z][a-z'’-]+(?:[ \t]+[A-Z][a-z'’-]+)?)", 0.6, 1),
    # any word that is a known first name, with a capitalised surname if one follows
    # (a lookahead, so that "worker Nuala" does not swallow the name it failed on)

    # professionals named by their role: "social worker Nuala", "youth worker Wiktoria"
    (r"\b(?:worker|adviser|advisor|teacher|carer|officer|manager|nurse|therapist|mentor|"
     r"from)[ \t]+([A-Z][a-z'’-]+(?:[ \t]+[A-Z][a-z'’-]+)?)", 0.6, 1),
    # dialogue ("Zuzana: ...") and reported speech ("said Maslin to Antonio")
    (r"(?m:^[ \t>]*([A-Z][\w'’-]+)[ \t]*:[ \t]*[\"“])", 0.6, 1),
    (r"\b(?:said|asked|told|shouted|replied|yelled|whispered)(?:[ \t]+at)?[ \t]+"
     r"([A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?)", 0.6, 1),
    (r"\b(?:said|asked|told|shouted|replied)[ \t]+[A-Z][\w'’-]+[ \t]+(?:to|at)[ \t]+"
     r"([A-Z][\w'’-]+)", 0.6, 1),
    # a run of four or more first names: "They had 6: Hleb, Sheila, Donna and Sherry"
    (r"(?<![\w,][ \t])\b((?:[A-Z][a-z'’-]+,[ \t]+){2,}[A-Z][a-z'’-]+,?[ \t]+and[ \t]+"
     r"[A-Z][a-z'’-]+)\b", 0.6, 1),
]




def _check_person(text: str, start: int, end: int, score: float) -> float | None:
    first = text[start:end].split()[0].lower().strip("'’,")
    if first in word_list("form_labels"):
        return None
    if first in word_list("first_names_core"):
        return score
    generic = word_list("generic_organisation_words")
    if score >= 0.6 and text[start].isupper() and first not in generic:
        return score if not is_common_word(first) else None
    return None






_NAME_CANDIDATE = re.compile(r"(?<![\w@.])([A-Za-z][a-z-]+|[A-Z][A-Z-]+)(?![\w@]|\.\w)")
_SURNAME = re.compile(r"[ \t]+[A-Z][a-z'’-]+")


class _PersonRecogniser(RuleRecogniser):
    """Cue rules, plus any word that is a known first name (with a surname after it)."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        for match in _NAME_CANDIDATE.finditer(text):
            if match.group().lower() not in word_list("first_names_core"):
                continue  # a set lookup per word: far cheaper than a 400-way regex
            end = match.end()
            surname = _SURNAME.match(text, end)
            if surname and not is_common_word(surname.group().strip().lower()):
                end = surname.end()
            result = self._result(text, match.start(), end, 0.45)
            if result is not None:
                results.append(result)
        return results


def person_cue_recogniser() -> RuleRecogniser:
    return _PersonRecogniser(
        "PERSON", [rule(pattern, score, group) for pattern, score, group in _PERSON_RULES],
        context=["name", "called"], check=_check_person,
    )


"""People, organisations and places found by the statistical language model (spaCy's NER)."""

from __future__ import annotations

import re

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from ..wordlists import word_list
from .base import LANGUAGE
from .place import is_country
from .words import after_determiner, fold, is_english, is_not_personal, is_word_name


class NerRecogniser(EntityRecognizer):
    """People, organisations and places that the spaCy model found."""

    NAME = "HeardNerRecogniser"
    LABELS = {"PERSON": ("PERSON", 0.85), "ORG": ("ORGANIZATION", 0.6),
              "FAC": ("ORGANIZATION", 0.4), "GPE": ("LOCATION", 0.6), "LOC": ("LOCATION", 0.5)}
    def __init__(self) -> None:
        super().__init__(
            supported_entities=["PERSON", "ORGANIZATION", "LOCATION"], name=self.NAME,
            supported_language=LANGUAGE,
        )

    def load(self) -> None:
        """The model is loaded by the NLP engine."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if nlp_artifacts is None:
            return []
        results = []
        for ent in nlp_artifacts.entities:
            mapped = self.LABELS.get(ent.label_)
            if mapped is None or not self._plausible(ent.text):
                continue
            entity, score = mapped
            entity = _retyped(entity, ent.text)
            if entity == "ORGANIZATION" and self._generic(ent.text):
                continue
            if entity == "LOCATION" and (is_country(ent.text) or self._generic(ent.text)):
                continue
            start = ent.start_char
            if entity == "PERSON":
                start += _relation_prefix(ent.text)
                if _a_thing(text, start, ent.text):
                    continue
            metadata = {RecognizerResult.RECOGNIZER_NAME_KEY: self.NAME,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}
            results.append(RecognizerResult(
                entity, start, ent.end_char, score,
                analysis_explanation=AnalysisExplanation(self.NAME, score),
                recognition_metadata=metadata,
            ))
        return results

    def _generic(self, covered: str) -> bool:
        words = covered.lower().split()
        generic = word_list("generic_organisations")
        return " ".join(words) in generic or words[-1] in generic

    def _plausible(self, covered: str) -> bool:
        words = covered.strip(" .,'’").lower()
        if not re.search(r"[^\W\d_]", covered) or words in word_list("not_people"):
            return False
        return not is_not_personal(fold(words))



def _relation_prefix(covered: str) -> int:
    """How many characters of "niece Amani" are the relation, not the name."""
    first, _, rest = covered.partition(" ")
    if rest and fold(first) in word_list("person_cues") and fold(first) not in word_list(
            "kin_titles"):
        return len(first) + 1
    return 0


def _a_thing(text: str, start: int, covered: str) -> bool:
    """The model, trained on news, reads any capitalised word as a possible name."""
    key = fold(covered.strip())
    return " " not in key and (is_word_name(key) or is_english(key)) and after_determiner(
        text, start)


_PLACE_ENDS = frozenset({
    "road", "street", "lane", "avenue", "close", "drive", "crescent", "grove", "terrace",
    "gardens", "way", "park", "estate", "square", "rise", "walk", "green",
})
_ORGANISATION_ENDS = frozenset({
    "house", "lodge", "unit", "hall", "manor", "grange", "school", "academy", "college",
    "primary", "centre", "hospital", "surgery", "council", "trust", "home",
})


def _retyped(entity: str, covered: str) -> str:
    """The model calls "Albert Road" and "Ashcroft Lodge" people; their last word says what
    they are."""
    last = fold(covered.split()[-1]) if covered.split() else ""
    if entity == "PERSON" and last in _PLACE_ENDS:
        return "LOCATION"
    if entity in {"PERSON", "LOCATION"} and last in _ORGANISATION_ENDS:
        return "ORGANIZATION"
    return entity

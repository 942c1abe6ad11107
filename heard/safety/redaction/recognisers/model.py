"""People and organisations found by the statistical language model (spaCy's NER)."""

from __future__ import annotations

import re

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from ..wordlists import word_list
from .base import LANGUAGE


class NerRecogniser(EntityRecognizer):
    """People and organisations that the spaCy model found."""

    NAME = "HeardNerRecogniser"
    LABELS = {"PERSON": ("PERSON", 0.85), "ORG": ("ORGANIZATION", 0.6),
              "FAC": ("ORGANIZATION", 0.4)}
    def __init__(self) -> None:
        super().__init__(
            supported_entities=["PERSON", "ORGANIZATION"], name=self.NAME,
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
            if entity == "ORGANIZATION" and self._generic(ent.text):
                continue
            metadata = {RecognizerResult.RECOGNIZER_NAME_KEY: self.NAME,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}
            results.append(RecognizerResult(
                entity, ent.start_char, ent.end_char, score,
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
        return bool(re.search(r"[^\W\d_]", covered)) and words not in word_list("not_people")


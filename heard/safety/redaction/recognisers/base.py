"""What every rule-based recogniser shares: a rule, and a recogniser that runs rules."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.lang.en.stop_words import STOP_WORDS

from ..wordlists import word_list

LANGUAGE = "en"


def is_common_word(word: str) -> bool:
    """A little word or verb that is never a surname or a handle."""
    return word in word_list("common_words") or word in STOP_WORDS


@dataclass(frozen=True)
class Rule:
    """A regular expression, the score of a bare match, and which group is the entity."""

    regex: re.Pattern[str]
    score: float
    group: int = 0


class RuleRecogniser(EntityRecognizer):
    """Regex rules plus an optional validator and a cue that raises the score.

    Presidio's ``PatternRecognizer`` compiles every pattern case-insensitively and reports
    whole matches; UK data needs case-sensitive rules (names are capitalised) and capture
    groups (the handle after "my snap is"), so this small base class does the matching.
    The cue is checked on the text just before the match, which is sharper than
    Presidio's token-window context (kept too, through ``context``).
    """

    def __init__(
        self,
        entity: str,
        rules: Sequence[Rule],
        *,
        context: Sequence[str] = (),
        cue: re.Pattern[str] | None = None,
        cue_boost: float = 0.35,
        cue_window: int = 40,
        check: Any = None,
    ) -> None:
        self.rules = list(rules)
        self.cue = cue
        self.cue_boost = cue_boost
        self.cue_window = cue_window
        self.check = check  # (text, start, end, score) -> score or None to reject
        self._label = f"Heard{entity.title().replace('_', '')}Recogniser"
        super().__init__(
            supported_entities=[entity],
            name=self._label,
            supported_language=LANGUAGE,
            context=list(context),
        )

    def load(self) -> None:
        """Nothing to load: the rules are compiled at import."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = []
        for rule in self.rules:
            for match in rule.regex.finditer(text):
                result = self._result(text, *match.span(rule.group), rule.score)
                if result is not None:
                    results.append(result)
        return results

    def _result(self, text: str, start: int, end: int, score: float, *, checked: bool = True
                ) -> RecognizerResult | None:
        """A result for ``text[start:end]``; ``checked=False`` skips the validator, for
        matches a subclass has judged in its own way."""
        if start < 0 or end <= start:
            return None
        if checked and self.check is not None:
            score = self.check(text, start, end, score)
            if score is None:
                return None
        boosted = self._cued(text, start)
        if boosted:
            score = min(1.0, score + self.cue_boost)
        return RecognizerResult(
            self.supported_entities[0], start, end, score,
            analysis_explanation=AnalysisExplanation(self._label, score),
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self._label,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                # stops Presidio boosting a second time for the same reason
                RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: boosted,
            },
        )

    def _cued(self, text: str, start: int) -> bool:
        if self.cue is None:
            return False
        return self.cue.search(text, max(0, start - self.cue_window), start) is not None


def rule(pattern: str, score: float, group: int = 0, flags: int = 0) -> Rule:
    return Rule(re.compile(pattern, flags), score, group)


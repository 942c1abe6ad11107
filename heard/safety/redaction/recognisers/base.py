"""What every rule-based recogniser shares: a rule, and a recogniser that runs rules."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from ..presidio import AnalysisExplanation, EntityRecognizer, NlpArtifacts, RecognizerResult
from ..wordlists import word_list
from .words import Word, words_of

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
    near: re.Pattern[str] | None = None  # run only near matches of this (digits, "@")


# FIRST_LETTER_NOTE: some whole-text rules open with a lookahead such as ``(?=[moht])``
# listing every letter their alternatives can start with ("my", "our", "her"...). Python's
# regex engine otherwise tries each alternative at every position of a 300-word text; the
# lookahead fails at once on other letters. It is inside the same ``(?i:`` group as the
# words, so case folding is the same and the matches are exactly those of the rule without
# it. Keep the letters in step when adding a word to such a rule.

DIGITS = re.compile(r"\d")
AT_SIGN = re.compile(r"@")
_REACH = 200  # characters either side of a digit that a digit-bound rule reads


@lru_cache(maxsize=16)
def windows_near(text: str, needle: re.Pattern[str]) -> tuple[tuple[int, int], ...]:
    """Merged stretches of text within reach of ``needle``, cut at white space.

    Most rules cannot match without a digit (phone numbers, postcodes, dates, house numbers);
    reading only the neighbourhood of digits keeps their cost down in long contributions,
    where digits are few.
    """
    windows: list[tuple[int, int]] = []
    for match in needle.finditer(text):
        if windows and match.start() < windows[-1][1]:
            continue
        start = max(0, match.start() - _REACH)
        end = min(len(text), match.end() + _REACH)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return tuple(windows)


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
            spans = [(0, len(text))] if rule.near is None else windows_near(text, rule.near)
            for start, end in spans:
                for match in rule.regex.finditer(text, start, end):
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


def rule(pattern: str, score: float, group: int = 0, flags: int = 0,
         near: re.Pattern[str] | None = None) -> Rule:
    return Rule(re.compile(pattern, flags), score, group, near)


class NearDigits(EntityRecognizer):
    """One of Presidio's own number recognisers (cards, IBANs, SSNs, IP addresses), run only
    on the stretches of text near digits."""

    def __init__(self, inner: EntityRecognizer) -> None:
        self.inner = inner
        name: str = inner.name  # type: ignore[has-type]
        super().__init__(supported_entities=inner.supported_entities, name=name,
                         supported_language=inner.supported_language, context=inner.context)

    def load(self) -> None:
        """The inner recogniser loaded itself."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = []
        for start, end in windows_near(text, DIGITS):
            piece = text[start:end]
            for result in self.inner.analyze(piece, entities, nlp_artifacts):  # type: ignore[arg-type]
                result.start += start
                result.end += start
                metadata = result.recognition_metadata or {}
                metadata[RecognizerResult.RECOGNIZER_IDENTIFIER_KEY] = self.id
                result.recognition_metadata = metadata
                results.append(result)
        return results



class WordRecogniser(RuleRecogniser):
    """The rules, plus spans a subclass finds by reading the text word by word (first names,
    places, schools written in lower case). ``word_spans`` yields (start, end, score) for each;
    they go through the validator and the cue like a rule's match unless
    ``word_spans_checked`` is False (the subclass has judged them in its own way)."""

    word_spans_checked = True

    def word_spans(self, text: str, words: tuple[Word, ...]) -> Iterator[tuple[int, int, float]]:
        raise NotImplementedError

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        for start, end, score in self.word_spans(text, words_of(text)):
            result = self._result(text, start, end, score, checked=self.word_spans_checked)
            if result is not None:
                results.append(result)
        return results

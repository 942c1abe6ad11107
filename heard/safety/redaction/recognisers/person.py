"""People's names after cues the language model can miss, and known first names."""

from __future__ import annotations

import re
from collections.abc import Iterator

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.lang.en.stop_words import STOP_WORDS

from ..wordlists import word_list
from .base import RuleRecogniser, WordRecogniser, is_common_word, rule
from .words import (
    Word,
    after_determiner,
    fold,
    is_english,
    is_first_name,
    is_not_personal,
    is_unknown,
    is_word_name,
    name_like,
    words_of,
)

# ---- PERSON after cues the model can miss: "my name is", "Mrs", "my brother jayden"

_RELATION = (
    r"(?i:(?=[moht])"  # first letters only: see FIRST_LETTER_NOTE in base.py
    r"\b(?:my|our|her|his|their|ma|me|mi)[ \t]+(?:(?:little|lil|big|older|younger|baby|"
    r"half|step|foster|twin|new|old|best)[ \t]+)?(?:brother|sister|bro|sis|mate|friend|bf|gf|"
    r"boyfriend|girlfriend|cousin|son|daughter|nephew|niece|sw|social[ \t]+worker|"
    r"carer|foster[ \t]+carer|key[ \t]?worker|pa|personal[ \t]+adviser|iro|teacher|mum|"
    r"dad|nan|grandad|aunt|auntie|uncle|partner|ex|baby|kid|child|worker)[ \t]*,?)[ \t]+"
)
_PERSON_RULES = [
    (r"(?i:(?=[micflsn])"  # first letters only: see FIRST_LETTER_NOTE in base.py
     r"\b(?:my[ \t]+name[ \t]+is|my[ \t]+name['’]s|i['’]m[ \t]+called|i[ \t]+am[ \t]+"
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
    # case notes give a child's age in brackets after the name: "Summer Jones (12)", "Will (8)"
    (r"\b([A-Z][a-z'’-]+(?:[ \t]+[A-Z][\w'’-]+)?)[ \t]*\((?:aged[ \t]+)?\d{1,2}(?:[ \t]*"
     r"(?:yrs?|years?(?:[ \t]+old)?))?[,)]", 0.6, 1),
    # a run of four or more first names: "They had 6: Hleb, Sheila, Donna and Sherry"
    (r"(?<![\w,][ \t])\b((?:[A-Z][a-z'’-]+,[ \t]+){2,}[A-Z][a-z'’-]+,?[ \t]+and[ \t]+"
     r"[A-Z][a-z'’-]+)\b", 0.6, 1),
]




def _check_person(text: str, start: int, end: int, score: float) -> float | None:
    """A cue rule's match counts when its first word can be a name: a known first name, a
    word no dictionary knows, or a capitalised word (then not a little word or a label)."""
    first = text[start:end].split()[0].strip("'’,")
    key = fold(first).removesuffix("'s")
    if key in word_list("form_labels") or is_not_personal(key):
        return None
    if is_first_name(key) or is_word_name(key) or is_unknown(key):
        return score
    generic = word_list("generic_organisation_words")
    if score >= 0.6 and first[:1].isupper() and key not in generic:
        return score if not is_common_word(key) else None
    return None


# Cues around a word that make it a name. Before: "me and ___", "Mrs ___", "told ___",
# "my carer ___" (see person_cues.txt). After: "___ said", "___ and me", "___'s mum".
_POSSESSIVES = frozenset({"my", "our", "his", "her", "their", "your", "ma", "me", "mi", "is"})
_STRONG_BEFORE = re.compile(
    r"(?i)(?:\bme[ \t]+(?:and|an|nd|n|&|\+)|\b(?:mr|mrs|ms|miss|mx|dr|sir)\.?|"
    r"\b(?:told|tell|asked|ask|called|named|call(?:ed)?[ \t]+her|call(?:ed)?[ \t]+him|"
    r"i['’]?m|i[ \t]+am|this[ \t]+is)|\b(?:social|youth|support|key|residential|family)[ \t]+"
    r"worker|\b(?:adviser|advisor|officer|manager|nurse|therapist|mentor|coach|head))"
    r"[ \t]*,?[ \t]+$"
)
_WEAK_BEFORE = re.compile(
    r"(?i)\b(?:and|with|text|texted|ring|rang|phone|message|messaged|love|miss|missed|hate|"
    r"see|saw|visit|visited|meet|met|like|trust|about|to|"
    # a greeting is followed by the name of the person greeted: "yo zayn", "thanks Bex"
    r"hi|hiya|hey|yo|oi|cheers|thanks|thank[ \t]+you|dear|bye)[ \t]*,?[ \t]+$"
)
_AFTER = re.compile(
    r"(?i)^(?:'s|’s)?[ \t]*,?[ \t]*(?:(?:and|n|&|an|nd)[ \t]+(?:me|i)\b|(?:said|says|told|"
    r"tells|asked|asks|texted|rang|shouted|hit|hits|kept|keeps|always|never|got|gets|went|"
    r"came|wants|wanted|lives|lived|helped|helps|(?:is|was|as|are)[ \t]+(?:my|our|his|her)|"
    r"from[ \t]+my|is[ \t]+\d|(?:my|our|his|her)[ \t]+(?:(?:best|old|new|little|big|foster)[ \t]+)?"
    r"(?:mate|friend|bf|gf|sis|bro|brother|sister|carer|keyworker|sw|girlfriend|boyfriend|"
    r"social[ \t]+worker|worker|pa|iro))\b|(?:'s|’s)[ \t]+(?:mum|dad|mam|nan|brother|sister|"
    r"house|carer|name|foster))"
)
_NUMBER_AFTER = re.compile(r"[ \t]*\d")


def _cued(text: str, words: tuple[Word, ...], index: int) -> tuple[bool, bool]:
    """(a strong cue is near, any cue is near) for ``words[index]``."""
    word = words[index]
    before = text[max(0, word.start - 30) : word.start]
    strong = bool(_STRONG_BEFORE.search(before)) or _relation_before(words, index)
    if strong:
        return True, True
    after = text[word.end : word.end + 30]
    weak = bool(_WEAK_BEFORE.search(before)) or bool(_AFTER.match(after))
    return False, weak


def _relation_before(words: tuple[Word, ...], index: int) -> bool:
    """"my carer ___", "ma mate ___", "our foster carer ___", "Nan ___", "auntie ___"."""
    if index == 0:
        return False
    previous = words[index - 1].key
    if previous in word_list("kin_titles"):
        return True
    cues = word_list("person_cues")
    if previous not in cues and previous.removesuffix("s") not in cues:  # "my carers ___"
        return False
    nearby = {w.key for w in words[max(0, index - 5) : index - 1]}
    return bool(nearby & _POSSESSIVES) or previous in {"sw", "iro", "pa", "keyworker"}


def _name_score(text: str, words: tuple[Word, ...], index: int) -> float | None:
    word = words[index]
    key = word.key
    if is_first_name(key):
        return 0.5 if word.capital else 0.45
    word_name, unknown = is_word_name(key), is_unknown(key)
    if not (word_name or unknown):
        return _english_name_score(text, words, index)
    if _NUMBER_AFTER.match(text, word.end):
        return None  # "Year 9", "Reg 44", "Flat 4"
    if word_name and after_determiner(text, word.start):
        return None
    strong, weak = _cued(text, words, index)
    if _country_name(key):
        return 0.5 if strong else None  # "told jordan", but "from Jordan" is the country
    if strong or (unknown and weak) or (weak and word.capital and not word.opens):
        return 0.5
    if word.capital and (unknown or not word.opens):
        return 0.4  # a capitalised word no dictionary knows: a name, or a place
    if word_name and weak and word.capital:
        return 0.4
    return None


def _country_name(key: str) -> bool:
    """A name that is also a country's ("jordan", "india"): a person only after a strong cue."""
    return key in word_list("countries") and is_word_name(key)


def _english_name_score(text: str, words: tuple[Word, ...], index: int) -> float | None:
    """An English word written as a name in the middle of a sentence, with a strong cue:
    "my husband Des", "Having Mo as my mentor"."""
    word = words[index]
    if not word.capital or word.opens or word.key in STOP_WORDS:
        return None
    strong, _ = _cued(text, words, index)
    return 0.45 if strong or _AFTER.match(text[word.end : word.end + 40]) else None


def _span_of(text: str, words: tuple[Word, ...], index: int) -> tuple[int, int]:
    """The name with a kin title in front ("Nan Pat") and a capitalised surname after it."""
    word = words[index]
    start, end = word.start, word.end
    if index > 0 and words[index - 1].key in word_list("kin_titles") and (
        index < 2 or words[index - 2].key not in _POSSESSIVES
    ) and _adjacent(text, words[index - 1], word):
        start = words[index - 1].start
    if index + 1 < len(words):
        following = words[index + 1]
        if (following.capital and not following.opens and _adjacent(text, word, following)
                and not is_english(following.key) and not is_not_personal(following.key)):
            end = following.end
    return start, end


def _adjacent(text: str, first: Word, second: Word) -> bool:
    return text[first.end : second.start] in {" ", "\t"}


class _PersonRecogniser(WordRecogniser):
    """Cue rules, plus every word that is a first name or, near a cue, could be one."""

    word_spans_checked = False  # _name_score has judged each word already

    def word_spans(self, text: str, words: tuple[Word, ...]) -> Iterator[tuple[int, int, float]]:
        for index, word in enumerate(words):
            if word.shouty and len(word.text) <= 5 or (
                    is_not_personal(word.key) and not _country_name(word.key)):
                continue  # GCSE, CAMHS, Xbox
            score = _name_score(text, words, index)
            if score is not None:
                yield *_span_of(text, words, index), score

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        return results + self._coordinated(text, words_of(text), results)

    def _coordinated(self, text: str, words: tuple[Word, ...], found: list[RecognizerResult]
                     ) -> list[RecognizerResult]:
        """"Soph and Abz", "rio and kyron": a word joined by "and" to a name is one too when
        it could be a name."""
        starts = {r.start for r in found if r.score >= 0.45}
        ends = {r.end for r in found if r.score >= 0.45}
        extra = []
        for index in range(len(words) - 2):
            left, joint, right = words[index : index + 3]
            if joint.key not in {"and", "n", "an", "nd"}:
                continue
            other = left if right.start in starts else right if left.end in ends else None
            if other is None or other.start in starts or other.end in ends:
                continue
            if other.key in STOP_WORDS or is_not_personal(other.key):
                continue
            if other.capital or (name_like(other) and not is_english(other.key)):
                result = self._result(text, other.start, other.end, 0.45, checked=False)
                if result is not None:
                    extra.append(result)
        return extra


def person_cue_recogniser() -> RuleRecogniser:
    return _PersonRecogniser(
        "PERSON", [rule(pattern, score, group) for pattern, score, group in _PERSON_RULES],
        context=["name", "called"], check=_check_person,
    )

"""People, organisations and places found by the statistical language model (spaCy's NER)."""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from ..presidio import AnalysisExplanation, EntityRecognizer, NlpArtifacts, RecognizerResult
from ..wordlists import word_list
from .base import LANGUAGE
from .person import person_acts_after, strongly_cued
from .place import is_country
from .words import (
    after_determiner,
    fold,
    is_english,
    is_familiar,
    is_first_name,
    is_little_word,
    is_not_personal,
    is_place_word,
    is_word_name,
    looks_misspelt,
)


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
        held: list[tuple[int, int]] = []  # people dropped as words; a list may bring them back
        for ent in nlp_artifacts.entities:
            mapped = self.LABELS.get(ent.label_)
            if mapped is None:
                continue
            named = _a_country_named_person(text, ent.label_, ent.text, ent.end_char)
            if not self._plausible(ent.text) and not named:
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
                if not named:  # (a country is no name to _leading_words)
                    start += _leading_words(text[start : ent.end_char])
                if start >= ent.end_char:
                    continue
                if (_a_thing(text, start, ent.text) or _heading_word(text, start, ent.end_char)
                        or _a_word_in_lower_case(text, start, ent.end_char)):
                    held.append((start, ent.end_char))
                    continue
            elif _leading_words(ent.text, generic=True) >= len(ent.text):
                continue  # "Dear Children's Services", "the Leaving Care"
            elif _a_modifier(text, ent.text, ent.end_char):
                continue
            elif mapped[0] != "PERSON" and _a_word_not_a_place(text, start, ent.end_char):
                continue  # (a person the model found stays one: "lane my foster carer")
            if _only_misspellings(text, start, ent.end_char):
                continue
            results.append(self._result(entity, start, ent.end_char, score))
        for start, end in _listed_with_people(text, held, results):
            results.append(self._result("PERSON", start, end, self.LABELS["PERSON"][1]))
        return results

    def _result(self, entity: str, start: int, end: int, score: float) -> RecognizerResult:
        metadata = {RecognizerResult.RECOGNIZER_NAME_KEY: self.NAME,
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}
        return RecognizerResult(entity, start, end, score,
                                analysis_explanation=AnalysisExplanation(self.NAME, score),
                                recognition_metadata=metadata)

    def _generic(self, covered: str) -> bool:
        words = covered.lower().split()
        generic = word_list("generic_organisations")
        while len(words) > 1 and (words[0] in _OPENERS or words[0] in STOP_WORDS):
            words = words[1:]  # "Dear Children's Services", "the Leaving Care", "Which Hub"
        if " ".join(words) in generic:
            return True
        # "the local hub", "Family Court" are no names, but "Maple Court" is a home's: a generic
        # last word makes the whole generic only when the words before it say what kind
        kinds = word_list("generic_organisation_words")
        return words[-1] in generic and all(w in kinds or w in STOP_WORDS for w in words[:-1])

    def _plausible(self, covered: str) -> bool:
        words = covered.strip(" .,'’").lower()
        if not re.search(r"[^\W\d_]", covered) or words in word_list("not_people"):
            return False
        if _SCHOOL_YEAR.fullmatch(words) or (covered.isupper() and len(covered) <= 3):
            return False  # "Y10", "CV", "PA": school years and short forms
        return not is_not_personal(fold(words))



def _a_country_named_person(text: str, label: str, covered: str, end: int) -> bool:
    """A first name that is also a country's ("Jordan", "Israel") that the model calls a
    person, with a child's age in brackets or a person's verb after it: "Israel (14) has
    been going", "jordan said". Countries are otherwise never suggested (decision 0006)."""
    key = fold(covered.strip())
    return (label == "PERSON" and is_country(key) and is_word_name(key)
            and (bool(_AGE_AFTER.match(text, end)) or person_acts_after(text, end, strict=True)))


_AGE_AFTER = re.compile(r"[ \t]*\(\d{1,2}\)")
# Between two names of one list: "jade, kasey and mo", "told mercy and gift"
_LIST_GAP = re.compile(r"(?i)[ \t]*(?:,[ \t]*(?:(?:and|n|&)[ \t]+)?|[ \t]+(?:and|n|&|an|nd)"
                       r"[ \t]+)")


def _listed_with_people(text: str, held: list[tuple[int, int]],
                        kept: list[RecognizerResult]) -> list[tuple[int, int]]:
    """The model's people that the word checks dropped but that stand in a list with a person
    it kept ("star, faith and kenzo are coming": "kenzo" is no word): names are listed with
    names. Brought back one after another along the list (stop 28)."""
    # a list is only as sure as its surest name: one the model found that is no lower-case
    # word ("summer and winter are long" has none); other names in it link along the list
    people = [(r.start, r.end) for r in kept if r.entity_type == "PERSON"]
    linked = [span for span in people if not (
        text[span[0] : span[1]].islower() and is_english(fold(text[span[0] : span[1]])))]
    others = [span for span in held + people if span not in linked]
    back: list[tuple[int, int]] = []
    changed = True
    while changed:
        changed = False
        for span in others:
            if span not in linked and any(
                    _listed(text, span, other) or _listed(text, other, span) for other in linked):
                linked.append(span)
                back += [span] if span in held else []
                changed = True
    return back


def _listed(text: str, first: tuple[int, int], second: tuple[int, int]) -> bool:
    gap = text[first[1] : second[0]]
    return first[1] <= second[0] and bool(gap) and bool(_LIST_GAP.fullmatch(gap))


_SCHOOL_YEAR = re.compile(r"(?:y|yr|year)[ \t]?\d{1,2}")
_OPENERS = frozenset({"dear", "hi", "hello", "hiya", "hey", "to"})


def _leading_words(covered: str, generic: bool = False) -> int:
    """How many characters at the start of a span the model found are not part of a name:
    ordinary words ("Visited Amira", "Grandmother Mrs Owusu-Ansah"), chat fillers ("ngl
    miss d'souza"), nationalities ("Romany Gypsy"). Titles ("Mrs") and kin words said with the
    name ("Nan Pat") stay. With ``generic`` (organisations and places), only little words and
    words that say what kind of service it is count ("the Leaving Care", "Dear Children's
    Services"): "Hope House" is a name made of English words."""
    cut = 0
    for match in re.finditer(r"\S+", covered):
        key = fold(match.group().strip(".,'’:")).removesuffix("'s")
        if key in word_list("kin_titles") or key in {"mr", "mrs", "ms", "miss", "mx", "dr"}:
            return cut if not _only_a_title(covered[cut:]) else len(covered)
        if generic:
            plain = (is_not_personal(key) or key in _OPENERS or key in STOP_WORDS
                     or key in word_list("generic_organisation_words"))
        else:
            # a verb the model read into the name ("Visited Amira"); other ordinary words
            # may be names ("Hyacinth Barrett", "Mouse")
            plain = is_not_personal(key) or key in _OPENERS or key in word_list(
                "person_cues") or (key.endswith("ed") and is_english(key)
                                   and not is_word_name(key) and not is_first_name(key))
        if not plain:
            return cut if cut < len(covered) and not _only_a_title(covered[cut:]) else len(
                covered)
        cut = match.end()
        while cut < len(covered) and covered[cut] == " ":
            cut += 1
    return len(covered)


def _only_a_title(rest: str) -> bool:
    return fold(rest.strip(" .")) in {"mr", "mrs", "ms", "miss", "mx", "dr"}


_ME_AND_OR_TOLD = re.compile(
    r"(?i)(?:\bme[ \t]+(?:and|an|nd|n|&|\+)|\b(?:told|tell|asked|ask))[ \t]*,?[ \t]+$")
_ROLE_AFTER = re.compile(r"[ \t]+(?:carer|worker|parent|carers|workers)\b", re.IGNORECASE)


# What follows a name opening a sentence: a verb of being, having, saying or doing, or a
# joining word. An opening name-word followed by anything else ("Cap caseloads") is a word.
_AFTER_A_NAME = frozenset({
    "is", "was", "has", "had", "and", "said", "says", "told", "tells", "asked", "asks", "came",
    "comes", "went", "goes", "lives", "lived", "wants", "wanted", "got", "gets", "will", "would",
    "can", "could", "does", "did", "doesn't", "didn't", "isn't", "wasn't", "can't", "won't",
    "loves", "hates", "likes", "keeps", "needs", "feels", "thinks", "knows", "helped", "helps",
    "n", "or", "my", "at", "from", "who"})


def _heading_word(text: str, start: int, end: int) -> bool:
    """One ordinary word opening a line or a sentence ("Email from mum:"), or the first word
    of a role ("Foster carer:", "kinship carer")."""
    key = fold(text[start:end].strip()).removesuffix("'s")
    if " " in key or is_first_name(key):
        return False
    if _ROLE_AFTER.match(text, end):
        return True
    before = text[max(0, start - 3) : start].rstrip(" \t\"“'‘>*-")
    opening = not before or before[-1] in ".!?:\n"
    if is_word_name(key) and is_familiar(key):
        # A capital says nothing at the start of a sentence, so a name that is also a word
        # ("Cap", "Hope", "Will") opening one is read as the word unless what follows is
        # what follows a person: "Cap caseloads so...", "Hope things change" are words;
        # "Rose is my sister", "Mark said" are names. "my" says a person only before who
        # they are to the writer, as in lower case: "Bill my foster dad", not "Pat my dog".
        after = re.match(r"[ \t]+([a-z']+)", text[end:])
        if not opening or after is None or person_acts_after(text, end):
            return False
        if after.group(1) == "my":
            return not _says_a_person(text, end, "my")
        return after.group(1) not in _AFTER_A_NAME
    if is_word_name(key):
        return False  # a name that is only a rare word ("Benedict works", "Kai plays")
    if not is_english(key):
        return False
    # a dictionary word opening a sentence that the model calls a person is one when a
    # person's verb follows ("rio said", "Wei has moved", "Mei, who..."): "Email from mum:"
    # and "Loneliness is the thing" stay words (stop 28)
    return opening and not person_acts_after(text, end)


def _a_word_in_lower_case(text: str, start: int, end: int) -> bool:
    """The fine-tuned model (decision 0030) reads names in lower case by their context, and
    sometimes reads an ordinary word so: "ur hoodie", "respect my religion". A longer
    English word that no name list has, and a name that is also a word opening a clause
    ("summer came early", "hope is important"), are left to the rules' stricter cues, where
    the word reading is the usual one, unless the next word says a person. "can jade
    please", "see river again" and "me n tj" stay."""
    covered = text[start:end]
    if " " in covered or not covered.islower():
        return False
    key = fold(covered)
    if is_first_name(key):
        return False
    if is_little_word(key):
        # "more than my savings": a little word is a name in lower case only after "me and"
        # or "told", as the rules have it (it may be on some name list)
        return not _ME_AND_OR_TOLD.search(text[max(0, start - 30) : start])
    if is_word_name(key):
        before = text[:start].rstrip(" \t\"“'‘>*-")
        opening = not before or before[-1] in ".!?\n"
        # ...unless the next word says a person: "grace at the foyer", "bill my foster dad",
        # "iris said" (decision 0030, "Retrained on more data")
        after = re.match(r"[ \t]+([a-z']+)", text[end:])
        return opening and not (after and _says_a_person(text, end, after.group(1))
                                or person_acts_after(text, end, strict=True))
    # A longer dictionary word, or a familiar one ("thin", "push") with no cue for a person
    # before it; a rarer short one may be a name ("said rio can").
    word = len(key) >= 5 and is_english(key) or is_familiar(key) and not strongly_cued(
        text, start)
    # ...unless what follows says who they are ("rain my foster carer", "tyrone here, im 21"):
    # not what they do, as things say and give too ("guidance says") (stop 28)
    return word and not person_acts_after(text, end, acts=False)


# Words that, straight after a name opening a clause, say it is a person's name.
_PERSON_NEXT = frozenset({"at", "said", "says", "told"})
# "my" says so only when it introduces who the person is to the writer: "bill my foster dad",
# "jo my sw". "mark my words" and "will my plan work" keep the word's reading. The model's
# own verdict on such openings differs between machines (the same corpus and seed gave
# "mark" as a name on an AVX2-only machine and not elsewhere), so the rule decides.
_MY_PERSON = re.compile(r"[ \t]+my[ \t]+([a-z']+)(?:[ \t]+([a-z']+))?")


def _says_a_person(text: str, end: int, next_word: str) -> bool:
    """Whether the words after a name-word opening a clause (ending at ``end``) say it names
    a person."""
    if next_word in _PERSON_NEXT:
        return True
    role = _MY_PERSON.match(text, end)
    people = word_list("person_cues") | word_list("kin_titles")
    return role is not None and any(
        word is not None and (word in people or word.removesuffix("s") in people)
        for word in role.groups())


# Words before a place or an organisation written in lower case: "moved to seacroft", "works
# at next", "the willows". Without one, a lower-case dictionary word is the word ("left blank").
_PLACE_BEFORE = frozenset({
    "at", "in", "from", "to", "the", "near", "into", "around", "round", "outside", "inside",
    "towards", "by", "for", "nr", "@"})


def _a_word_not_a_place(text: str, start: int, end: int) -> bool:
    """One lower-case familiar word or misspelling that the model took for a place or an
    organisation, with no "at", "in", "to", "the"... before it ("details left blank")."""
    covered = text[start:end]
    if " " in covered or not covered.islower():
        return False
    key = fold(covered).removesuffix("'s")
    if not (is_familiar(key) or looks_misspelt(key)) or is_place_word(key):
        # a rarer word may be a name the model typed wrongly ("said rio can"), and a listed
        # place is one in a list too ("whitby, york and now selby")
        return False
    before = re.search(r"(\S+)[ \t]+$", text[max(0, start - 20) : start])
    return before is None or before.group(1).lower() not in _PLACE_BEFORE


def _only_misspellings(text: str, start: int, end: int) -> bool:
    """A lower-case find every word of which is a dictionary word or a misspelling of a
    familiar one, at least one misspelt ("relly borin", "nevr"), with no strong cue for a
    person before it ("my mate trev" stays): in a text full of slips, a word no dictionary
    has is no sign of a name."""
    covered = text[start:end]
    if not covered.islower():
        return False
    keys = [fold(word).strip(".,'’!?").removesuffix("'s") for word in covered.split()]
    misspelt = [looks_misspelt(key) for key in keys]
    if not any(misspelt) or not all(m or is_english(k) for m, k in zip(misspelt, keys,
                                                                         strict=True)):
        return False
    return not strongly_cued(text, start)


def _a_modifier(text: str, covered: str, end: int) -> bool:
    """ "the grace period": the fine-tuned model has learnt that "the willows" and "the
    foyer" are homes, and so reads "the grace" as one; an ordinary word straight after it
    says the word only describes a noun."""
    words = covered.split()
    if len(words) != 2 or not covered.islower() or words[0] != "the":
        return False
    after = re.match(r"[ \t]+([a-z']+)", text[end:])
    if after is None:
        return False
    # ...but a verb a name is the subject of says it is one: "the foyer says i can"
    return (after.group(1) not in STOP_WORDS and after.group(1) not in _AFTER_A_NAME
            and is_english(after.group(1)))


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
    if (covered[:1].isupper() and is_word_name(key)
            and _THAT_BEFORE.search(text[max(0, start - 12) : start])):
        # "reports that Sunny is sleeping better": after a verb of saying, "that" opens a
        # clause, and a capitalised name there is its subject, not "that boiler"; a plain
        # word stays one ("says that Housing has not replied") (stop 28)
        return False
    return " " not in key and (is_word_name(key) or is_english(key)) and after_determiner(
        text, start)


_THAT_BEFORE = re.compile(r"(?i)\bthat[ \t]+$")


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
    they are. A lone first name with an "s" ("kareems") is someone's home: the name is a
    person's."""
    last = fold(covered.split()[-1]) if covered.split() else ""
    if entity != "PERSON" and covered == last and last.endswith("s") and is_first_name(
            last.removesuffix("s").removesuffix("'")):
        return "PERSON"  # "stayed at kareems": at Kareem's home, and his name
    first = fold(covered.split()[0]).rstrip(".") if covered.split() else ""
    if entity == "LOCATION" and first in {"st", "saint"} and not is_place_word(fold(covered)):
        return "ORGANIZATION"  # "go st josephs": a saint's name that is no town is a school's
    if entity == "PERSON" and last in _PLACE_ENDS:
        return "LOCATION"
    if entity in {"PERSON", "LOCATION"} and last in _ORGANISATION_ENDS:
        return "ORGANIZATION"
    return entity

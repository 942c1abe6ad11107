"""People's names after cues the language model can miss, and known first names."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.lang.en.stop_words import STOP_WORDS

from ..presidio import NlpArtifacts, RecognizerResult
from ..wordlists import word_list
from .base import RuleRecogniser, WordRecogniser, is_common_word, rule
from .words import (
    Word,
    after_determiner,
    fold,
    is_english,
    is_first_name,
    is_little_word,
    is_not_personal,
    is_unknown,
    is_word_name,
    looks_misspelt,
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
     r"from)[ \t]*:?[ \t]+([A-Z][a-z'’-]+(?:[ \t]+[A-Z][a-z'’-]+)?)", 0.6, 1),
    # dialogue ("Zuzana: ...") and reported speech ("said Maslin to Antonio")
    (r"(?m:^[ \t>]*([A-Z][\w'’-]+)[ \t]*:[ \t]*[\"“])", 0.6, 1),
    (r"\b(?:said|asked|told|shouted|replied|yelled|whispered)(?:[ \t]+at)?[ \t]+"
     r"([A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?)", 0.6, 1),
    (r"\b(?:said|asked|told|shouted|replied)[ \t]+[A-Z][\w'’-]+[ \t]+(?:to|at)[ \t]+"
     r"([A-Z][\w'’-]+)", 0.6, 1),
    # case notes give a child's age in brackets after the name: "Summer Jones (12)", "Will (8)"
    (r"\b([A-Z][a-z'’-]+(?:[ \t]+[A-Z][\w'’-]+)?)[ \t]*\((?:aged[ \t]+)?\d{1,2}(?:[ \t]*"
     r"(?:yrs?|years?(?:[ \t]+old)?))?[,)]", 0.6, 1),
    # case notes mark the child a note is about: "Will (YP) refused", "April (YP) asked"
    (r"\b([A-Z][a-z'’-]+(?:[ \t]+[A-Z][\w'’-]+)?)[ \t]*\((?:YP|CYP|child|young[ \t]+person)\)",
     0.7, 1),
    # who someone is, in brackets after the name: "star (my half sister) is 11"
    (r"(?i)\b([a-z][a-z'’-]+)[ \t]*\((?:my|our|his|her|their)[ \t]+(?:(?:half|step|little|"
     r"big|older|younger|baby|twin|foster|best)[ \t]+)?(?:sister|brother|sis|bro|cousin|"
     r"friend|mate|niece|nephew|son|daughter)\)", 0.6, 1),
    # a nickname in quotes after a full name: 'Gary Lomas ("Gaz")'
    (r"\b[A-Z][a-z'’-]+[ \t]+[A-Z][\w'’-]+[ \t]*\([\"“']([A-Z][a-z'’-]+)[\"”']\)", 0.6, 1),
    # a writer introducing themselves at the start of a message: "Kamala here, care experienced"
    (r"(?m:^[ \t]*([A-Z][a-z'’-]+)[ \t]+here[ \t]*[,.!-])", 0.6, 1),
    # a run of four or more first names: "They had 6: Hleb, Sheila, Donna and Sherry"
    (r"(?<![\w,][ \t])\b((?:[A-Z][a-z'’-]+,[ \t]+){2,}[A-Z][a-z'’-]+,?[ \t]+and[ \t]+"
     r"[A-Z][a-z'’-]+)\b", 0.6, 1),
]




def _check_person(text: str, start: int, end: int, score: float) -> float | None:
    """A cue rule's match counts when its first word can be a name: a known first name, a
    word no dictionary knows, or a capitalised word (then not a little word or a label)."""
    first = text[start:end].split()[0].strip("'’,")
    key = fold(first).removesuffix("'s")
    if key in word_list("form_labels") or is_not_personal(key) or is_not_personal(
            fold(text[start:end])):
        return None  # "Early Help came too late": a service
    if is_little_word(key) and (not first[:1].isupper() or "'" in key or (
            key in STOP_WORDS and not is_word_name(key))):
        return None  # "my carer said no", "my social worker left", "We're told"
    if _labels_a_line(text, start, end, key):
        return None  # "Nurse: ...", "Survey: ...": a heading, not a speaker
    if is_first_name(key) or is_word_name(key) or is_unknown(key):
        return score
    generic = word_list("generic_organisation_words")
    if score >= 0.7 and first[:1].isupper() and key not in generic:
        return score  # "Note: April (YP) asked": the sharpest cues need no name list
    if score >= 0.6 and first[:1].isupper() and key not in generic:
        return score if not is_common_word(key) else None
    return None


def _labels_a_line(text: str, start: int, end: int, key: str) -> bool:
    """A single ordinary word before a colon ("Nurse:", "Survey:") is a heading, and one
    just after a colon opens a sentence ("Youth worker: Great turnout"); a name there is on a
    name list or on none at all."""
    heading = text[end : end + 1] == ":" and " " not in text[start:end].strip()
    opening = text[max(0, start - 3) : start].rstrip(" \t").endswith(":") and not re.match(
        r"[ \t]*\(", text[end:])  # "Foster carer: Will (8)": the age says it is a child
    if heading:
        return is_english(key) and not (is_first_name(key) or is_word_name(key))
    # after a colon the capital only opens the sentence: "Social worker: Duty call..."
    return opening and is_english(key) and not is_first_name(key)


# Cues around a word that make it a name. Before: "me and ___", "Mrs ___", "told ___",
# "my carer ___" (see person_cues.txt). After: "___ said", "___ and me", "___'s mum".
_POSSESSIVES = frozenset({"my", "our", "his", "her", "their", "your", "ma", "me", "mi", "is"})
_STRONG_BEFORE = re.compile(
    r"(?i)(?:\bme[ \t]+(?:and|an|nd|n|&|\+)|\b(?:mr|mrs|ms|miss|mx|dr|sir)\.?|"
    r"\b(?:told|tell|asked|ask|called|named|call(?:s|ed)?[ \t]+(?:her|him)|"
    r"i['’]?m|i[ \t]+am|this[ \t]+is)|\b(?:social|youth|support|key|residential|family)[ \t]+"
    r"worker|\b(?:adviser|advisor|officer|manager|nurse|therapist|mentor|coach|head))"
    r"[ \t]*,?[ \t]+$"
)
# A role and a colon, as notes are headed ("Youth worker: Shay from the hub..."): the next word
# opens a sentence, so it is a name only if no dictionary has it or a person's verb follows
_ROLE_COLON = re.compile(
    r"(?i)\b(?:worker|carer|adviser|advisor|officer|manager|nurse|therapist|mentor|coach|"
    r"iro|sw|pa|keyworker|teacher)[ \t]*:[ \t]*$"
)
_FROM_A_GROUP = re.compile(r"(?i)[ \t]+from[ \t]+(?:the|our|my)\b")
_ME_AND_OR_TOLD = re.compile(
    r"(?i)(?:\bme[ \t]+(?:and|an|nd|n|&|\+)|\b(?:mr|mrs|ms|miss|mx|dr)\.?|\b(?:told|tell|"
    r"asked|ask))[ \t]*,?[ \t]+$"
)
# After an adjective or a participle ("fed up", "sick of"), not after a name
_DESCRIBED = re.compile(r"(?i)[ \t]+(?:up|off|out|of|about|with|by)\b")
_BE = frozenset({"i'm", "im", "am", "is", "was", "are", "were", "be", "feel", "felt", "so",
                 "really", "proper", "get", "got"})
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
    r"house|carer|name|foster|flat|place|room|gaff|cousin|sw|boyfriend|girlfriend)"
    r"|(?:and|n)[ \t]+(?:he|she)\b)"
)
# "sky and me made pancakes": only a person is joined to "me" ("the dog and me" has "the");
# after a comma, "and I" starts a new clause ("my life, and I try")
_AND_ME = re.compile(r"(?i)[ \t]+(?:and|n|&|an|nd)[ \t]+(?:me|i)\b")
_NUMBER_AFTER = re.compile(r"[ \t]*\d")
_IS_AFTER = re.compile(r"(?i)[ \t]+(?:is|was|has|had)\b")


# What a person does, straight after their name at the start of a clause: "kai got a trial
# shift", "rose came to session", "angel said her sw", "hope is the best foster carer". A bare
# singular noun cannot open a clause without "the" or "a" ("the dog got", not "dog got"), so
# a word that may be a name, in that place, before a verb a person does, is one.
_DOES_TO = re.compile(  # what only a person is: "hope is the best foster carer"
    r"(?i)[ \t]+(?:is|was)[ \t]+(?:my|our|the[ \t]+(?:only|best|funniest|worst|nicest|"
    r"kindest)[ \t]+(?:\w+[ \t]+)?(?:staff|worker|carer|girl|boy|person|one|kid|lad|lass|"
    r"teacher|friend|mate|sw))\b"
    # an age ("amir is 16"), a role in apposition ("penny the cleaner", "joy the student
    # social worker"), or where someone is from ("holly from the virtual school")
    r"|[ \t]+(?:is|was|turned|turns)[ \t]+\d{1,2}\b(?![ \t]*(?:%|pm|am|[:.]\d))"
    r"|(?i:[ \t]+the[ \t]+(?:[a-z]+[ \t]+){0,2}(?:cleaner|staff|worker|carer|cook|chef|"
    r"manager|teacher|nurse|keyworker|sw|pa|driver|caretaker|receptionist|volunteer|mentor|"
    r"boss|lady|man|guy|officer|student)\b)"
    r"|(?i:[ \t]+from[ \t]+(?:the|my|our)[ \t]+(?!(?:start|beginning|past|age|day|"
    r"moment|first|off|outside|inside)\b))"
)
_DOES = re.compile(
    r"(?i)[ \t]+(?:said|says|told|tells|asked|asks|texted|rang|messaged|came|comes|got|gets|"
    r"went|goes|made|makes|added|wants|wanted|helped|helps|lives|lived|moved|plays|played|"
    r"gave|gives|took|takes|brought|knows|knew|reckons|cried|laughed|shouted|ran|started|"
    r"facilitated|attended|visited|called|phoned|showed|sorted|drove|picked|picks|"
    r"(?:has|had)[ \t]+(?:asked|been|got|said|moved|left|gone|started|told)|"
    r"(?:is|was)[ \t]+(?:moving|going|coming|staying|getting|leaving|always|never|literally|"
    r"actually|so[ \t]+\w+|my|our|the[ \t]+(?:only|best|funniest|worst|nicest|kindest|one)"
    r"\b))\b"
)
_ACTS = re.compile(
    r"(?i)[ \t]+(?:said|says|told|tells|asked|asks|texted|rang|messaged|came|got|went|made|"
    r"added|wants|wanted|helped|moved|gave|took|brought|cried|laughed|shouted|facilitated|"
    r"attended|visited|phoned|drove|picked|sorted|treats|teaches|taught|snores|lent|"
    r"reported|hugged|nicked|stole|(?:has|had)[ \t]+(?:asked|said|told|moved))\b"
)


def person_acts_after(text: str, end: int, strict: bool = False, acts: bool = True) -> bool:
    """Whether what follows the word ending at ``end`` is what a person does or is: "rio
    said", "Wei has moved", "Mei, who calls herself". With ``strict``, only verbs a thing
    seldom takes ("said", "texted", "took"), not "is my" or "is going", which also follow a
    word ("ruby is my favourite colour"). The model's finds that the heading and lower-case
    checks would drop are kept when this says a person (decision 0030, stop 28). Without
    ``acts``, only who someone is counts, not what they do ("guidance says" is a thing)."""
    if _WHO.match(text, end, end + 10) or _IS_A_ROLE.match(text, end, end + 50):
        return True
    if not acts:
        return False
    if strict:
        return bool(_ONLY_PEOPLE.match(text, end, end + 30))
    return bool(_ACTS.match(text, end, end + 30) or _DOES.match(text, end, end + 50))


# What things and seasons do not do ("summer came early", "river got high"): said, texted...
_ONLY_PEOPLE = re.compile(
    r"(?i)[ \t]+(?:said|says|told|tells|asked|asks|texted|rang|messaged|wants|wanted|helped|"
    r"gave|took|brought|cried|laughed|shouted|attended|visited|phoned|drove|sorted|teaches|"
    r"taught|snores|lent|reported|hugged|nicked|stole|(?:has|had)[ \t]+(?:asked|said|told))\b"
)
# "Mei, who calls herself May": only a person is followed by "who"
_WHO = re.compile(r"(?i),?[ \t]+who\b")
# Who someone is to the writer, or their job: "dale is the manager at", "pearl is my cousin",
# "rain my foster carer", "hamza works at sainsburys" ("ruby is my favourite colour" names
# no role)
_IS_A_ROLE = re.compile(
    r"(?i)[ \t]+(?:(?:(?:is|was|'s)[ \t]+)?(?:my|our|the|his|her|their|ma)[ \t]+"
    r"(?:[a-z]+[ \t]+){0,2}"
    r"(?:manager|instructor|teacher|carer|worker|keyworker|sw|mentor|coach|boss|nurse|cook|"
    r"cleaner|son|daughter|brother|sister|bro|sis|mum|mam|mom|dad|nan|nana|nanna|gran|"
    r"grandad|grandma|cousin|auntie|aunt|uncle|friend|mate|bestie|girlfriend|boyfriend|bf|gf|"
    r"partner|neighbour|stepdad|stepmum|niece|nephew|baby)s?\b"
    r"|works[ \t]+(?:at|in|for)\b"
    # an age ("summer is 8 and"), a writer saying who they are ("tyrone here, im 21"), a
    # nickname ("bear is what everyone calls my brother")
    r"|(?:is|was|turned|turns)[ \t]+\d{1,2}\b(?![ \t]*(?:%|pm|am|[:.]\d))"
    r"|here[ \t]*,|is[ \t]+what[ \t]+(?:[a-z]+[ \t]+){1,3}call(?:s|ed)?\b)"
)


# Words after which a new clause, and so a subject, may begin: conjunctions, chat fillers
# (see text_speak.txt), and verbs of hearing and knowing ("heard big mo is moving").
_CLAUSE_OPENERS = frozenset({
    "and", "but", "so", "because", "when", "why", "how", "if", "then", "heard", "think",
    "reckon", "know", "knew", "bet", "wish", "apparently", "honestly", "also", "plus", "til",
    "till", "until", "since", "while", "whilst", "where", "hope", "please", "coz", "cos",
    "cause", "lol",
})
# Seasons and months read as names only with a sharper cue: "summer came early" is the season.
_SEASONS = frozenset({"summer", "spring", "autumn", "winter", "may", "june", "april",
                      "august"})
_WHEN = frozenset({"in", "this", "last", "next", "over", "during", "the", "until", "since",
                   "by", "of"})
# A greeting opening a line is followed by the name of the person greeted: "yo dev", "hi grace"
_LINE_GREETING = re.compile(
    r"(?i)[ \t>]*(?:hi|hiya|hey|heya|yo|oi|alright|morning|evening|dear|wagwan|sup)[ \t]*,?"
    r"[ \t]+"
)


def _cued(text: str, words: tuple[Word, ...], index: int, acts: bool = True
          ) -> tuple[bool, bool]:
    """(a strong cue is near, any cue is near) for ``words[index]``; without ``acts``, a
    verb after the word ("nevr listend") is no cue."""
    word = words[index]
    before = text[max(0, word.start - 30) : word.start]
    # a name that is a word needs a sharper verb: "life is going well" is about life
    verbs = _DOES_TO if is_word_name(word.key) and (word.opens or not word.capital) else _DOES
    does = acts and _clause_start(text, words, index) and word.key not in _SEASONS and bool(
        verbs.match(text, word.end, word.end + 50) or _ACTS.match(text, word.end, word.end + 30))
    strong = (bool(_STRONG_BEFORE.search(before)) or _relation_before(words, index)
              or bool(_AND_ME.match(text, word.end))
              or _greeted(text, word) or _signs_off(text, words, index) or does
              or bool(_ITS.search(before)) and bool(_HERE_OR_FROM.match(text, word.end))
              or bool(_ROLE_COLON.search(before)) and (
                  not is_english(word.key) or bool(_FROM_A_GROUP.match(text, word.end))))
    if strong:
        return True, True
    after = text[word.end : word.end + 30]
    weak = bool(_WEAK_BEFORE.search(before)) or bool(_AFTER.match(after))
    return False, weak


def _clause_start(text: str, words: tuple[Word, ...], index: int) -> bool:
    """Whether ``words[index]`` may be the subject of a new clause: it opens a sentence or a
    line, or follows a comma, a conjunction, a chat filler or "heard"; "big mo" and "lil t"
    count as one word."""
    word = words[index]
    if word.opens or index == 0:
        return True
    previous = words[index - 1]
    if previous.key in {"big", "lil", "little"}:
        return _clause_start(text, words, index - 1)
    return ("," in text[previous.end : word.start] or previous.key in _CLAUSE_OPENERS
            or previous.key in word_list("text_speak"))


def _greeted(text: str, word: Word) -> bool:
    line_start = text.rfind("\n", 0, word.start) + 1
    return word.start - line_start <= 20 and bool(
        _LINE_GREETING.fullmatch(text, line_start, word.start))


def _signs_off(text: str, words: tuple[Word, ...], index: int) -> bool:
    """The last word of a message after a comma, a dash or a line break, with perhaps a kiss
    after it (", jess", "- dev x"): its writer's name."""
    last = len(words) - 1
    if index == 0 or index < last and not (index + 1 == last and _KISSES.fullmatch(
            words[last].key)):
        return False
    if not re.search(r"[,\n–-]", text[words[index - 1].end : words[index].start]):
        return False
    return not re.search(r"\w", _KISSES.sub("", text[words[index].end :]))


_KISSES = re.compile(r"\bx+\b")


def _relation_before(words: tuple[Word, ...], index: int) -> bool:
    """"my carer ___", "ma mate ___", "our foster carer ___", "Nan ___", "auntie ___"."""
    if index == 0:
        return False
    previous = words[index - 1]
    if previous.text.endswith(("'s", "’s")):
        return False  # "my son's life": the son's, not the son called
    if previous.key in word_list("kin_titles"):
        # "Big Kev", but "a big day", "my little brother"
        return not (previous.key in {"big", "lil", "little", "baby"} and index > 1
                    and words[index - 2].key in _BEFORE_SIZE)
    cues = word_list("person_cues")
    key = previous.key
    if key not in cues and key.removesuffix("s") not in cues:  # "my carers ___"
        return False
    nearby = {w.key for w in words[max(0, index - 5) : index - 1]}
    return bool(nearby & _POSSESSIVES) or key in {"sw", "iro", "pa", "keyworker"}


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
    if key in _SEASONS and index > 0 and words[index - 1].key in _WHEN:
        return None  # "in Summer", "last May"
    if not word.capital and is_little_word(key):
        # "will", "said", "ever" are names on some list, but in lower case only "me and
        # will" or "told will" makes them one ("my social worker said" is a verb)
        before = text[max(0, word.start - 30) : word.start]
        return 0.5 if _ME_AND_OR_TOLD.search(before) else None
    if (word_name and not word.capital and index > 0 and words[index - 1].key in _BE
            and _DESCRIBED.match(text, word.end)):
        return None  # "I'm fed up", "she is sick of it"
    strong, weak = _cued(text, words, index)
    if unknown and not strong and not word.capital and looks_misspelt(key):
        return None  # "evry", "nevr": a slip of the keyboard, not a name, unless a cue says so
    if unknown and not strong and _clause_start(text, words, index) and _IS_AFTER.match(
            text, word.end):
        strong = True  # "rojda is kurdish": no dictionary's word, as a clause's subject
    if _country_name(key):
        return 0.5 if strong else None  # "told jordan", but "from Jordan" is the country
    if strong or (unknown and weak) or (weak and word.capital and not word.opens):
        return 0.5
    if word.capital and (unknown or not word.opens):
        return 0.4  # a capitalised word no dictionary knows: a name, or a place
    if word_name and weak and word.capital:
        return 0.4
    return None


def strongly_cued(text: str, start: int) -> bool:
    """Whether a strong cue for a person's name comes just before the word at ``start``
    ("my mate ___", "told ___", "nan ___"): what the model's finds are checked against. What
    follows is not asked: after a misspelling, the next word is often misspelt too."""
    words = words_of(text)
    for index, word in enumerate(words):
        if word.start == start:
            return _cued(text, words, index, acts=False)[0]
    return False


def _country_name(key: str) -> bool:
    """A name that is also a country's ("jordan", "india"): a person only after a strong cue."""
    return key in word_list("countries") and is_word_name(key)


def _english_name_score(text: str, words: tuple[Word, ...], index: int) -> float | None:
    """An English word written as a name in the middle of a sentence, with a strong cue:
    "my husband Des", "Having Mo as my mentor"."""
    word = words[index]
    generic = word_list("generic_organisation_words")
    if not word.capital and _short_name(text, words, index):
        return 0.45  # "tell gaz to fix it", "auntie jo", "its mo from the hub"
    if (not word.capital or word.opens or is_little_word(word.key) or word.key in generic
            or fold(word.text) in generic):
        return None  # "I've never", "We're told", "Dear Children's Services"
    strong, _ = _cued(text, words, index)
    return 0.45 if strong or _AFTER.match(text[word.end : word.end + 40]) else None


_ITS = re.compile(r"(?i)\b(?:it['’]?s|its|it[ \t]+is)[ \t]+$")
_OBJECT_AFTER = re.compile(
    r"(?i)[ \t]+(?:me|us|him|her|them|it|my|the|a|an|this|that|down|up|off|out|right|there|"
    r"in|on|with)\b|[ \t]+(?-i:[A-Z])")
_HERE_OR_FROM = re.compile(r"(?i)[ \t]+(?:from|here|again)\b")


def _short_name(text: str, words: tuple[Word, ...], index: int) -> bool:
    """A short nickname that a dictionary also lists ("gaz", "mo", "jo", "dev"), in lower case,
    where only a person can be: "me and ___", "tell ___", "auntie ___", "my mate ___", "yo
    ___", "its ___ from the hub". Cues that an adjective or a verb can follow ("i'm ___",
    "called ___", "my carer ___") do not count: "i'm mad", "it's called art", "my carer sat"."""
    word = words[index]
    key = word.key
    if (not 2 <= len(key) <= 3 or not key.isalpha() or is_little_word(key)
            or key in _NOT_NICKNAMES or key in word_list("person_cues")
            or is_not_personal(key) or _NUMBER_AFTER.match(text, word.end)
            or _OBJECT_AFTER.match(text, word.end)):
        return False  # "nan let me", "carer sat right there": a verb
    before = text[max(0, word.start - 30) : word.start]
    kin = index > 0 and words[index - 1].key in word_list("kin_titles")
    return (bool(_ME_AND_OR_TOLD.search(before)) or kin or _greeted(text, word)
            or bool(_ITS.search(before)) and bool(_HERE_OR_FROM.match(text, word.end)))


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


# Short words after "big" or "lil" that are not nicknames: "big man", "lil bit", "big deal".
_NOT_NICKNAMES = frozenset({
    "man", "boy", "guy", "lad", "kid", "one", "day", "bit", "lot", "fan", "car", "cat", "dog",
    "bag", "tv", "van", "bus", "job", "way", "deal", "mad", "sad", "fat", "hug", "red", "win",
    "ask", "bed", "gap", "fun", "end", "age", "yr", "yrs", "mum", "dad", "sis", "bro", "nan",
})
_BEFORE_SIZE = frozenset({
    "a", "an", "the", "my", "our", "your", "his", "her", "their", "this", "that", "so", "too",
    "very", "such", "is", "was", "be", "are", "were", "really", "proper", "well", "quite",
})


def _nickname(text: str, words: tuple[Word, ...], index: int) -> bool:
    """"big mo", "lil t", "Big J": a short word after "big" or "lil" that starts no noun
    phrase ("a big man", "my lil bro", "big deal")."""
    if index == 0 or words[index - 1].key not in {"big", "lil"}:
        return False
    word = words[index]
    if (len(word.key) > 3 or not word.key.isalpha() or is_little_word(word.key)
            or word.key in _NOT_NICKNAMES or word.key in word_list("person_cues")
            or not _adjacent(text, words[index - 1], word)):
        return False
    return index < 2 or words[index - 2].key not in _BEFORE_SIZE


# What a child's friend has, written as a possessive without its apostrophe ("deans mum")
_POSSESSED = frozenset({"mum", "mam", "dad", "nan", "nans", "sw", "brother", "sister",
                        "house", "flat", "carer", "carers", "boyfriend", "girlfriend",
                        "cousin", "auntie", "uncle", "gaff", "place"})
_STAYED_AT = frozenset({"at", "to"})


def _possessive_name(text: str, words: tuple[Word, ...], index: int) -> bool:
    """A name with a possessive "s" and no apostrophe, as teenagers type: "deans mum",
    "shanices mum let me stay", "sofa surfed at jamals for months". The word less its "s" is a
    first name, and a family word or a home follows it, or "at" comes before and no noun after."""
    word = words[index]
    key = word.key
    if len(key) < 4 or key[-1] != "s" or "'" in key or after_determiner(text, word.start):
        return False
    stem = key[:-1]
    if not (is_first_name(stem) or is_word_name(stem) and not is_little_word(stem)):
        return False
    following = words[index + 1] if index + 1 < len(words) else None
    if following is not None and following.key in _POSSESSED and _adjacent(
            text, word, following):
        return True
    return (is_first_name(stem) and index > 0 and words[index - 1].key in _STAYED_AT
            and (following is None or following.key in STOP_WORDS))


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
            if index + 1 < len(words) and is_not_personal(f"{word.key} {words[index + 1].key}"):
                continue  # "Early Help", "Leaving Care": a service
            score = _name_score(text, words, index)
            if score is None and _possessive_name(text, words, index):
                score = 0.5
            if score is not None:
                start, end = _span_of(text, words, index)
                if end > word.end and word.capital and not is_english(word.key):
                    score = max(score, 0.5)  # "Kiran Sandhu": a first name and a surname
                yield start, end, score
            elif _nickname(text, words, index):
                yield words[index - 1].start, word.end, 0.5

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
            if (right.start not in starts and left.end not in ends
                    and _pair_of_names(text, words, index)):
                extra += [r for r in (self._result(text, w.start, w.end, 0.45, checked=False)
                                      for w in (left, right)) if r is not None]
                continue
            other = left if right.start in starts else right if left.end in ends else None
            if other is None or other.start in starts or other.end in ends:
                continue
            if other.key in STOP_WORDS or is_not_personal(other.key):
                continue
            if not other.capital and looks_misspelt(other.key):
                continue  # "we had a meetin and evryone": misspellings, joined
            if (other.capital or (name_like(other) and not is_english(other.key))
                    or _could_be_joined_name(text, other)):
                result = self._result(text, other.start, other.end, 0.45, checked=False)
                if result is not None:
                    extra.append(result)
        return extra


_TOGETHER_AFTER = re.compile(
    r"(?i)[ \t]+(?:are|r|were|both|have|got|came|went|said|didn'?t|did|don'?t|never|always|"
    r"from[ \t]+(?:the|my|our))\b")
# Words after which two joined names are people's: "my foster carers are bill and ivy",
# "a bike from carol n ken"
_PAIR_AFTER = frozenset({"are", "were", "from", "with", "by", "called", "named", "me"})


def _pair_of_names(text: str, words: tuple[Word, ...], index: int) -> bool:
    """"summer n dawn from the home are twins", "rose and jack came": two names that are
    words, joined, at the start of a clause, before what people do."""
    left, right = words[index], words[index + 2]
    return (all(is_word_name(w.key) or is_first_name(w.key) for w in (left, right))
            and not any(is_little_word(w.key) for w in (left, right))
            and (_clause_start(text, words, index) and bool(_TOGETHER_AFTER.match(
                text, right.end)) or index > 0 and words[index - 1].key in _PAIR_AFTER
                and not any(w.key in _SEASONS for w in (left, right))))


def _could_be_joined_name(text: str, word: Word) -> bool:
    """Next to a name and "and", a name that is a word ("pat and dave", "aaliyah and
    precious") or a short nickname a dictionary also lists ("mo and ibby") is a name too."""
    key = word.key
    if is_little_word(key) or key in word_list("person_cues") or after_determiner(
            text, word.start):
        return False
    return is_word_name(key) or (len(key) <= 3 and key.isalpha()
                                 and key not in _NOT_NICKNAMES)


def person_cue_recogniser() -> RuleRecogniser:
    return _PersonRecogniser(
        "PERSON", [rule(pattern, score, group) for pattern, score, group in _PERSON_RULES],
        context=["name", "called"], check=_check_person,
    )

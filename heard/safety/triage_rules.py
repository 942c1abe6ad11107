"""The rule signal of safeguarding triage: lexicon phrases judged in their sentence.

Lexicons (one file a category in `heard/safety/lexicons/`) say which phrases may show risk;
the context rules here decide what each match means in its sentence: negation ("I have never
been hit"), tense ("when I was little" lowers immediate to concern), reported speech and
guesses ("my friend said"), jokes for threats, and risk words that are the topic of a lesson
or policy ("the training on self-harm was useful"). Reviewers see exactly which phrases fired
and why.

Rules are precise on wording they know and blind to wording they do not: on text written
independently of them they found about half the risk. So they are one signal of two;
`triage.classify` combines them with the semantic model in `triage_model`.

The design prefers recall: when the context is ambiguous the higher level is kept. Pure
standard library; no Django imports.
"""

from __future__ import annotations

import re

from .triage_lexicons import Category, load_lexicons
from .triage_result import CONCERN, IMMEDIATE, NONE, RANK, RULE, TriageResult, Trigger, highest

CATEGORIES: tuple[Category, ...] = load_lexicons()

# --- Context cues: grammar, not vocabulary, so they stay in code -------------------

# Negation words. "can't stop", "not even", "not sure" and the like are not negations of
# what follows ("I can't stop cutting" is a disclosure), so they are excluded.
_NEGATION = re.compile(
    r"(?:\b(?:not|never|nobody|no ?one|noone|nothing|nor)\b|n't\b|"
    r"\b(?:dont|didnt|doesnt|havent|hasnt|hadnt|isnt|wasnt|arent|werent|cant|cannot|wont|"
    r"wouldnt|aint)\b)(?!\s+(?:stop|help|wait|even|only|just|sure|know|tell|believe))",
    re.IGNORECASE,
)
# A negation reaches at most three words forward and stops at punctuation, a
# conjunction or a new subject: "I can't tell anyone he hits me" is not negated.
_NEGATION_REACH = 3
# A negated phrase with "any more" is a past disclosure, not a denial.
_NO_LONGER = re.compile(r"\b(?:anymore|any more|no longer)\b", re.IGNORECASE)
_CONDITIONAL = re.compile(r"\b(?:if|unless)\s+\w+\s+\w*$", re.IGNORECASE)
_SCOPE_BREAK = re.compile(
    r"[,;:()\-\u2013\u2014]|\b(?:but|because|cos|coz|cuz|so|though|although|until|unless|"
    r"if|when|then|he|she|they|i|we|you|my|his|her|their|someone|somebody|mum|mam|dad)\b",
    re.IGNORECASE,
)

# Words that place a sentence in the past: "when I was little", "used to", "years ago".
_PAST = re.compile(
    r"\b(?:(?:when|wen) (?:i|she|he|we|they) (?:was|were)|used (?:to|2)|use (?:to|2)|"
    r"years? ago|months ago|"
    r"a long time ago|ages ago|as a (?:child|kid|baby|toddler|teenager)|growing up|"
    r"in the past|back then|historic(?:al)?|previous(?:ly)?|former|"
    r"(?:my|our|his|her|their|the) (?:old|last|previous|former) (?:placement|foster|carers?|"
    r"home|school|house|children'?s home|boyfriend|partner)|"
    r"last (?:year|summer|winter|spring|autumn|month)|"
    r"before (?:i|she|he|they|we) (?:came|went|moved|was|were)|"
    r"at (?:age )?(?:[4-9]|1[0-7])(?! ?(?:o'?clock|pm|am|:))|"
    r"scars?|before\s*[.!?]*$)",
    re.IGNORECASE,
)
# Words that say the harm has stopped. They count as past, and they stop a bare "now"
# ("I'm safe now") from being read as the harm happening now.
_RESOLVED = re.compile(
    r"\b(?:(?:i'?m|i am|we'?re|we are|she'?s|he'?s|they'?re) (?:safe|settled|fine|okay|ok|"
    r"better|managing|coping|doing (?:well|ok|okay|better|fine))|"
    r"(?:i|she|he|we|they)(?:'ve| have)? (?:stopped|got help|got out|had support)|"
    r"(?:in|to) prison|(?:left|away from) (?:him|her|them)|no longer|things are better)\b",
    re.IGNORECASE,
)
# Words that place a sentence now or soon: these keep (or restore) the immediate level.
_PRESENT = re.compile(
    r"\b(?:right now|at the moment|atm|currently|tonight|today|tomorrow|"
    r"this (?:morning|afternoon|evening|week|weekend|holiday|summer|friday|saturday|sunday|"
    r"monday|tuesday|wednesday|thursday)|on (?:friday|saturday|sunday|monday|tuesday|"
    r"wednesday|thursday)|last night|yesterday|again|"
    r"still(?! (?:can'?t|cannot|worry|worries|think|thinks|feel|feels|affects?|struggle\w*|"
    r"remember|have nightmares|get flashbacks|miss|upset|hurts?|scared|scares|nervous|"
    r"anxious|frightened|afraid|trust))|keeps?|keeping|lately|recently|"
    r"these days|anymore|any more|since i (?:moved|came|got)|"
    r"an? (?:hour|minute|few minutes|couple of hours)s? ago|\d+ (?:minutes?|hours?|days?) ago|"
    r"soon|next (?:week|time|month)|getting worse)\b",
    re.IGNORECASE,
)
_NOW = re.compile(r"(?<!until )(?<!till )(?<!up to )\bnow\b(?! that)", re.IGNORECASE)
# Present-tense or future verbs next to the phrase ("he hits", "is hitting", "he'll").
_PRESENT_VERB = re.compile(
    r"\b(?:hits|batters|beats|punches|slaps|kicks|belts|smacks|hurts|touches|chokes|"
    r"strangles|grabs|pins|locks|starves|makes|keeps?|sells|sends|wants|gives|goes|comes|"
    r"abuses|feeds|leaves|is|am|are|being|will|would|gonna|going to|wanna|"
    r"he's|she's|they're|there's|it's|i'm|who's)\b|'(?:m|re|ll)\b",
    re.IGNORECASE,
)
_VERB_WINDOW = 30  # characters before the phrase searched for a present-tense verb

# Someone else's account ("my friend said", "she told me") or a guess ("might be").
_REPORTED = re.compile(
    r"\b(?:said|says|say|saying|told (?:me|us)|tells (?:me|us)|telling (?:me|us)|disclosed|"
    r"reported|mentioned|mentioning|might be|may be|maybe|i think (?:she|he|they)|"
    r"not sure|possibly)\b",
    re.IGNORECASE,
)
_SUBJECT_WORDS = 3  # words before a phrase searched for its subject ("I", "me")
_FIRST_PERSON = re.compile(r"\b(?:i|me|my|myself|my self|us|we|our)\b|i'm", re.IGNORECASE)

# "gonna kill my brother if he eats my chocolate 😂": laughter marks a figure of speech for
# threats only. It never lowers self-harm or suicide ("i wanna die lol" is still serious).
_JOKE = re.compile(r"😂|🤣|😅|😆|\b(?:lol|lmao|lmfao|haha\w*|jk)\b", re.IGNORECASE)
_NOT_JOKING = re.compile(r"\bnot (?:even )?joking\b|\bno joke\b|\bnot a joke\b", re.IGNORECASE)

# A risk word used as the subject of training, a lesson or a policy is not a disclosure:
# "the training on self-harm was useful". Only noun-like terms can be topics; first-person
# phrases such as "cut myself" are never treated as a topic.
_TOPIC_TERM = re.compile(
    r"(?:self[- ]?harm\w*|suicid\w*|over ?dose|grooming|county lines?|forced marriage|fgm|"
    r"female genital \w+|exploitation|exploited|abuse|abusive|sexual abuse|violence|"
    r"sent pics|sending pics|send pics|trafficking|a gang|the gang|gang|bullying|depression|"
    r"anxiety|homeless|nappy|needles|dealers|neglected)",
    re.IGNORECASE,
)
_TOPIC_BEFORE = re.compile(
    r"\b(?:training|session|workshop|course|talk|lesson|documentary|coursework|project|"
    r"policy|module|leaflet|awareness|recognis\w*|recogniz\w*|spot(?:ting)?|signs of|"
    r"research|assembly|film|book|article|presentation|webinar|conference|seminar|guidance|"
    r"procedures?|explain\w*|learn\w*|taught)\b",
    re.IGNORECASE,
)
_TOPIC_AFTER = re.compile(
    r"\s*(?:awareness|training|prevention|policy|risk|team|workshop|session|course|lesson|"
    r"services?|charity|leaflet|procedures?|assessment)\b",
    re.IGNORECASE,
)
_TOPIC_REACH_WORDS = 8

# HTML is stripped without changing character positions, so trigger spans still point
# into the text the reviewer sees. Block tags become a line break (a sentence boundary).
_TAG = re.compile(r"<[^<>]{0,500}>")
_BLOCK_TAG = re.compile(r"</?(?:p|br|div|li|ul|ol|h\d|tr|td|table|section)\b", re.IGNORECASE)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_SENTENCE_MARKS = (".", "!", "?", "\n")


# --- Matching -------------------------------------------------------------------------


def rule_triggers(text: str) -> list[Trigger]:
    """Every phrase that counts, judged in its sentence, without overlaps, in text order."""
    clean = normalise(text)
    padded = " " + lower_same_length(clean)  # the space lets a phrase start the text
    candidates: list[Trigger] = []
    for category in CATEGORIES:
        for match in category.pattern.finditer(padded):
            # In `padded`, the phrase starts one after the match (the leading non-word
            # character); the extra space in front shifts that back to `clean`'s index.
            start, end = match.start(), match.end() - 1
            trigger = _judge(category, text, clean, start, end)
            if trigger is not None:
                candidates.append(trigger)
    return _without_overlaps(candidates)


def classify_rules(text: str) -> TriageResult:
    """The rules alone (the triage Heard had before the semantic model). Never raises."""
    if not isinstance(text, str) or not text.strip():
        return TriageResult(NONE, [])
    triggers = rule_triggers(text)
    return TriageResult(highest([t.level for t in triggers]), triggers)


def normalise(text: str) -> str:
    """Same-length copy of the text with HTML tags blanked and apostrophes unified."""
    clean = text.translate(_APOSTROPHES)
    return _TAG.sub(_blank_tag, clean)


def lower_same_length(text: str) -> str:
    """Lowercase without changing length (a few characters, like "İ", lengthen)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)


def _blank_tag(match: re.Match[str]) -> str:
    tag = match.group()
    first = "\n" if _BLOCK_TAG.match(tag) else " "
    return first + " " * (len(tag) - 1)


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end of the sentence holding text[start:end].

    Only sentences with a match are ever needed, so this looks outwards from the match
    with str.rfind and str.find (fast, in C) rather than splitting the whole text.
    """
    before = max(text.rfind(mark, 0, start) for mark in _SENTENCE_MARKS) + 1
    after = [i for i in (text.find(mark, end) for mark in _SENTENCE_MARKS) if i >= 0]
    return before, min(after, default=len(text))


def _judge(category: Category, original: str, clean: str, start: int, end: int) -> Trigger | None:
    """Decide the level of one matched phrase from its sentence; None if it doesn't count."""
    phrase = clean[start:end]
    sentence = _sentence_around(clean, start, end)
    sentence_text = clean[sentence[0] : sentence[1]]
    if _is_topic(phrase, clean, start, end, sentence[0]):
        return None
    past = _is_past(sentence_text)
    present = _is_present(sentence_text, clean[max(sentence[0], start - _VERB_WINDOW) : end])
    if _is_negated(clean, sentence[0], start):
        if not _NO_LONGER.search(sentence_text):
            return None
        past, present = True, False  # "I don't self harm any more": a past disclosure
    level, in_past = category.level, past and not present
    second_hand = _is_second_hand(sentence_text, clean[sentence[0] : start], phrase)
    if level == IMMEDIATE:
        level = _lower_immediate(category, sentence_text, in_past, present, second_hand)
    reason = category.past_reason if in_past else category.now_reason
    if second_hand:
        reason += " (reported by someone else, or a guess)"
    return Trigger(original[start:end], start, end, level, reason, RULE, category.name)


def _lower_immediate(
    category: Category, sentence: str, in_past: bool, present: bool, second_hand: bool
) -> str:
    """Immediate unless the context clearly says past, second-hand, or a joke."""
    if in_past:
        return CONCERN
    if second_hand and not present:
        return CONCERN
    if category.name == "threat" and _JOKE.search(sentence) and not _NOT_JOKING.search(sentence):
        return CONCERN
    return IMMEDIATE


def _is_second_hand(sentence: str, before: str, phrase: str) -> bool:
    """Someone else's account or a guess, not about the writer.

    "My friend said her dad hits her" is second-hand; "Dad says if I don't marry who he
    picks" is not, because the writer ("I") is the subject just before the phrase.
    """
    if not _REPORTED.search(sentence):
        return False
    reports = list(_REPORTED.finditer(before))
    if reports:  # the "me" in "told me" is the listener, not the subject
        before = before[reports[-1].end() :]
    nearby = " ".join(before.split()[-_SUBJECT_WORDS:])
    return not (_FIRST_PERSON.search(phrase) or _FIRST_PERSON.search(nearby))


def _is_past(sentence: str) -> bool:
    return bool(_PAST.search(sentence) or _RESOLVED.search(sentence))


def _is_present(sentence: str, near_phrase: str) -> bool:
    if _PRESENT.search(sentence) or _PRESENT_VERB.search(near_phrase):
        return True
    return bool(_NOW.search(sentence)) and not _RESOLVED.search(sentence)


def _is_negated(clean: str, sentence_start: int, start: int) -> bool:
    """True when a negation word governs the phrase ("I have never been hit")."""
    before = clean[max(sentence_start, start - 80) : start]
    negations = list(_NEGATION.finditer(before))
    if not negations:
        return False
    if _CONDITIONAL.search(before, 0, negations[-1].start()):
        return False  # "if I don't send more" states a condition, not a denial
    gap = before[negations[-1].end() :]
    return not _SCOPE_BREAK.search(gap) and len(gap.split()) <= _NEGATION_REACH


def _is_topic(phrase: str, clean: str, start: int, end: int, sentence_start: int) -> bool:
    """True when a risk term is the subject of training, a lesson or a policy."""
    if not _TOPIC_TERM.fullmatch(phrase.strip()):
        return False
    if _TOPIC_AFTER.match(clean, end):
        return True
    words_before = clean[sentence_start:start].split()[-_TOPIC_REACH_WORDS:]
    return bool(_TOPIC_BEFORE.search(" ".join(words_before)))


def _without_overlaps(candidates: list[Trigger]) -> list[Trigger]:
    """Keep the highest-level, longest phrase where matches overlap; order by position."""
    ranked = sorted(candidates, key=lambda t: (-RANK[t.level], t.start - t.end, t.start))
    kept: list[Trigger] = []
    for trigger in ranked:
        if all(trigger.end <= k.start or trigger.start >= k.end for k in kept):
            kept.append(trigger)
    return sorted(kept, key=lambda t: t.start)


# The context patterns by name: the semantic model (`triage_features`) uses them as plain
# yes/no facts about a window, so it can learn how tense, negation and reported speech change
# what words mean.
CONTEXT_CUES: dict[str, re.Pattern[str]] = {
    "past": _PAST, "resolved": _RESOLVED, "present": _PRESENT, "now": _NOW,
    "present_verb": _PRESENT_VERB, "negation": _NEGATION, "reported": _REPORTED,
    "first_person": _FIRST_PERSON, "joke": _JOKE, "topic": _TOPIC_BEFORE,
}

"""Safeguarding triage: flag contributions that may need a person to act.

Every contribution is classified on arrival as:

* ``immediate`` - a child or young person may be unsafe now: current abuse or neglect,
  self-harm or suicidal intent, or a threat to someone.
* ``concern`` - past abuse disclosed, distress, or a worry about someone else.
* ``none`` - nothing that needs a safeguarding look.

This is a deliberately simple, transparent rule-based classifier: small lexicons of
regular expressions grouped by category, plus context rules for negation ("I have never
been hit"), tense ("when I was little" lowers immediate to concern) and reported speech.
Reviewers see exactly which phrases fired and why, which matters more here than a few
points of accuracy from an opaque model.

The design prefers recall: a missed disclosure is far worse than a false alarm, so when
the context is ambiguous the higher level is kept. The function never raises, whatever
the input (HTML, emoji, mixed scripts, very long text), because it runs on every
contribution as it arrives.

Pure standard library; no Django imports.
"""

from __future__ import annotations

import re
import re._parser as _sre_parser  # private but stable since 3.11; only used to speed up
from dataclasses import dataclass, field

IMMEDIATE = "immediate"
CONCERN = "concern"
NONE = "none"
LEVELS: tuple[str, ...] = (NONE, CONCERN, IMMEDIATE)
_RANK = {level: rank for rank, level in enumerate(LEVELS)}


@dataclass(frozen=True)
class Trigger:
    """One phrase that raised the level, with where it is and why it matters."""

    phrase: str
    start: int
    end: int
    level: str
    reason: str


@dataclass
class TriageResult:
    """The overall level (the highest of the triggers) and the triggers themselves."""

    level: str
    triggers: list[Trigger] = field(default_factory=list)


@dataclass(frozen=True)
class _Category:
    name: str
    level: str  # the level when nothing in the context lowers it
    now_reason: str
    past_reason: str
    pattern: re.Pattern[str]


def _compile(fragments: tuple[str, ...]) -> re.Pattern[str]:
    """Join lowercase lexicon fragments into one word-bounded regex.

    A plain space in a fragment means "any run of whitespace", so phrases still match
    across line breaks and the spaces left behind by stripped HTML tags.

    The regex is run on a lowercased copy of the text with one space in front, and
    starts with the non-word character before the phrase. That leading character class
    lets Python's regex engine skip through the middle of words in C instead of trying
    every alternative at every character: about five times faster than a leading
    lookbehind with IGNORECASE, which is what keeps triage near 1-2 ms for 300 words.
    """
    buckets: dict[str, list[str]] = {}
    for fragment in fragments:
        regex = fragment.replace(" ?", r"\s*").replace(" ", r"\s+")
        for first in _first_chars(regex) or {""}:
            buckets.setdefault(first, []).append(regex)
    # One lookahead per possible first character, so each word start tries a handful of
    # alternatives rather than all of them. Fragments whose first character could not be
    # worked out ("" bucket) are tried everywhere, so the dispatch can only cost speed.
    body = "|".join(
        (f"(?={re.escape(first)})" if first else "") + "(?:" + "|".join(regexes) + ")"
        for first, regexes in sorted(buckets.items())
    )
    return re.compile(rf"\W(?:{body})(?!\w)")


def _first_chars(regex: str) -> set[str] | None:
    """The characters a match of `regex` can start with, or None if unknown."""
    try:
        chars, optional = _first_of_sequence(list(_sre_parser.parse(regex)))
    except Exception:  # noqa: BLE001 - private parser API: any surprise means "unknown"
        return None
    return None if optional else chars


def _first_of_item(op: object, av: object) -> tuple[set[str] | None, bool]:
    """(first characters, can match empty) for one parsed regex item."""
    name = str(op)
    if name == "LITERAL":
        return {chr(av)}, False  # type: ignore[arg-type]
    if name in {"AT", "ASSERT", "ASSERT_NOT"}:
        return set(), True  # zero width: look at what follows
    if name == "SUBPATTERN":
        return _first_of_sequence(list(av[-1]))  # type: ignore[index]
    if name in {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}:
        chars, optional = _first_of_sequence(list(av[2]))  # type: ignore[index]
        return chars, optional or av[0] == 0  # type: ignore[index]
    if name == "BRANCH":
        results = [_first_of_sequence(list(b)) for b in av[1]]  # type: ignore[index]
        if any(chars is None for chars, _ in results):
            return None, False
        union: set[str] = set().union(*(chars or set() for chars, _ in results))
        return union, any(optional for _, optional in results)
    if name == "IN":
        return _first_of_set(av), False  # type: ignore[arg-type]
    return None, False


def _first_of_set(items: list) -> set[str] | None:
    """Characters in a parsed [...] set of literals and small ranges; None if other."""
    chars: set[str] = set()
    for op, av in items:
        if str(op) == "LITERAL":
            chars.add(chr(av))
        elif str(op) == "RANGE" and av[1] - av[0] < 64:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None
    return chars


def _first_of_sequence(items: list) -> tuple[set[str] | None, bool]:
    """(first characters, can match empty) for a parsed sequence; None chars = any."""
    found: set[str] = set()
    for op, av in items:
        chars, optional = _first_of_item(op, av)
        if chars is None:
            return None, False
        found |= chars
        if not optional:
            return found, False
    return found, True


# --- Lexicons ------------------------------------------------------------------------
# Each tuple is a small list of regex fragments. They are kept readable on purpose: staff
# and reviewers should be able to see why something was flagged and suggest additions.
# Common UK youth slang and misspellings sit next to the standard forms.

# Wanting to die or to end one's life, including slang ("kms", "unalive") and the
# indirect ways young people say it ("don't want to be here", "better off without me").
_SUICIDE = (
    r"kms",
    r"kill(?:ing|ed)? (?:my ?|him|her|them)sel(?:f|ves)",
    r"unaliv(?:e|ing)(?: my ?self)?",
    r"su?[iu]?c[iy]?d(?:e|al|el)",  # suicide, suicidal, sucidal, suicidel
    r"suicid\w*",
    r"(?:want|wants|wanted|wanna|wish|wishing) (?:to )?(?:die|be dead)",
    r"(?:want|wants|wanna) to disappear",
    r"wish (?:i was|i were|i'?d be|i'?d never been) (?:dead|born|gone|not here)",
    r"wish i (?:was|were) never born",
    r"do something stupid",
    r"medicine cabinet",
    r"(?:take|took|taking|swallow\w*) (?:everything|all of it|the lot|"
    r"the whole (?:box|packet|bottle))",
    r"end(?:ing)? (?:it all|my life|his life|her life|it tonight|things)",
    r"(?:end|ending) it",
    r"(?:don'?t|dont|do not|doesn'?t) (?:want|wanna) (?:to )?(?:be here|be alive|live|exist)",
    r"better off (?:without me|dead|if i (?:wasn'?t|was not) here)",
    r"(?:never|not) (?:wake|waking) up",
    r"jump(?:ing)? (?:off|in front of|from)",
    r"(?:going to|gonna) jump",
    r"hang(?:ing)? my ?self",
    r"(?:the|a|got|have) rope(?: ready)?",
    r"(?:no reason|nothing) to live for",
    r"(?:point in|point of|reason for) (?:living|life|being alive|going on)",
    r"(?:looking up|look up|googling|searching|ways?) (?:how )?to (?:do it|die|kill myself|end it)",
    r"can'?t go on",
    r"(?:written|wrote|writing) (?:the |my )?(?:letters|suicide note|goodbye)",
    r"done (?:with|wiv|wid) (?:life|everything|living)",
    r"over ?dos(?:e|ed|ing)",
    r"od(?:'?d|ing)?",
    r"(?:took|take|taken|taking|swallow(?:ed|ing)?|necked)"
    r" (?:all|loads|lots|a load|a bunch|too many)? ?(?:of )?(?:[\w']+ ){0,2}"
    r"(?:tablets|pills|meds|paracetamol)",
)

# Harming oneself. "cutting" is excluded before words that make it ordinary
# ("cutting down", "cutting shapes", "cutting my hair").
_SELF_HARM = (
    r"self[- ]?harm\w*",
    r"self[- ]?injur\w*",
    r"(?:harm|hurt|cut|burn|starve|scratch)(?:s|ing|t|ed)? (?:my|him|her)(?: )?self",
    r"(?:make|makes|made|making) (?:my|him|her)self (?:sick|bleed)",
    r"cutt?(?:ing|in|in')(?! (?:down|back|off|out|up|shapes|it|the|a|an|some|class|school|"
    r"lessons|ties|corners|edge|my hair|my nails|my fringe|in|duplicate|costs?|budgets?|"
    r"funding|services|paperwork|red tape|waiting|through|across|hours|jobs|posts|staff)\b)",
    r"i (?:used to |still |also )?cut(?! (?:down|back|off|out|up|the|a|an|school|class|"
    r"lessons|ties|contact|my hair)\b)",
    r"(?:burn|burning|burnt|burned|cut|cutting|scratch\w*) (?:my|her|his) (?:arms?|legs?|"
    r"wrists?|skin|thighs?|stomach)",
    r"cuts (?:all )?(?:up|on|over|down) (?:my|her|his|their) (?:arms?|legs?|wrists?)",
    r"bang(?:ing)? my head",
    r"scratch(?:es|ed|ing)? (?:my|her|his) (?:arms?|legs?|skin|wrists?)",
    r"(?:till|until|til|so) (?:they|it|i) bleeds?",
    r"(?:a|my|the) (?:blade|razor|razors|blades)",
    r"using it on (?:my|her|his) (?:arms?|legs?|wrists?|skin)",
)

# Someone hitting or hurting a person. Objects are listed so that "hits the ball" or
# "my knee hurts" do not fire; "beat me at FIFA" and "hit me up" are excluded.
_PHYSICAL = (
    r"(?!hit me up)(?:hit|hits|hitting|batter|batters|battered|battering|beat|beats|beating|beaten|"
    r"punch|punches|punched|punching|slap|slaps|slapped|slapping|kick|kicks|kicked|kicking|"
    r"belt|belts|belted|belting|smack|smacks|smacked|smacking|whack|whacks|whacked|"
    r"thump|thumps|thumped|strangle|strangles|strangled|strangling|choke|chokes|choked|"
    r"choking|throttle|throttles|throttled|hurt|hurts|hurting|attack|attacks|attacked|grab|"
    r"grabs|grabbed|push|pushes|pushed|pushing|shove|shoves|shoved|drag|drags|dragged|bite|"
    r"bites|bit|headbutt\w*|stamp\w*|burn|burns|burned|burnt|stab|stabs|stabbed)"
    r" (?!me at )(?:me|us|her|him|them|mum|mam|my (?:mum|mam|mom|sister|brother|"
    r"wrist|arm|face|head|neck|baby))",
    r"(?:been|being|getting|get|gets|got) (?:battered|beaten(?: up)?|punched|slapped|"
    r"kicked|strangled|choked|jumped|attacked|stabbed|hurt)",
    r"(?:been|being|getting) hit",
    r"(?:was|were) (?:hit|battered|beaten|punched|slapped|kicked|hurt|strangled|choked|"
    r"attacked|stabbed|burned|burnt)",
    r"(?:hit|hurt|beaten|battered) (?:a lot |loads |badly )?by (?:my|his|her|their|a|an|the) \w+",
    r"hands? (?:round|around|on) (?:my|her|his) (?:neck|throat)",
    r"pin(?:s|ned|ning)? (?:me|her|him) down",
    r"(?:throw|throws|threw|chuck|chucks|chucked|lob|lobs|lobbed) (?:stuff|things|\w+) at "
    r"(?:me|us|her|him)",
    r"pull(?:s|ed|ing)? (?:my|her|his) (?:hair|arm)",
    r"bruis(?:es|ed|ing)",
    r"black eye",
)

# Sexual abuse, including online abuse and the grooming signs that come with it.
_SEXUAL = (
    r"touch(?:es|ed|ing)? (?:me|her|him|us|them|my (?:private\w*|body|bum|chest|boobs|"
    r"legs?))",
    r"(?:goes|go|went|comes|come|came|walks|walked) into (?:my|her|his|the) (?:room|bed|"
    r"bedroom|bathroom|shower|toilet)(?: at night)?",
    r"(?:men|older men|guys|older guys|lads) (?:coming|come|comes|came) (?:round|over)",
    r"(?:makes?|made|making|force[sd]?|forcing) (?:me|her|him|us) (?:to )?(?:have sex|watch)",
    r"porn\w*|adult films?",
    r"(?:made|forced|being made|being forced) to (?:have sex|do sexual\w*|do things)",
    r"sexual(?:ly)? (?:abus\w*|assault\w*|things|stuff)",
    r"abus(?:es|ing) (?:me|her|him|us|them)",
    r"rap(?:e|ed|es|ing)",
    r"(?:makes?|made|making) (?:me|her|him) do (?:stuff|things|sexual\w*)",
    r"do (?:stuff|things) for (?:it|money|him|them)",
    r"sells? (?:me|her|him) to",
    r"our (?:little )?secret",
    r"nudes",
    r"(?:send|sends|sent|sending|asking for|asks for|ask for|wants|want)"
    r" (?:me |him |her |them )?(?:pics|nudes)",
    r"(?:asking for|asks for|ask for|wants|want) (?:my |me |him |her )?(?:pictures|photos)",
    r"(?:share|sharing|shares|shared) (?:them|it|the pics|pics|photos) (?:round|around|online)",
    r"(?:share|post|put) them (?:online|everywhere)",
    r"(?:[a-z]+'ll|will|gonna|going to) (?:share|post|send|show|leak|put up)"
    r" (?:them|my (?:pics|nudes|photos|pictures|videos))",
    r"(?:post|posts|share|shares|send|sends|leak|leaks|show|shows)(?:ed|ing)? (?:my|her|his|the) "
    r"(?:nudes|pics|pictures|photos|videos)",
    r"(?:makes?|made|making) (?:me|her|him) (?:sleep|get) in (?:his|her|their) bed",
    r"walk(?:s|ed|ing)? in on (?:me|her|him)",
    r"(?:about|touch\w*|look\w* at|stare\w* at) (?:my|her) body",
    r"(?:go|goes|went|going) (?:in|into|round|to) (?:his|a man'?s|their) (?:house|flat|car|place)",
    r"(?:1[0-5]|twelve|thirteen|fourteen|fifteen) and pregnant",
    r"pregnant at (?:1[0-5]|twelve|thirteen|fourteen|fifteen)",
    r"tell everyone if",
    r"groom(?:ed|ing)",
    r"(?:he'?s|he is|boyfriend is|man is|who is|who'?s) (?:in his )?"
    r"(?:[2-6]\d|twenties|thirties|forties|fifties|[2-6]0s)",
    r"in his (?:[2-6]0s|twenties|thirties|forties|fifties)",
    r"arranged to meet",
)

# Criminal exploitation: county lines, carrying or holding drugs, debt bondage.
_EXPLOITATION = (
    r"county lines?",
    r"(?:make|makes|made|making|forced?|forcing) (?:me|him|her|us|them) (?:to )?"
    r"(?:carry|sell|hold|take|deliver|run|move|stash)",
    r"being made to (?:carry|sell|hold|do|take)",
    r"(?:have|has|had) to (?:carry|sell|hold|deliver|drop off|run) (?:bags|stuff|packages?|"
    r"parcels?|drugs|for them|for him)",
    r"deliver(?:s|ing)? (?:bags|stuff|packages?|parcels?|drugs)",
    r"(?:holding|carrying|carry|hold) (?:drugs|stuff|packages?|parcels?|a bag)",
    r"(?:packages|parcels) to (?:other|another) (?:towns?|cit(?:y|ies))",
    r"sell(?:ing)? (?:for them|for him|drugs)",
    r"(?:owe|owes|owed|owing) (?:him|them|her|people|money to)",
    r"(?:second|extra|burner) phones?",
    r"coming home with (?:cash|money|new (?:clothes|phones?|trainers))",
    r"exploit(?:ed|ing|ation)",
    r"traffick(?:ed|ing)",
    r"(?:a|the|in a) gang",
    r"dealers",
    r"machete",
)

# Neglect: no food, left alone, locked in, nowhere to sleep.
_NEGLECT = (
    r"no food",
    r"no (?:dinner|tea|breakfast|lunch|meals?)",
    r"left to look after",
    r"no (?:electric|electricity|gas|water|money for food)",
    r"(?:no ?one|nobody|no1|noone)(?: \S+){0,5}? (?:feeds?|fed|washe[sd]|cook(?:s|ed)?|"
    r"bought food|buys food|looks after|picked|picks|collects?)",
    r"(?:ran|run|running|runs) away",
    r"(?:haven'?t|hasn'?t|havent|hasnt|not|never) (?:had )?(?:eaten|any food|proper food|fed)",
    r"(?:no ?one|nobody|never|doesn'?t|don'?t) feeds?",
    r"(?:didn'?t|don'?t|doesn'?t|never|not) (?:always |properly )?feed (?:us|me|him|her|them)",
    r"not fed",
    r"starv(?:es|ed|ing) (?:me|us|him|her)",
    r"(?:get|gets|got) no food",
    r"(?:always|so) hungry",
    r"never (?:any )?food",
    r"(?<!to\sbe\s)(?:left|leaves?|leaving) (?:us |me |them |him |her |the baby )?"
    r"(?:alone|on (?:my|our|his|her|their) own)",
    r"on (?:my|our) own for days",
    r"no heating",
    r"nappy",
    r"needles",
    r"lock(?:s|ed|ing)? (?:me|us|him|her) in",
    r"locked in",
    r"lock(?:s|ed)? the fridge",
    r"kick(?:s|ed)? (?:me|us) out",
    r"nowhere to (?:go|sleep|stay|live)",
    r"(?:haven'?t|havent|not) got anywhere to (?:go|sleep|stay|live)",
    r"sleeping (?:rough|in a car|on the streets?|outside)",
    r"(?:going|goes|gone|went) missing",
)

# Saying they are not safe, or are afraid to go home.
_UNSAFE = (
    r"(?:not|never|don'?t feel|dont feel|do not feel|doesn'?t feel|isn'?t|aint) safe",
    r"unsafe",
    r"(?:scared|afraid|frightened|terrified) (?:to go|of going) (?:home|back)",
    r"in danger",
    r"(?:can'?t|cannot|won'?t let me|not allowed to|doesn'?t let me) leave",
    r"can'?t keep (?:myself|me|her|him) safe",
    r"please help me",
)

# Threats: the writer threatening someone, or someone threatening the writer.
_THREAT = (
    r"(?:going to|gonna|gunna|goin to|will|[a-z]+'ll|about to) (?:hurt|kill|stab|shank|batter|"
    r"beat up|burn|shoot|attack|murder) (?:him|her|them|you|someone|somebody|"
    r"everyone|anyone|anybody|people|us|me|my \w+|his \w+|her \w+|the \w+ (?:down|up))",
    r"(?:[a-z]+'ll|will|[a-z]+'d|would) (?:kill|hurt|stab|batter|beat|get|shoot) (?:me|us|my \w+)",
    r"(?:will|[a-z]+'ll) do it again",
    r"smash (?:his|her|their|your) (?:face|head)",
    r"make (?:them|him|her) pay",
    r"burn (?:the|their|his|her) (?:house|place|flat) down",
    r"(?:got|have|has|carry|carrying|brought|with) (?:a|his|her|the) (?:knife|machete|gun|"
    r"weapon|blade)",
    r"threat(?:en|ens|ened|ening) (?:to|us|me|with|him|her)",
    r"kys",
)

# Harmful practices: forced marriage and female genital mutilation.
_HARMFUL_PRACTICE = (
    r"forc(?:ed|ing|e) (?:me |her |him )?(?:to )?marr(?:y|iage|ied)",
    r"forced marriage",
    r"(?:make|makes|made|making) (?:me|her) marry",
    r"marry (?:a man|a woman|someone|somebody|my cousin|an older|a stranger|him|who|whoever)",
    r"married off",
    r"fgm",
    r"female genital \w+",
    r"(?:have|having|get|getting|do|done|doing) the cut",
    r"circumcis\w*",
    r"sunna|khitan",
)

# Abuse or harm named in words that usually describe the past or a pattern.
_PAST_HARM = (
    r"(?:been |was |were )?abused",
    r"abus(?:e|ive)",
    r"neglected",
    r"violen(?:t|ce)",
    r"bull(?:ied|ying|y)",
    r"restrain(?:ed|s|ing)? (?:me|us|her|him)",
    r"call(?:s|ed|ing)? (?:me|us) names",
    r"(?:shout|shouts|shouted|shouting|scream|screams|screamed) at (?:me|us|her|him)",
    r"(?:send|sending|sent|take|taking|taken) (?:me|her|him|us|them) (?:back )?(?:home |abroad|"
    r"to (?:bangladesh|pakistan|india|somalia|sudan|egypt|ethiopia|eritrea|nigeria|gambia|"
    r"yemen|afghanistan|iraq))",
    r"hurting (?:the|our|my|a) (?:cat|dog|pets?|animals?)",
    r"(?:make|makes|made|making) me give",
    r"(?:control|controls|controlled|controlling) (?:all )?(?:the|my) (?:money|phone)",
    r"check(?:s|ed)? my phone",
    r"what (?:he|she|they|my \w+|his \w+|her \w+) did(?: to (?:me|us|her|him))?",
    r"addict(?:s|ed|ion)?",
    r"(?:on|back on) (?:heroin|crack|drugs|the drink)",
    r"(?:drink|drinks|drinking) (?:a lot|every day|too much|again|to forget|most nights|"
    r"every night|to (?:sleep|cope|get to sleep))",
    r"my drinking",
    r"(?:using|taking|smoking) (?:cannabis|weed|drugs|coke|ket)",
    r"older\W+(?:boyfriend|man|men|guy|guys|lad|lads|friends?|people|women|woman|girls)",
    r"met (?:him |her )?(?:online|on snapchat|on instagram|on tiktok)",
    r"gives? (?:me|her|him) (?:vapes|weed|drugs|money|drink|alcohol|gifts|fags)",
    r"(?:kept|keeps) (?:knocking|coming) (?:on|into|to) my (?:door|room)",
    r"staying out late",
)

# Emotional distress. These are concern, not immediate, unless a stronger phrase fires.
_DISTRESS = (
    r"(?:feel|feels|feeling|felt|been|seem|seems|seemed|so|really|very)"
    r" (?:really |so |very )?(?:low|down)(?! (?:on|to|the|at|there|stairs))",
    r"(?:feel|feels|feeling|felt) (?:so |really |very |all |like )?(?:alone|empty|abandoned|"
    r"unsafe|sad|trapped|invisible|useless|worthless|a failure|i'?m a failure)",
    r"(?:a|such a) failure",
    r"blam(?:e|es|ing) (?:my|him|her)self",
    r"let everyone down",
    r"loneliness",
    r"crushing me",
    r"(?:a )?bad feeling",
    r"lonely",
    r"abandoned",
    r"hopeless",
    r"worthless",
    r"not worth anything",
    r"numb",
    r"depress(?:ed|ion|ing)",
    r"(?:a|such a) burden",
    r"falling apart",
    r"drowning",
    r"no point(?: in anything| anymore| any more)?",
    r"giv(?:e|ing) up on (?:everything|life|myself)",
    r"feel like giving up",
    r"hate (?:my life|myself|being alive)",
    r"(?:can'?t|cant|cannot|not) cop(?:e|ing)",
    r"struggl\w* (?:to cope|with (?:my )?(?:mental health|everything|life|drinking|my drinking))",
    r"(?:everything|it|life)(?:'s| is) (?:all )?too much",
    r"(?:can'?t|cant|cannot|don'?t|dont) (?:sleep|eat|think straight|face (?:people|anyone)|"
    r"stop crying)",
    r"(?:not eating|stopped eating|don'?t eat much)",
    r"cry(?:ing)? (?:every|most|all|at) (?:night|nights|day|the time)",
    r"cry myself to sleep",
    r"i cry",
    r"panic attacks?",
    r"anxious|anxiety",
    r"dark (?:thoughts|place)",
    r"(?:a |really )?bad place",
    r"flashbacks?",
    r"nightmares?",
    r"hear(?:ing)? voices",
    r"punch(?:ing|ed)? (?:the )?walls?",
    r"(?:no ?one|nobody|noone) (?:cares|notices|would notice)",
    r"(?:don'?t|dont) (?:feel like|think) any ?(?:one|body) cares",
    r"(?:don'?t|dont) want to (?:get up|get out of bed)",
    r"head(?:'s| is) (?:a mess|all over the place)",
    r"self[- ]?isolat\w*",
    r"can'?t face",
    r"terrified|petrified",
    r"scared (?:at night|all the time|of (?:him|her|them|my \w+))",
    r"(?:had|having) a (?:nervous )?breakdown",
    r"tearful|withdrawn",
    r"(?:really|very|so|still|quiet and) upset",
    r"wet(?:s|ting)? the bed",
    r"homeless",
    r"so stressed",
    r"pointless",
    r"(?:not|n't) sleeping",
    r"(?:don'?t|dont|can'?t) trust (?:anyone|anybody|people)",
    r"behaviour (?:has )?changed",
    r"clingy",
)

# Worry about someone else, or a hint that something happened.
_WORRY = (
    r"(?:worried|worry|worrying|worries|concerned)\s+(?:about |for |that )?(?:[\w']+ ){0,3}?"
    r"(?:friend|sister|brother|mate|cousin|son|daughter|mum|mam|dad|child|children|kids?|"
    r"young|girl|girls|boy|boys|baby|pupil|grandson|granddaughter|niece|nephew|she|he|they|"
    r"her|him|them)",
    r"something (?:happened|bad happened)(?: to (?:me|her|him))?",
    r"what happened (?:to (?:me|her|him|us)|at|in|when)",
)

_CATEGORIES: tuple[_Category, ...] = (
    _Category(
        "suicide",
        IMMEDIATE,
        "talks about wanting to die or end a life now",
        "talks about wanting to die or a suicide attempt in the past",
        _compile(_SUICIDE),
    ),
    _Category(
        "self_harm",
        IMMEDIATE,
        "talks about harming themselves now",
        "talks about harming themselves in the past",
        _compile(_SELF_HARM),
    ),
    _Category(
        "physical",
        IMMEDIATE,
        "describes someone being hit or hurt now",
        "describes someone being hit or hurt in the past",
        _compile(_PHYSICAL),
    ),
    _Category(
        "sexual",
        IMMEDIATE,
        "describes sexual abuse, grooming or image abuse now",
        "describes sexual abuse or grooming in the past",
        _compile(_SEXUAL),
    ),
    _Category(
        "exploitation",
        IMMEDIATE,
        "describes criminal exploitation (county lines, carrying drugs) now",
        "describes criminal exploitation in the past",
        _compile(_EXPLOITATION),
    ),
    _Category(
        "neglect",
        IMMEDIATE,
        "describes neglect: no food, care, supervision or shelter now",
        "describes neglect in the past",
        _compile(_NEGLECT),
    ),
    _Category(
        "unsafe",
        IMMEDIATE,
        "says someone is not safe or is afraid to go home",
        "says someone was not safe in the past",
        _compile(_UNSAFE),
    ),
    _Category(
        "threat",
        IMMEDIATE,
        "a threat to hurt someone",
        "mentions a threat in the past",
        _compile(_THREAT),
    ),
    _Category(
        "harmful_practice",
        IMMEDIATE,
        "describes forced marriage or FGM now or planned",
        "describes forced marriage or FGM in the past",
        _compile(_HARMFUL_PRACTICE),
    ),
    _Category(
        "past_harm",
        CONCERN,
        "describes abuse, harm or risky contact",
        "describes abuse or harm in the past",
        _compile(_PAST_HARM),
    ),
    _Category(
        "distress",
        CONCERN,
        "describes emotional distress",
        "describes emotional distress in the past",
        _compile(_DISTRESS),
    ),
    _Category(
        "worry",
        CONCERN,
        "is worried about someone else",
        "is worried about someone else",
        _compile(_WORRY),
    ),
)

# --- Context cues ---------------------------------------------------------------------

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


# --- Classification -------------------------------------------------------------------


def classify(text: str) -> TriageResult:
    """Classify one contribution. Never raises; non-text input is treated as empty."""
    if not isinstance(text, str) or not text.strip():
        return TriageResult(NONE, [])
    clean = _normalise(text)
    padded = " " + _lower_same_length(clean)  # the space lets a phrase start the text
    candidates: list[Trigger] = []
    for category in _CATEGORIES:
        for match in category.pattern.finditer(padded):
            # In `padded`, the phrase starts one after the match (the leading non-word
            # character); the extra space in front shifts that back to `clean`'s index.
            start, end = match.start(), match.end() - 1
            trigger = _judge(category, text, clean, start, end)
            if trigger is not None:
                candidates.append(trigger)
    triggers = _without_overlaps(candidates)
    level = max((t.level for t in triggers), key=_RANK.__getitem__, default=NONE)
    return TriageResult(level, triggers)


def _normalise(text: str) -> str:
    """Same-length copy of the text with HTML tags blanked and apostrophes unified."""
    clean = text.translate(_APOSTROPHES)
    return _TAG.sub(_blank_tag, clean)


def _lower_same_length(text: str) -> str:
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


def _judge(category: _Category, original: str, clean: str, start: int, end: int) -> Trigger | None:
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
    return Trigger(original[start:end], start, end, level, reason)


def _lower_immediate(
    category: _Category, sentence: str, in_past: bool, present: bool, second_hand: bool
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
    ranked = sorted(candidates, key=lambda t: (-_RANK[t.level], t.start - t.end, t.start))
    kept: list[Trigger] = []
    for trigger in ranked:
        if all(trigger.end <= k.start or trigger.start >= k.end for k in kept):
            kept.append(trigger)
    return sorted(kept, key=lambda t: t.start)

"""Deterministic generator of SYNTHETIC demo contributions for ``heard demo``.

Every word here is invented. No text describes a real person, and the few first names and
school names that appear (flagged by ``contains_personal_data``) are fictional, there only so
that the redaction feature has something to find. The texts never disclose risk: no abuse,
no self-harm, no danger.

The generator is pure Python and deterministic for a given ``seed`` and ``count``. Texts are
composed from hand-written sentence pools grouped by theme and voice, so themes stay
recognisable to a topic model while voices stay distinct. Representation gaps are built in on
purpose (few fathers, few other family members, few care leavers over 21) so that the app's
"hidden voices" alert has something to report on the demo.

Perspective, kind and equality codes come from ``heard.core.vocab``; only demo-only lists
(local authorities, themes, fictional names) are defined here.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from heard.core import vocab

# ---------------------------------------------------------------------------------------------
# Demo-only lists. The vocabulary itself (kinds, perspectives, equality codes and their labels)
# lives in heard.core.vocab; the hard-coded codes below are checked against it by the tests.
# ---------------------------------------------------------------------------------------------

# Kind codes in vocab order (story, problem, idea); _KIND_WEIGHTS follows the same order.
_KIND_CODES: tuple[str, ...] = tuple(code for code, _, _ in vocab.KINDS)

# Real English upper-tier local authorities, by their official names.
DEMO_LOCAL_AUTHORITIES: tuple[str, ...] = (
    "Leeds",
    "Manchester",
    "Birmingham",
    "Kent",
    "Hackney",
    "Cornwall",
    "Norfolk",
    "Bristol, City of",
    "Derbyshire",
    "Sunderland",
)

EQUALITY_KEYS: tuple[str, ...] = (
    "age_band",
    "gender",
    "ethnicity",
    "disability",
    "local_authority",
)

THEMES: tuple[str, ...] = (
    "placement_moves",
    "social_worker_changes",
    "being_listened_to",
    "leaving_care",
    "family_contact",
    "fathers_excluded",
    "kinship_support",
    "education",
    "mental_health",
    "file_not_person",
    "workforce_caseloads",
    "what_would_help",
)
THEME_LABELS: dict[str, str] = {
    "placement_moves": "Moving home (placement moves)",
    "social_worker_changes": "Changing social workers",
    "being_listened_to": "Being listened to in reviews and meetings",
    "leaving_care": "Leaving care",
    "family_contact": "Seeing brothers, sisters and parents",
    "fathers_excluded": "Fathers left out",
    "kinship_support": "Support for kinship carers",
    "education": "School and education",
    "mental_health": "Waiting for mental health support",
    "file_not_person": "Treated like a file, not a person",
    "workforce_caseloads": "Caseloads and staff turnover",
    "what_would_help": "What would help",
}

# Fictional personal data, used in about 5% of texts so redaction has something to find.
FICTIONAL_NAMES: tuple[str, ...] = (
    "Kayla", "Jordan", "Amira", "Tyler", "Leah", "Ryan",
    "Sana", "Connor", "Maisie", "Dylan", "Zara", "Ellis",
)  # fmt: skip
FICTIONAL_SURNAMES: tuple[str, ...] = (
    "Hartley", "Okafor", "Pennington", "Brennan", "Ashworth", "Latham",
)  # fmt: skip
FICTIONAL_SCHOOLS: tuple[str, ...] = (
    "Brackenfield Primary School",
    "Larchmere Academy",
    "St Oswin's Primary",
    "Hollowbrook High School",
    "Kestrel Vale Academy",
)

PERSONAL_DATA_SHARE = 0.05


@dataclass(frozen=True)
class DemoContribution:
    """One synthetic contribution. ``theme_hint`` is for tests only, never shown as truth."""

    kind: str
    title: str
    text: str
    perspectives: tuple[str, ...]
    theme_hint: str
    consent_analysis: bool
    consent_quote: bool
    consent_publish: bool
    equality: dict[str, str]
    days_ago: int
    feeling_of_influence: int | None
    contains_personal_data: bool = False
    personal_data_terms: tuple[str, ...] = field(default=())


# ---------------------------------------------------------------------------------------------
# Sentence pools
#
# The sentences live in demo_data/*.txt, one a line, so a writer can review and change them
# without reading Python: a line in square brackets starts a pool, "#" starts a note.
# Placeholders in braces ({age}, {sib}, {n_moves} ...) are filled once per text so that the
# details in one text agree with each other.
# ---------------------------------------------------------------------------------------------

_DATA = Path(__file__).with_name("demo_data")
Pools = dict[tuple[str, ...], tuple[str, ...]]


def read_pools(name: str) -> Pools:
    """One pools file: each "[key words]" heading and the sentences under it, in file order."""
    pools: dict[tuple[str, ...], list[str]] = {}
    current: list[str] | None = None
    for number, raw in enumerate((_DATA / f"{name}.txt").read_text("utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = pools.setdefault(tuple(line[1:-1].split()), [])
        elif current is None:
            raise ValueError(f"demo_data/{name}.txt line {number}: a sentence before any [pool]")
        else:
            current.append(line)
    return {key: tuple(sentences) for key, sentences in pools.items()}


def _by_first_key(pools: Pools) -> dict[str, dict[str, tuple[str, ...]]]:
    nested: dict[str, dict[str, tuple[str, ...]]] = {}
    for (first, second), sentences in pools.items():
        nested.setdefault(first, {})[second] = sentences
    return nested


def _by_one_key(pools: Pools) -> dict[str, tuple[str, ...]]:
    return {key: sentences for (key,), sentences in pools.items()}


# What people lived through, by theme and voice.
LIVED: dict[str, dict[str, tuple[str, ...]]] = _by_first_key(read_pools("lived"))
# Proposals, by theme and voice family: young, youth (teen, leaver, adopted, sibling),
# family (parents, kinship carers, grandparents, foster carers) and pro (professionals).
IDEAS: dict[str, dict[str, tuple[str, ...]]] = _by_first_key(read_pools("ideas"))
_OPENERS: dict[str, dict[str, tuple[str, ...]]] = _by_first_key(read_pools("openers"))
_CLOSERS: dict[str, tuple[str, ...]] = _by_one_key(read_pools("closers"))
# Theme-neutral sentences that carry the voice; added to some texts for variety.
_FILLERS: dict[str, tuple[str, ...]] = _by_one_key(read_pools("fillers"))
# Sentences that explain a second lived-experience perspective: (voice, extra code).
_BRIDGES: dict[tuple[str, str], tuple[str, ...]] = {
    (voice, code): sentences for (voice, code), sentences in read_pools("bridges").items()}
# Sentences with fictional personal data, by voice family.
_PERSONAL: dict[str, tuple[str, ...]] = _by_one_key(read_pools("personal"))
_TITLES: dict[str, tuple[str, ...]] = _by_one_key(read_pools("titles"))

# ---------------------------------------------------------------------------------------------
# Who speaks: voices, quotas and people
# ---------------------------------------------------------------------------------------------

# (voice, primary perspective code or None for dual, share in percent).
_VOICE_QUOTAS: tuple[tuple[str, str | None, float], ...] = (
    ("young", "child_in_care", 8),
    ("teen", "child_in_care", 14),
    ("leaver", "care_leaver", 19),
    ("adopted", "adopted", 4),
    ("mother", "parent_mother", 11.5),
    ("parent", "parent_other", 1.5),
    ("father", "parent_father", 3),
    ("kinship", "kinship_carer", 5),
    ("grandparent", "other_family", 1),
    ("sibling", "other_family", 1),
    ("foster", "foster_carer", 6),
    ("sw", "social_worker", 11),
    ("prof", "professional_health", 2.5),
    ("prof", "professional_education", 2.5),
    ("prof", "professional_police", 1),
    ("prof", "professional_iro", 2),
    ("prof", "professional_other", 2),
    ("dual", None, 5),
)

_FAMILY_OF_VOICE: dict[str, str] = {
    "young": "young",
    "teen": "youth",
    "leaver": "youth",
    "adopted": "youth",
    "sibling": "youth",
    "mother": "family",
    "parent": "family",
    "father": "family",
    "kinship": "family",
    "grandparent": "family",
    "foster": "family",
    "sw": "pro",
    "prof": "pro",
    "dual": "pro",
}
_POOL_VOICE: dict[str, str] = {"parent": "mother"}  # other parents share the mothers' pools

# Extra weight on themes a voice talks about most; every theme with a pool has weight 1.
_THEME_BOOSTS: dict[str, dict[str, float]] = {
    "father": {"fathers_excluded": 5},
    "kinship": {"kinship_support": 5, "family_contact": 2},
    "leaver": {"leaving_care": 2},
    "mother": {"being_listened_to": 1.5, "family_contact": 1.5},
    "parent": {"being_listened_to": 1.5, "family_contact": 1.5},
    "foster": {"placement_moves": 2},
    "sw": {"workforce_caseloads": 2},
}
_WHAT_WOULD_HELP_WEIGHT = 1.5

# Themes each professional role writes about, with weights.
_ROLE_THEMES: dict[str, dict[str, float]] = {
    "professional_health": {
        "mental_health": 5, "placement_moves": 1, "fathers_excluded": 1,
        "workforce_caseloads": 1, "what_would_help": 1,
    },
    "professional_education": {
        "education": 5, "placement_moves": 2, "kinship_support": 1,
        "fathers_excluded": 1, "what_would_help": 1,
    },
    "professional_police": {
        "file_not_person": 3, "workforce_caseloads": 1, "what_would_help": 2,
    },
    "professional_iro": {
        "being_listened_to": 5, "placement_moves": 1, "fathers_excluded": 1,
        "workforce_caseloads": 1, "what_would_help": 1,
    },
    "professional_other": {
        "leaving_care": 4, "what_would_help": 2, "kinship_support": 1, "workforce_caseloads": 1,
    },
}  # fmt: skip

_ROLE_NOUNS: dict[str, tuple[str, ...]] = {
    "social_worker": ("a social worker",),
    "professional_health": ("a looked-after children's nurse", "a nurse"),
    "professional_education": ("a designated teacher", "a teacher in a virtual school"),
    "professional_police": ("a police officer",),
    "professional_iro": ("an independent reviewing officer",),
    "professional_other": ("a personal adviser for care leavers", "a youth worker"),
}

_KIND_WEIGHTS: dict[str, tuple[float, float, float]] = {
    "what_would_help": (0.25, 0.05, 0.70),
    "default": (0.45, 0.33, 0.22),
}

_NUMBER_WORDS: tuple[str, ...] = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty",
)  # fmt: skip

_AGE_RANGES: dict[str, tuple[int, int]] = {
    "young": (7, 11),
    "teen": (12, 17),
    "adopted": (18, 45),
    "mother": (21, 45),
    "parent": (24, 50),
    "father": (21, 50),
    "kinship": (52, 72),
    "grandparent": (55, 75),
    "sibling": (19, 30),
    "foster": (30, 65),
    "sw": (23, 60),
    "prof": (25, 60),
    "dual": (24, 50),
}
# Care leavers over 21 are rare on purpose (a built-in representation gap).
_LEAVER_AGES: tuple[tuple[tuple[int, int], float], ...] = (
    ((18, 21), 0.93),
    ((22, 25), 0.05),
    ((26, 34), 0.02),
)

_SECOND_CODE_CHANCE: dict[str, tuple[str, float]] = {
    "leaver": ("parent_mother", 0.07),
    "mother": ("care_leaver", 0.08),
    "foster": ("care_leaver", 0.10),
}

_GENDER_WEIGHTS: dict[str, dict[str, float]] = {
    "young": {"girl_woman": 48, "boy_man": 50, "non_binary": 1, "self_describe": 1},
    "young_person": {"girl_woman": 46, "boy_man": 44, "non_binary": 4, "self_describe": 2},
    "parent": {"girl_woman": 45, "boy_man": 45, "non_binary": 7, "self_describe": 3},
    "worker": {"girl_woman": 75, "boy_man": 23, "non_binary": 2},
    "carer": {"girl_woman": 65, "boy_man": 33, "non_binary": 2},
}
_GENDER_GROUP: dict[str, str] = {
    "young": "young",
    "teen": "young_person",
    "leaver": "young_person",
    "adopted": "young_person",
    "sibling": "young_person",
    "dual": "young_person",
    "parent": "parent",
    "sw": "worker",
    "prof": "worker",
    "foster": "carer",
}
_GRANDPARENT_WORDS: tuple[tuple[str, str, float], ...] = (
    ("nan", "girl_woman", 4),
    ("grandma", "girl_woman", 2),
    ("granny", "girl_woman", 1),
    ("grandad", "boy_man", 2),
)

_ETHNICITY_WEIGHTS: dict[str, float] = {
    "white_british": 60, "white_irish": 1, "white_gypsy_traveller": 1, "white_roma": 0.5,
    "white_other": 5, "mixed_white_black_caribbean": 4, "mixed_white_black_african": 2,
    "mixed_white_asian": 2, "mixed_other": 3, "asian_indian": 1.5, "asian_pakistani": 2.5,
    "asian_bangladeshi": 1, "asian_chinese": 0.3, "asian_other": 1, "black_african": 5,
    "black_caribbean": 2.5, "black_other": 1.5, "other_arab": 1, "other_any": 2,
}  # fmt: skip
_AUTHORITY_WEIGHTS: tuple[float, ...] = (14, 12, 14, 12, 8, 7, 9, 10, 8, 6)

_INFLUENCE_WEIGHTS: dict[str, tuple[float, ...]] = {
    "default": (12, 25, 33, 20, 10),
    "family": (25, 30, 25, 15, 5),
    "pro": (8, 22, 35, 25, 10),
}

# Chances that an equality answer is left blank, or answered "prefer not to say".
_MISSING = 0.14
_PREFER_NOT = 0.07
_NEAR_DUPLICATE_LIMIT = 0.55
_MAX_ATTEMPTS = 40
_MIN_WORDS = 40
_MAX_WORDS = 250
_WORD = re.compile(r"[a-z']+")


@dataclass
class _Speaker:
    voice: str
    perspectives: tuple[str, ...]
    age: int
    gender: str
    slots: dict[str, str]


def _weighted(rng: random.Random, options: Mapping[str, float]) -> str:
    keys = list(options)
    return rng.choices(keys, weights=[options[key] for key in keys])[0]


def _quota_slots(count: int, rng: random.Random) -> list[tuple[str, str | None]]:
    """Exact voice quotas (largest remainder), shuffled, so gaps hold for every seed."""
    total = sum(share for _, _, share in _VOICE_QUOTAS)
    exact = [count * share / total for _, _, share in _VOICE_QUOTAS]
    sizes = [int(value) for value in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (sizes[i] - exact[i], i))
    for index in by_remainder[: count - sum(sizes)]:
        sizes[index] += 1
    slots = [
        (voice, code)
        for (voice, code, _), size in zip(_VOICE_QUOTAS, sizes, strict=True)
        for _ in range(size)
    ]
    rng.shuffle(slots)
    return slots


def _perspectives(rng: random.Random, voice: str, code: str | None) -> tuple[str, ...]:
    if code is None:  # dual perspective: lived experience plus a professional role
        lived = _weighted(rng, {"care_leaver": 0.85, "adopted": 0.15})
        role = _weighted(
            rng,
            {
                "social_worker": 55, "professional_other": 15, "professional_iro": 10,
                "professional_education": 8, "professional_health": 8, "professional_police": 4,
            },
        )  # fmt: skip
        return (lived, role)
    extra = _SECOND_CODE_CHANCE.get(voice)
    if extra and rng.random() < extra[1]:
        return (code, extra[0])
    return (code,)


def _speaker_age(rng: random.Random, voice: str) -> int:
    if voice == "leaver":
        ranges = [span for span, _ in _LEAVER_AGES]
        span = rng.choices(ranges, weights=[weight for _, weight in _LEAVER_AGES])[0]
        return rng.randint(*span)
    return rng.randint(*_AGE_RANGES[voice])


def _speaker_gender(rng: random.Random, voice: str, perspectives: Sequence[str]) -> str:
    if voice == "mother" or "parent_mother" in perspectives:
        return "girl_woman"
    if voice == "father":
        return "boy_man"
    return _weighted(rng, _GENDER_WEIGHTS[_GENDER_GROUP[voice]])


def _grandparent_word(rng: random.Random) -> tuple[str, str]:
    words = [(word, gender) for word, gender, _ in _GRANDPARENT_WORDS]
    weights = [weight for _, _, weight in _GRANDPARENT_WORDS]
    return rng.choices(words, weights=weights)[0]


def _role_noun(rng: random.Random, perspectives: Sequence[str]) -> str:
    for code in perspectives:
        if code in _ROLE_NOUNS:
            return rng.choice(_ROLE_NOUNS[code])
    return "a professional"


def _number(rng: random.Random, low: int, high: int) -> str:
    return _NUMBER_WORDS[rng.randint(low, high)]


def _make_speaker(rng: random.Random, voice: str, code: str | None) -> _Speaker:
    perspectives = _perspectives(rng, voice, code)
    age = _speaker_age(rng, voice)
    gp_word, gp_gender = _grandparent_word(rng)
    if voice in {"kinship", "grandparent"}:
        gender = gp_gender  # the text says nan, grandma, granny or grandad
    else:
        gender = _speaker_gender(rng, voice, perspectives)
    years = _number(rng, 2, 6) if voice == "kinship" else _number(rng, 3, 20)
    slots = {
        "age": str(age),
        "n_moves": _number(rng, 4, 11 if voice in {"leaver", "dual"} else 8),
        "n_workers": _number(rng, 3, 8),
        "n_schools": _number(rng, 3, 6),
        "months": _number(rng, 6, 18),
        "years": years,
        "caseload": rng.choice(("twenty", "twenty-two", "twenty-five", "twenty-eight", "thirty")),
        "sib": rng.choice(("brother", "sister")),
        "gp": gp_word,
        "child_word": rng.choice(("son", "daughter")),
        "role": _role_noun(rng, perspectives),
        "lived": "was adopted" if perspectives[0] == "adopted" else "grew up in care",
        "name": rng.choice(FICTIONAL_NAMES),
        "surname": rng.choice(FICTIONAL_SURNAMES),
        "school": rng.choice(FICTIONAL_SCHOOLS),
    }
    return _Speaker(voice, perspectives, age, gender, slots)


# ---------------------------------------------------------------------------------------------
# What they write about, and how
# ---------------------------------------------------------------------------------------------


def _pool_voice(voice: str) -> str:
    return _POOL_VOICE.get(voice, voice)


def _theme_weights(speaker: _Speaker) -> dict[str, float]:
    voice = _pool_voice(speaker.voice)
    if speaker.voice == "prof":
        role_themes = _ROLE_THEMES[speaker.perspectives[0]]
        return {theme: w for theme, w in role_themes.items() if voice in LIVED[theme]}
    weights: dict[str, float] = {}
    boosts = _THEME_BOOSTS.get(speaker.voice, {})
    for theme in THEMES:
        if voice not in LIVED[theme]:
            continue
        if theme == "leaving_care" and not _may_write_on_leaving_care(speaker):
            continue
        base = _WHAT_WOULD_HELP_WEIGHT if theme == "what_would_help" else 1.0
        weights[theme] = boosts.get(theme, base)
    return weights


def _may_write_on_leaving_care(speaker: _Speaker) -> bool:
    """Younger teenagers, and most dual-perspective roles, don't write about leaving care."""
    if speaker.voice == "teen":
        return speaker.age >= 16
    if speaker.voice == "dual":
        return speaker.perspectives[1] in {"social_worker", "professional_other"}
    return True


def _pick_kind(rng: random.Random, theme: str) -> str:
    weights = _KIND_WEIGHTS.get(theme, _KIND_WEIGHTS["default"])
    return rng.choices(_KIND_CODES, weights=weights)[0]


def _pick_some(rng: random.Random, pool: Sequence[str], low: int, high: int) -> list[str]:
    """A few sentences from a pool, kept in the pool's (narrative) order."""
    size = min(len(pool), rng.randint(low, high))
    indices = sorted(rng.sample(range(len(pool)), size))
    return [pool[i] for i in indices]


def _body(rng: random.Random, kind: str, lived: Sequence[str], ideas: Sequence[str]) -> list[str]:
    if kind == "story":
        return _pick_some(rng, lived, 3, 5)
    if kind == "problem":
        body = _pick_some(rng, lived, 2, 4)
        if rng.random() < 0.35:
            body.append(rng.choice(ideas))
        return body
    return _pick_some(rng, lived, 1, 2) + _pick_some(rng, ideas, 2, 3)


def _word_count(text: str) -> int:
    return len(text.split())


def _compose(
    rng: random.Random, speaker: _Speaker, theme: str, kind: str, personal: bool
) -> tuple[str, tuple[str, ...]]:
    """Compose one text from the pools; returns the text and any personal data terms in it."""
    voice = speaker.voice
    lived = LIVED[theme][_pool_voice(voice)]
    ideas = IDEAS[theme][_FAMILY_OF_VOICE[voice]]
    body = _body(rng, kind, lived, ideas)
    if rng.random() < 0.35:
        body.insert(rng.randint(0, len(body)), rng.choice(_FILLERS[voice]))
    if len(speaker.perspectives) == 2 and (voice, speaker.perspectives[1]) in _BRIDGES:
        body.insert(0, rng.choice(_BRIDGES[(voice, speaker.perspectives[1])]))
    terms: tuple[str, ...] = ()
    if personal:
        sentence = rng.choice(_PERSONAL[_FAMILY_OF_VOICE[voice]])
        body.insert(min(1, len(body)), sentence)
        slots = ("name", "surname", "school")
        terms = tuple(speaker.slots[slot] for slot in slots if f"{{{slot}}}" in sentence)
    spare = [s for s in (*lived, *ideas, *_FILLERS[voice]) if s not in body]
    parts = [rng.choice(_OPENERS[voice][kind]), *body]
    if rng.random() < 0.75:
        parts.append(rng.choice(_CLOSERS[voice]))
    text = " ".join(parts).format_map(speaker.slots)
    while _word_count(text) < _MIN_WORDS and spare:
        parts.insert(-1, spare.pop(rng.randrange(len(spare))))
        text = " ".join(parts).format_map(speaker.slots)
    while _word_count(text) > _MAX_WORDS and len(parts) > 3:
        parts.pop(-2)
        text = " ".join(parts).format_map(speaker.slots)
    return text, terms


def _word_set(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.lower()))


def jaccard(first: str, second: str) -> float:
    """Jaccard similarity of the word sets of two texts (used to keep the corpus diverse)."""
    return _jaccard_sets(_word_set(first), _word_set(second))


def _jaccard_sets(first: frozenset[str], second: frozenset[str]) -> float:
    union = len(first | second)
    return len(first & second) / union if union else 1.0


def _distinct_text(
    rng: random.Random,
    speaker: _Speaker,
    theme: str,
    kind: str,
    personal: bool,
    accepted: list[frozenset[str]],
) -> tuple[str, tuple[str, ...]]:
    """Compose until the text is not a near-duplicate of any accepted one (best effort)."""
    best: tuple[float, str, tuple[str, ...]] = (2.0, "", ())
    for _ in range(_MAX_ATTEMPTS):
        text, terms = _compose(rng, speaker, theme, kind, personal)
        words = _word_set(text)
        closest = max((_jaccard_sets(words, other) for other in accepted), default=0.0)
        if closest < _NEAR_DUPLICATE_LIMIT:
            return text, terms
        if closest < best[0]:
            best = (closest, text, terms)
    return best[1], best[2]


# ---------------------------------------------------------------------------------------------
# Equality monitoring, consent and the rest
# ---------------------------------------------------------------------------------------------


def _age_band(age: int) -> str:
    if age < 12:
        return "under_12"
    if age < 16:
        return "12_15"
    if age < 18:
        return "16_17"
    if age < 22:
        return "18_21"
    if age < 26:
        return "22_25"
    return "26_plus"


def _answer(rng: random.Random, value: str, missing: float = _MISSING) -> str | None:
    """The value, or None (left blank), or "prefer_not_to_say"."""
    draw = rng.random()
    if draw < missing:
        return None
    if draw < missing + _PREFER_NOT:
        return vocab.PREFER_NOT_TO_SAY
    return value


def _equality(rng: random.Random, speaker: _Speaker) -> dict[str, str]:
    # Dual-perspective professionals often skip the age question.
    age_missing = 0.35 if speaker.voice == "dual" else _MISSING
    disability = "yes" if rng.random() < 0.22 else "no"
    authority = rng.choices(DEMO_LOCAL_AUTHORITIES, weights=_AUTHORITY_WEIGHTS)[0]
    answers = {
        "age_band": _answer(rng, _age_band(speaker.age), age_missing),
        "gender": _answer(rng, speaker.gender),
        "ethnicity": _answer(rng, _weighted(rng, _ETHNICITY_WEIGHTS), 0.18),
        "disability": _answer(rng, disability),
        "local_authority": authority if rng.random() >= 0.15 else None,
    }
    return {key: value for key, value in answers.items() if value is not None}


def _influence(rng: random.Random, speaker: _Speaker) -> int | None:
    if rng.random() < 0.15:
        return None
    family = _FAMILY_OF_VOICE[speaker.voice]
    weights = _INFLUENCE_WEIGHTS.get(family, _INFLUENCE_WEIGHTS["default"])
    return rng.choices((1, 2, 3, 4, 5), weights=weights)[0]


def _title(rng: random.Random, theme: str) -> str:
    return "" if rng.random() < 0.3 else rng.choice(_TITLES[theme])


def _make_one(
    rng: random.Random,
    voice: str,
    code: str | None,
    personal: bool,
    accepted: dict[str, list[frozenset[str]]],
) -> DemoContribution:
    speaker = _make_speaker(rng, voice, code)
    theme = _weighted(rng, _theme_weights(speaker))
    kind = _pick_kind(rng, theme)
    # Texts on different themes share little beyond openers, so compare within a theme only.
    same_theme = accepted.setdefault(theme, [])
    text, terms = _distinct_text(rng, speaker, theme, kind, personal, same_theme)
    same_theme.append(_word_set(text))
    consent_quote = rng.random() < 0.75
    return DemoContribution(
        kind=kind,
        title=_title(rng, theme),
        text=text,
        perspectives=speaker.perspectives,
        theme_hint=theme,
        consent_analysis=rng.random() < 0.98,
        consent_quote=consent_quote,
        # Publishing implies agreeing to be quoted: 0.75 * 0.733 is about 0.55 overall.
        consent_publish=consent_quote and rng.random() < 0.733,
        equality=_equality(rng, speaker),
        days_ago=min(240, int(rng.triangular(0, 241, 20))),
        feeling_of_influence=_influence(rng, speaker),
        contains_personal_data=bool(terms),
        personal_data_terms=terms,
    )


def generate_demo_contributions(seed: int = 7, count: int = 480) -> list[DemoContribution]:
    """Deterministic synthetic contributions for the demo: same seed and count, same list."""
    if count < 0:
        raise ValueError("count must not be negative")
    # Not for security: a seeded generator so that the demo is reproducible.
    rng = random.Random(seed)  # noqa: S311
    slots = _quota_slots(count, rng)
    personal = set(rng.sample(range(count), round(count * PERSONAL_DATA_SHARE)))
    accepted: dict[str, list[frozenset[str]]] = {}
    return [
        _make_one(rng, voice, code, index in personal, accepted)
        for index, (voice, code) in enumerate(slots)
    ]

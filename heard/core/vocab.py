"""The words Heard uses to let people describe themselves.

Pure data, no Django: the analysis code and the demo generator use it too. Perspectives are
self-described and never inferred; a person may hold any number of them. Every equality question
offers "prefer not to say", and none is required.
"""

from __future__ import annotations

PREFER_NOT_TO_SAY = "prefer_not_to_say"


def gettext_noop(text: str) -> str:
    """Marks a label for the Welsh catalogue (makemessages finds the name) without importing
    Django here; pages translate it when they show it (decision 0024)."""
    return text


# (code, plain-English label, group). Groups drive the perspective lens. Children read these
# on the first page of the share journey: keep them at a reading age of about 9 (the test in
# tests/plain_english checks it).
PERSPECTIVE_ROWS: tuple[tuple[str, str, str], ...] = (
    ("child_in_care", gettext_noop("A child or young person in care"), "care_experienced"),
    ("care_leaver", gettext_noop("A care leaver or an adult who grew up in care"),
     "care_experienced"),
    ("adopted", gettext_noop("An adopted person"), "care_experienced"),
    ("parent_mother", gettext_noop("A mother whose children have a social worker, or had one"),
     "family"),
    ("parent_father", gettext_noop("A father whose children have a social worker, or had one"),
     "family"),
    ("parent_other", gettext_noop("Another parent whose children have a social worker, or had one"),
     "family"),
    ("kinship_carer", gettext_noop("A kinship carer. I look after a child in my family"), "family"),
    ("foster_carer", gettext_noop("A foster carer"), "family"),
    ("other_family", gettext_noop("Other family, like a gran, grandad, brother or sister"),
     "family"),
    ("social_worker", gettext_noop("A social worker or social work manager"), "professional"),
    ("professional_health", gettext_noop("A nurse, doctor or other health worker"), "professional"),
    ("professional_education", gettext_noop("A teacher or other school worker"), "professional"),
    ("professional_police", gettext_noop("A police officer or police staff"), "professional"),
    ("professional_iro", gettext_noop("An independent reviewing officer (IRO)"), "professional"),
    ("professional_other", gettext_noop("Someone else who works with children"), "professional"),
)
PERSPECTIVES: tuple[str, ...] = tuple(code for code, _, _ in PERSPECTIVE_ROWS)
# Labels used before the plain-English pass (issue 14), still understood when importing.
FORMER_PERSPECTIVE_LABELS: dict[str, str] = {
    "A mother whose children are or were involved with children's services": "parent_mother",
    "A father whose children are or were involved with children's services": "parent_father",
    "Another parent whose children are or were involved with children's services":
        "parent_other",
    "A kinship carer (looking after a child in my family)": "kinship_carer",
    "Other family, such as a grandparent, brother or sister": "other_family",
    "A health professional": "professional_health",
    "An education professional": "professional_education",
    "A police officer or staff": "professional_police",
    "Another professional": "professional_other",
}
PERSPECTIVE_LABELS: dict[str, str] = {code: label for code, label, _ in PERSPECTIVE_ROWS}
PERSPECTIVE_GROUP: dict[str, str] = {code: group for code, _, group in PERSPECTIVE_ROWS}
GROUP_LABELS = {
    "care_experienced": gettext_noop("Care-experienced people"),
    "family": gettext_noop("Parents, carers and family"),
    "professional": gettext_noop("Professionals"),
    "dual": gettext_noop("Dual perspective (lived experience and professional)"),
}
LIVED_EXPERIENCE = tuple(c for c in PERSPECTIVES if PERSPECTIVE_GROUP[c] != "professional")
PROFESSIONAL = tuple(c for c in PERSPECTIVES if PERSPECTIVE_GROUP[c] == "professional")

# Short labels for tables and charts, where a whole sentence will not fit.
PERSPECTIVE_SHORT_LABELS = {
    "child_in_care": gettext_noop("Children in care"),
    "care_leaver": gettext_noop("Care leavers"),
    "adopted": gettext_noop("Adopted people"),
    "parent_mother": gettext_noop("Mothers"),
    "parent_father": gettext_noop("Fathers"),
    "parent_other": gettext_noop("Other parents"),
    "kinship_carer": gettext_noop("Kinship carers"),
    "foster_carer": gettext_noop("Foster carers"),
    "other_family": gettext_noop("Other family"),
    "social_worker": gettext_noop("Social workers"),
    "professional_health": gettext_noop("Health professionals"),
    "professional_education": gettext_noop("Education professionals"),
    "professional_police": gettext_noop("Police"),
    "professional_iro": gettext_noop("Independent reviewing officers"),
    "professional_other": gettext_noop("Other professionals"),
}


def is_dual_perspective(perspectives: list[str] | tuple[str, ...]) -> bool:
    """Someone who holds a lived-experience and a professional perspective at once."""
    held = set(perspectives)
    return bool(held & set(LIVED_EXPERIENCE)) and bool(held & set(PROFESSIONAL))


def perspective_groups(perspectives: list[str] | tuple[str, ...]) -> set[str]:
    groups = {PERSPECTIVE_GROUP[p] for p in perspectives if p in PERSPECTIVE_GROUP}
    if is_dual_perspective(perspectives):
        groups.add("dual")
    return groups


AGE_BANDS: tuple[tuple[str, str], ...] = (
    ("under_12", gettext_noop("Under 12")),
    ("12_15", gettext_noop("12 to 15")),
    ("16_17", gettext_noop("16 or 17")),
    ("18_21", gettext_noop("18 to 21")),
    ("22_25", gettext_noop("22 to 25")),
    ("26_plus", gettext_noop("26 or older")),
    (PREFER_NOT_TO_SAY, "Prefer not to say"),
)
# The share journey's first question picks the wording of the rest (docs/decisions/0021). The
# bands follow Coram Voice's Bright Spots surveys: 4-7 with a trusted adult, 8-11, and older
# children; "not_said" gets the general journey, as adults do.
# Staff's names for them (what a participant reads is in contributions/band_texts.py).
AGE_JOURNEY_LABELS: tuple[tuple[str, str], ...] = (
    ("4_7", "4 to 7, with a trusted adult"),
    ("8_11", "8 to 11"),
    ("12_17", "12 to 17"),
    ("18_plus", "18 or over"),
    ("not_said", "Rather not say"),
)
AGE_JOURNEYS: tuple[str, ...] = tuple(value for value, _label in AGE_JOURNEY_LABELS)
# Where a journey band sits wholly inside one equality age band, the representation reports can
# count it without asking again. 12-17 spans two equality bands and adults span three.
EQUALITY_AGE_FOR_JOURNEY: dict[str, str] = {"4_7": "under_12", "8_11": "under_12"}

GENDERS: tuple[tuple[str, str], ...] = (
    ("girl_woman", gettext_noop("Girl or woman")),
    ("boy_man", gettext_noop("Boy or man")),
    ("non_binary", gettext_noop("Non-binary")),
    ("self_describe", gettext_noop("I describe myself another way")),
    (PREFER_NOT_TO_SAY, "Prefer not to say"),
)
# The 19 ethnic groups of the 2021 Census in England and Wales (ONS), under their 5 headings.
ETHNICITY_GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (gettext_noop("Asian, Asian British or Asian Welsh"), (
        ("asian_bangladeshi", gettext_noop("Bangladeshi")),
        ("asian_chinese", gettext_noop("Chinese")),
        ("asian_indian", gettext_noop("Indian")),
        ("asian_pakistani", gettext_noop("Pakistani")),
        ("asian_other", gettext_noop("Any other Asian background")),
    )),
    (gettext_noop("Black, Black British, Black Welsh, Caribbean or African"), (
        ("black_african", gettext_noop("African")),
        ("black_caribbean", gettext_noop("Caribbean")),
        ("black_other", gettext_noop("Any other Black, Black British or Caribbean background")),
    )),
    (gettext_noop("Mixed or multiple ethnic groups"), (
        ("mixed_white_asian", gettext_noop("White and Asian")),
        ("mixed_white_black_african", gettext_noop("White and Black African")),
        ("mixed_white_black_caribbean", gettext_noop("White and Black Caribbean")),
        ("mixed_other", gettext_noop("Any other Mixed or multiple ethnic background")),
    )),
    (gettext_noop("White"), (
        ("white_british", gettext_noop("English, Welsh, Scottish, Northern Irish or British")),
        ("white_irish", gettext_noop("Irish")),
        ("white_gypsy_traveller", gettext_noop("Gypsy or Irish Traveller")),
        ("white_roma", gettext_noop("Roma")),
        ("white_other", gettext_noop("Any other White background")),
    )),
    (gettext_noop("Other ethnic group"), (
        ("other_arab", gettext_noop("Arab")),
        ("other_any", gettext_noop("Any other ethnic group")),
    )),
)
ETHNICITIES: tuple[tuple[str, str], ...] = tuple(
    (code, f"{heading}: {label}") for heading, rows in ETHNICITY_GROUPS for code, label in rows
) + ((PREFER_NOT_TO_SAY, "Prefer not to say"),)
ETHNICITY_HEADING: dict[str, str] = {
    code: heading for heading, rows in ETHNICITY_GROUPS for code, _ in rows
}
DISABILITY: tuple[tuple[str, str], ...] = (
    ("yes", gettext_noop("Yes")),
    ("no", gettext_noop("No")),
    (PREFER_NOT_TO_SAY, "Prefer not to say"),
)
EQUALITY_QUESTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "age_band": AGE_BANDS,
    "gender": GENDERS,
    "ethnicity": ETHNICITIES,
    "disability": DISABILITY,
}

KINDS: tuple[tuple[str, str, str], ...] = (
    ("story", gettext_noop("Something that happened"),
     gettext_noop("Tell us about an experience you have had.")),
    ("problem", gettext_noop("A problem"),
     gettext_noop("Tell us about something that is not working.")),
    ("idea", gettext_noop("An idea"),
     gettext_noop("Tell us about something that would make things better.")),
)
KIND_LABELS = {code: label for code, label, _ in KINDS}

STAFF_ROLES: tuple[tuple[str, str], ...] = (
    ("facilitator", "Facilitator"),
    ("moderator", "Moderator"),
    ("safeguarding_lead", "Safeguarding lead"),
    ("analyst", "Analyst"),
    ("service_lead", "Service lead"),
    ("administrator", "Administrator"),
)

# How a contribution's words were written: by the person, written down by a helper as said, or
# summarised by a helper. Stored on the contribution (Contribution.CaptureMode) and counted by
# the analysis (heard.analysis.themes.capture), so both read the values from here.
OWN_WORDS, WRITTEN_DOWN, SUMMARISED = "own_words", "written_down", "summarised"

"""Tests for the synthetic demo corpus used by ``heard demo``."""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter

import pytest

from heard.contributions import demo_corpus as corpus
from heard.contributions.demo_corpus import (
    DEMO_LOCAL_AUTHORITIES,
    EQUALITY_KEYS,
    FICTIONAL_NAMES,
    FICTIONAL_SCHOOLS,
    FICTIONAL_SURNAMES,
    THEME_LABELS,
    THEMES,
    DemoContribution,
    generate_demo_contributions,
    jaccard,
)
from heard.core import vocab
from heard.core.vocab import (
    LIVED_EXPERIENCE,
    PERSPECTIVE_LABELS,
    PERSPECTIVES,
    PREFER_NOT_TO_SAY,
    PROFESSIONAL,
)

KINDS = tuple(code for code, _, _ in vocab.KINDS)
AGE_BANDS = tuple(code for code, _ in vocab.AGE_BANDS)
GENDERS = tuple(code for code, _ in vocab.GENDERS)
ETHNICITIES = tuple(code for code, _ in vocab.ETHNICITIES)
DISABILITY = tuple(code for code, _ in vocab.DISABILITY)

DEFAULT_COUNT = 480


@pytest.fixture(scope="module")
def items() -> list[DemoContribution]:
    return generate_demo_contributions()


def _share(items: list[DemoContribution], code: str) -> float:
    return sum(code in item.perspectives for item in items) / len(items)


def _is_dual(item: DemoContribution) -> bool:
    codes = item.perspectives
    return len(codes) == 2 and codes[0] in LIVED_EXPERIENCE and codes[1] in PROFESSIONAL


# --- Determinism and size -------------------------------------------------------------------


def test_same_seed_gives_the_same_corpus(items: list[DemoContribution]) -> None:
    assert generate_demo_contributions(seed=7) == items


def test_different_seeds_give_different_corpora(items: list[DemoContribution]) -> None:
    other = generate_demo_contributions(seed=8)
    assert [item.text for item in other] != [item.text for item in items]


def test_default_count(items: list[DemoContribution]) -> None:
    assert len(items) == DEFAULT_COUNT


@pytest.mark.parametrize("count", [0, 1, 7, 50, 1000])
def test_count_is_respected(count: int) -> None:
    assert len(generate_demo_contributions(seed=3, count=count)) == count


def test_negative_count_is_refused() -> None:
    with pytest.raises(ValueError):
        generate_demo_contributions(count=-1)


def test_contributions_are_frozen(items: list[DemoContribution]) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        items[0].text = "changed"  # type: ignore[misc]


# --- Codes and labels -----------------------------------------------------------------------


def test_code_lists_and_labels_agree() -> None:
    assert PERSPECTIVES == LIVED_EXPERIENCE + PROFESSIONAL
    assert len(LIVED_EXPERIENCE) == 9
    assert len(PROFESSIONAL) == 6
    assert set(PERSPECTIVE_LABELS) == set(PERSPECTIVES)
    assert set(vocab.EQUALITY_QUESTIONS) | {"local_authority"} == set(EQUALITY_KEYS)
    assert set(THEME_LABELS) == set(THEMES)
    assert all(label.strip() for label in PERSPECTIVE_LABELS.values())


def test_ethnicities_follow_the_2021_census() -> None:
    census = [code for code in ETHNICITIES if code != PREFER_NOT_TO_SAY]
    assert len(census) == 19
    assert set(census) == set(vocab.ETHNICITY_HEADING)
    groups = Counter(vocab.ETHNICITY_HEADING[code].split()[0].rstrip(",") for code in census)
    assert groups == {"White": 5, "Mixed": 4, "Asian": 5, "Black": 3, "Other": 2}


def test_generator_codes_come_from_vocab() -> None:
    """The generator's hard-coded codes are all codes from heard.core.vocab."""
    assert corpus._KIND_CODES == KINDS
    assert all(len(weights) == len(KINDS) for weights in corpus._KIND_WEIGHTS.values())
    quota_codes = {code for _, code, _ in corpus._VOICE_QUOTAS if code is not None}
    assert quota_codes == set(PERSPECTIVES)
    assert set(corpus._ROLE_THEMES) <= set(PROFESSIONAL)
    assert set(corpus._ROLE_NOUNS) == set(PROFESSIONAL)
    assert {code for code, _ in corpus._SECOND_CODE_CHANCE.values()} <= set(LIVED_EXPERIENCE)
    assert set(corpus._ETHNICITY_WEIGHTS) == set(vocab.ETHNICITY_HEADING)
    for weights in corpus._GENDER_WEIGHTS.values():
        assert set(weights) <= set(GENDERS) - {PREFER_NOT_TO_SAY}
    assert {gender for _, gender, _ in corpus._GRANDPARENT_WORDS} <= set(GENDERS)
    assert {corpus._age_band(age) for age in range(0, 90)} == set(AGE_BANDS) - {PREFER_NOT_TO_SAY}


def test_demo_local_authorities() -> None:
    assert 8 <= len(DEMO_LOCAL_AUTHORITIES) <= 12
    assert len(set(DEMO_LOCAL_AUTHORITIES)) == len(DEMO_LOCAL_AUTHORITIES)
    assert "Bristol, City of" in DEMO_LOCAL_AUTHORITIES


def test_only_allowed_codes_are_used(items: list[DemoContribution]) -> None:
    allowed = {
        "age_band": set(AGE_BANDS),
        "gender": set(GENDERS),
        "ethnicity": set(ETHNICITIES),
        "disability": set(DISABILITY),
        "local_authority": set(DEMO_LOCAL_AUTHORITIES),
    }
    assert set(allowed) == set(EQUALITY_KEYS)
    for item in items:
        assert item.kind in KINDS
        assert item.theme_hint in THEMES
        assert 1 <= len(item.perspectives) <= 2
        assert len(set(item.perspectives)) == len(item.perspectives)
        assert set(item.perspectives) <= set(PERSPECTIVES)
        for key, value in item.equality.items():
            assert value in allowed[key], (key, value)
        assert 0 <= item.days_ago <= 240
        assert item.feeling_of_influence is None or 1 <= item.feeling_of_influence <= 5


def test_equality_answers_are_often_blank_or_withheld(items: list[DemoContribution]) -> None:
    for key in EQUALITY_KEYS:
        blank = sum(key not in item.equality for item in items)
        assert blank > 0.05 * len(items), key
    for key in ("age_band", "gender", "ethnicity", "disability"):
        withheld = sum(item.equality.get(key) == "prefer_not_to_say" for item in items)
        assert withheld > 0.02 * len(items), key


def test_age_bands_fit_the_perspective(items: list[DemoContribution]) -> None:
    adult_bands = {"18_21", "22_25", "26_plus", "prefer_not_to_say"}
    for item in items:
        band = item.equality.get("age_band")
        if band is None:
            continue
        if item.perspectives == ("child_in_care",):
            assert band in {"under_12", "12_15", "16_17", "prefer_not_to_say"}
        elif "child_in_care" not in item.perspectives:
            assert band in adult_bands, (item.perspectives, band)


def test_parents_gender_fits(items: list[DemoContribution]) -> None:
    for item in items:
        gender = item.equality.get("gender")
        if "parent_father" in item.perspectives and gender:
            assert gender in {"boy_man", "prefer_not_to_say"}
        if "parent_mother" in item.perspectives and gender:
            assert gender in {"girl_woman", "prefer_not_to_say"}


# --- Texts ----------------------------------------------------------------------------------


def test_word_length_bounds(items: list[DemoContribution]) -> None:
    for item in items:
        assert 40 <= len(item.text.split()) <= 250, item.text


def test_titles_are_short(items: list[DemoContribution]) -> None:
    assert any(item.title == "" for item in items)
    assert any(item.title for item in items)
    assert all(len(item.title.split()) <= 8 for item in items)


def test_no_unfilled_placeholders(items: list[DemoContribution]) -> None:
    for item in items:
        assert "{" not in item.text and "}" not in item.text, item.text


def test_no_duplicate_texts(items: list[DemoContribution]) -> None:
    assert len({item.text for item in items}) == len(items)


def test_near_duplicates_are_rare(items: list[DemoContribution]) -> None:
    word_sets = [frozenset(re.findall(r"[a-z']+", item.text.lower())) for item in items]
    similarities = [len(a & b) / len(a | b) for a, b in itertools.combinations(word_sets, 2)]
    assert max(similarities) < 0.8
    assert sum(value >= 0.6 for value in similarities) <= 0.001 * len(similarities)


def test_jaccard_helper() -> None:
    assert jaccard("a b c", "a b c") == 1.0
    assert jaccard("a b", "c d") == 0.0
    assert jaccard("", "") == 1.0


def test_no_contact_details(items: list[DemoContribution]) -> None:
    phone = re.compile(r"(\+44|\b0\d{2,4}[\s-]?\d{3}[\s-]?\d{3,4}\b|\d{5,})")
    email = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
    for item in items:
        for text in (item.text, item.title):
            assert not phone.search(text), text
            assert not email.search(text), text
            assert "@" not in text and "http" not in text and "www." not in text


def test_no_risk_disclosures(items: list[DemoContribution]) -> None:
    risky = re.compile(
        r"\b(abuse\w*|self[- ]harm\w*|suicid\w*|overdos\w*|assault\w*|violen\w*|weapons?|"
        r"knife|knives|rape[ds]?|raping|kill\w*|dead|die[ds]?|drugs?|beat(en|ing)?|hit)\b",
        re.IGNORECASE,
    )
    for item in items:
        assert not risky.search(item.text), item.text


def test_personal_data_is_flagged(items: list[DemoContribution]) -> None:
    flagged = [item for item in items if item.contains_personal_data]
    assert 0.03 * len(items) <= len(flagged) <= 0.07 * len(items)
    fictional = (*FICTIONAL_NAMES, *FICTIONAL_SURNAMES, *FICTIONAL_SCHOOLS)
    pattern = re.compile(r"\b(" + "|".join(re.escape(term) for term in fictional) + r")\b")
    for item in items:
        if item.contains_personal_data:
            assert item.personal_data_terms
            assert all(term in item.text for term in item.personal_data_terms)
        else:
            assert item.personal_data_terms == ()
            assert not pattern.search(item.text), item.text


def test_voices_are_first_person(items: list[DemoContribution]) -> None:
    first_person = re.compile(r"\b(I|I'm|I've|I'd|[Mm]y|[Mm]e|[Ww]e|[Oo]ur|[Uu]s)\b")
    for item in items:
        assert first_person.search(item.text), item.text


def _words_per_sentence(texts: list[str]) -> float:
    sentences = sum(text.count(".") + text.count("?") for text in texts)
    return sum(len(text.split()) for text in texts) / sentences


def test_voices_differ(items: list[DemoContribution]) -> None:
    young = [i.text for i in items if i.equality.get("age_band") == "under_12"]
    workers = [i.text for i in items if i.perspectives == ("social_worker",)]
    assert young and workers
    # Younger children write shorter sentences than social workers.
    assert _words_per_sentence(young) < _words_per_sentence(workers)
    dual_phrase = "as someone who grew up in care and now works in it"
    assert any(dual_phrase in item.text.lower() for item in items)


def test_ideas_read_as_proposals(items: list[DemoContribution]) -> None:
    proposal = re.compile(r"idea|suggest|would help|would make|change|propose|should", re.I)
    ideas = [item for item in items if item.kind == "idea"]
    assert ideas
    for item in ideas:
        assert proposal.search(item.text), item.text


# --- Who is heard (built-in representation gaps) --------------------------------------------


def test_every_perspective_kind_and_theme_is_present(items: list[DemoContribution]) -> None:
    assert {code for item in items for code in item.perspectives} == set(PERSPECTIVES)
    assert {item.kind for item in items} == set(KINDS)
    assert {item.theme_hint for item in items} == set(THEMES)


def test_each_theme_is_heard_from_several_perspectives(items: list[DemoContribution]) -> None:
    by_theme: dict[str, set[str]] = {}
    for item in items:
        by_theme.setdefault(item.theme_hint, set()).update(item.perspectives)
    for theme, codes in by_theme.items():
        assert len(codes) >= 3, theme


def test_fathers_and_other_family_are_rare(items: list[DemoContribution]) -> None:
    fathers = _share(items, "parent_father")
    mothers = _share(items, "parent_mother")
    assert 0 < fathers <= 0.045
    assert mothers >= 3 * fathers
    assert 0 < _share(items, "other_family") <= 0.035


def test_main_perspective_shares(items: list[DemoContribution]) -> None:
    expected = {
        "child_in_care": 0.22,
        "care_leaver": 0.20,
        "parent_mother": 0.12,
        "foster_carer": 0.06,
        "kinship_carer": 0.05,
        "adopted": 0.04,
    }
    for code, share in expected.items():
        assert abs(_share(items, code) - share) <= 0.04, code
    single = [item for item in items if len(item.perspectives) == 1]
    assert abs(_share(single, "social_worker") * len(single) / len(items) - 0.11) <= 0.03


def test_older_care_leavers_are_rare(items: list[DemoContribution]) -> None:
    leavers = [item for item in items if item.perspectives == ("care_leaver",)]
    older = [i for i in leavers if i.equality.get("age_band") in {"22_25", "26_plus"}]
    assert len(older) <= 0.1 * len(leavers)


def test_two_perspectives_and_dual_perspective(items: list[DemoContribution]) -> None:
    two = [item for item in items if len(item.perspectives) == 2]
    dual = [item for item in items if _is_dual(item)]
    assert 0.05 <= len(two) / len(items) <= 0.11
    assert 0.03 <= len(dual) / len(items) <= 0.07
    assert all(item.perspectives[0] in LIVED_EXPERIENCE for item in two)


def test_consent_rates(items: list[DemoContribution]) -> None:
    count = len(items)
    assert sum(item.consent_analysis for item in items) >= 0.93 * count
    assert 0.68 <= sum(item.consent_quote for item in items) / count <= 0.82
    assert 0.47 <= sum(item.consent_publish for item in items) / count <= 0.63
    assert all(item.consent_quote for item in items if item.consent_publish)


def test_influence_is_sometimes_unanswered(items: list[DemoContribution]) -> None:
    answers = Counter(item.feeling_of_influence for item in items)
    assert answers[None] > 0
    assert set(answers) - {None} == {1, 2, 3, 4, 5}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_gaps_hold_for_other_seeds(seed: int) -> None:
    other = generate_demo_contributions(seed=seed)
    assert _share(other, "parent_father") <= 0.045
    assert {code for item in other for code in item.perspectives} == set(PERSPECTIVES)
    assert len({item.text for item in other}) == len(other)


# --- Pools ----------------------------------------------------------------------------------


def test_every_pool_a_voice_can_reach_exists() -> None:
    for theme in THEMES:
        voices = corpus.LIVED[theme]
        assert len(voices) >= 3, theme
        for voice, sentences in voices.items():
            assert sentences, (theme, voice)
            family = corpus._FAMILY_OF_VOICE[voice]
            assert corpus.IDEAS[theme].get(family), (theme, voice)
    for voice in corpus._FAMILY_OF_VOICE:
        assert set(corpus._OPENERS[voice]) == set(KINDS), voice
        assert corpus._CLOSERS[voice] and corpus._FILLERS[voice], voice

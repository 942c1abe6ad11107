"""Behaviour of the safeguarding triage classifier and its evaluation helpers.

Most tests in the first half pin the RULE signal (`classify_rules`): its phrases and context
rules. The tests after "The combined classifier" pin what `classify` (rules + semantic model)
does: the API the rest of Heard calls."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from heard.safety.safeguarding_eval import (
    Example,
    LabelledDataError,
    evaluate,
    format_report,
    load_labelled,
)
from heard.safety.triage import TriageResult, Trigger, classify, classify_rules

LABELLED = Path(__file__).resolve().parents[1] / "data" / "safeguarding_labelled.jsonl"


def level(text: str) -> str:
    """The rules' level: these tests pin the lexicons and context rules."""
    return classify_rules(text).level


# --- Each category ----------------------------------------------------------------------


CURRENT_RISK = (
    "kms honestly cant do this anymore",
    "gonna unalive myself",
    "i feel sucidal all the time",
    "I want to end it all",
    "I'm going to take an overdose tonight",
    "i od'd last night",
    "i self harm most nights",
    "been cuttin again",
    "my stepdad batters me",
    "he hurts me",
    "my uncle touches me and says it's our secret",
    "he keeps asking for pics and says he'll share them",
    "they make me carry stuff for them, it's county lines",
    "there's no food in the house and we haven't eaten since Monday",
    "they lock me in my room",
    "I'm not safe at home",
    "I'm scared to go home",
    "I'm going to hurt him tomorrow",
    "my parents are forcing me to marry my cousin",
    "they are taking my sister abroad for fgm",
    "he chokes me when he's angry",
)

DISTRESS_AND_WORRY = (
    "I feel really low and I can't cope",
    "I'm worried about my little sister, she seems withdrawn",
    "I keep having flashbacks",
    "Since leaving care I feel so alone",
)

SAFE_USES_OF_RISK_WORDS = (
    "The training on self-harm was useful",
    "I killed it in my exams",
    "my social worker is to die for",
    "I'm cutting down on sugar",
    "Me and my mates were cutting shapes all night",
    "He beat me at FIFA again",
    "Hit me up if you want to join the forum",
    "I'm dying to see my sister at Christmas",
    "My social worker has changed four times this year",
    "The session on county lines and forced marriage was good",
    "As a dad I feel shut out of decisions about my children",
    "I'm worried about paying my gas bill",
)


# One table: every example is a (text, level) row, so a new category is a new list above.
@pytest.mark.parametrize(
    ("text", "expected"),
    [(text, "immediate") for text in CURRENT_RISK]
    + [(text, "concern") for text in DISTRESS_AND_WORRY]
    + [(text, "none") for text in SAFE_USES_OF_RISK_WORDS],
)
def test_each_category_gets_its_level(text: str, expected: str) -> None:
    assert level(text) == expected


# --- Negation, tense and reported speech ------------------------------------------------


def test_negation_clears_the_trigger() -> None:
    assert level("I have never been hit") == "none"
    assert level("I have been hit") == "immediate"
    assert level("I'm not suicidal, I just want a social worker who stays") == "none"
    assert level("He has never touched me or hurt me") == "none"


def test_negation_does_not_reach_past_a_new_subject() -> None:
    # The "can't" belongs to telling, not to the hitting.
    assert level("I can't tell anyone he hits me") == "immediate"
    # "can't stop" affirms what follows.
    assert level("I can't stop cutting") == "immediate"


def test_conditional_is_not_negation() -> None:
    assert level("if I don't send more he'll share them") == "immediate"


def test_past_abuse_is_concern_and_current_is_immediate() -> None:
    assert level("When I was little my dad used to hit me") == "concern"
    assert level("My dad hits me") == "immediate"
    assert level("I used to self harm but I've stopped now") == "concern"
    assert level("In my last placement the carers used to lock me in") == "concern"
    assert level("I tried to kill myself years ago") == "concern"


def test_present_cues_override_past_cues() -> None:
    assert level("He used to hit me and he still does") == "immediate"
    assert level("last time he hit me and contact is tomorrow") == "immediate"


def test_past_trigger_reason_says_past() -> None:
    result = classify_rules("I used to self harm when I was 13")
    assert result.triggers[0].reason == "talks about harming themselves in the past"
    assert classify_rules("I self harm").triggers[0].reason == "talks about harming themselves now"


def test_reported_speech() -> None:
    # Present tense and current: immediate even though it is second-hand.
    current = classify_rules("my friend said her dad hits her")
    assert current.level == "immediate"
    assert "reported by someone else" in current.triggers[0].reason
    # Second-hand and not clearly current: still at least concern.
    assert level("my friend told me her uncle touched her") == "concern"
    assert level("my mate told me he wants to die") == "immediate"


def test_jokes_lower_threats_but_never_suicidal_talk() -> None:
    assert level("I'm going to kill my brother if he eats my chocolate 😂") == "concern"
    assert level("i wanna die lol not even joking") == "immediate"
    assert level("kms lol") == "immediate"


# --- Trigger spans and reasons --------------------------------------------------------


def test_trigger_spans_point_at_the_phrase() -> None:
    text = "Things are OK at school. But my stepdad hits me when mum is at work."
    result = classify_rules(text)
    assert result.level == "immediate"
    (trigger,) = result.triggers
    assert isinstance(trigger, Trigger)
    assert trigger.phrase == "hits me"
    assert text[trigger.start : trigger.end] == "hits me"
    assert trigger.start == text.index("hits me")
    assert trigger.level == "immediate"
    assert trigger.reason == "describes someone being hit or hurt now"


def test_spans_survive_html_and_curly_apostrophes() -> None:
    text = "<p>Hello</p><p>I don’t want to <b>be here</b> anymore</p>"
    result = classify_rules(text)
    assert result.level == "immediate"
    for trigger in result.triggers:
        assert text[trigger.start : trigger.end] == trigger.phrase
    assert "don’t want to" in result.triggers[0].phrase


def test_all_triggers_are_listed_in_order_without_overlaps() -> None:
    text = "I feel so alone. He batters me. I've started cutting."
    triggers = classify_rules(text).triggers
    assert [t.phrase for t in triggers] == ["feel so alone", "batters me", "cutting"]
    assert [t.level for t in triggers] == ["concern", "immediate", "immediate"]
    for earlier, later in zip(triggers, triggers[1:], strict=False):
        assert earlier.end <= later.start


def test_no_triggers_for_none() -> None:
    assert classify_rules("Thanks for listening.") == TriageResult("none", [])
    assert classify("Thanks for listening.") == TriageResult("none", [])


# --- Robustness -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "😀😀😀🙃",
        "🔪",
        "<script>alert('x')</script>",
        "<<<>>><p></p>&nbsp;&amp;",
        "Мой социальный работник хороший. 我很好。 أنا بخير",
        "\x00\x01\ufffd",
        "." * 5000,
    ],
)
def test_odd_input_never_raises(text: str) -> None:
    assert classify(text).level in {"immediate", "concern", "none"}


def test_non_string_input_is_treated_as_empty() -> None:
    assert classify(None).level == "none"  # type: ignore[arg-type]


def test_script_tags_do_not_hide_a_disclosure() -> None:
    text = "<div><script>var x = 1;</script>i want to kill myself</div>"
    assert level(text) == "immediate"


def test_mixed_scripts_with_english_disclosure() -> None:
    assert level("Привет. He hits me every day. 谢谢") == "immediate"


def test_very_long_text_is_classified_correctly() -> None:
    # Speed is measured by `make bench`, not asserted here: tests never time things.
    filler = "We talked about school, football and my nan's dog. " * 400
    text = filler + "My stepdad hurts me. " + filler
    assert len(text) > 20_000
    result = classify_rules(text)
    assert result.level == "immediate"
    assert text[result.triggers[0].start : result.triggers[0].end] == "hurts me"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_valid_spans(text: str) -> None:
    result = classify(text)
    assert result.level in {"immediate", "concern", "none"}
    for trigger in result.triggers:
        assert 0 <= trigger.start < trigger.end <= len(text)
        assert text[trigger.start : trigger.end] == trigger.phrase


# --- The labelled set and the evaluation helpers --------------------------------------


@pytest.fixture(scope="module")
def labelled() -> list[Example]:
    return load_labelled(LABELLED)


def test_labelled_set_is_big_enough_and_balanced(labelled: list[Example]) -> None:
    counts = {
        label: sum(e.label == label for e in labelled) for label in ("immediate", "concern", "none")
    }
    assert counts["immediate"] >= 90
    assert counts["concern"] >= 90
    assert counts["none"] >= 140
    assert len({e.text for e in labelled}) == len(labelled)  # no duplicates


def test_rules_recall_on_labelled_set(labelled: list[Example]) -> None:
    """A regression floor for the rules on the set their lexicons were tuned against, not an
    estimate of recall on new text (see the README)."""
    result = evaluate(labelled, classify_rules)
    assert result["immediate"]["recall"] >= 0.98, format_report(result)
    assert result["concern"]["recall"] >= 0.90, format_report(result)


def test_evaluate_counts_and_scores() -> None:
    examples = [
        Example("I want to kill myself", "immediate"),
        Example("I feel so alone", "immediate"),  # predicted concern
        Example("I feel so alone", "concern"),
        Example("Thanks", "none"),
    ]
    result = evaluate(examples, classify_rules)
    assert set(result) == {"immediate", "concern", "none", "confusion"}
    assert result["immediate"] == {"precision": 1.0, "recall": 0.5, "support": 2}
    assert result["concern"] == {"precision": 0.5, "recall": 1.0, "support": 1}
    assert result["none"] == {"precision": 1.0, "recall": 1.0, "support": 1}
    assert result["confusion"]["immediate"]["concern"] == 1
    report = format_report(result)
    assert "immediate" in report and "0.500" in report and "confusion" in report


def test_evaluate_with_no_predictions_reports_zero() -> None:
    result = evaluate([Example("Thanks", "none")], classify_rules)
    assert result["immediate"] == {"precision": 0.0, "recall": 0.0, "support": 0}


def test_load_labelled_reads_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    rows = [{"text": "hello", "label": "none"}, {"text": "he hits me", "label": "immediate"}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    examples = load_labelled(path)
    assert [(e.text, e.label, e.line) for e in examples] == [
        ("hello", "none", 1),
        ("he hits me", "immediate", 2),
    ]


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("{not json", "not valid JSON"),
        ('["a list"]', "expected a JSON object"),
        ('{"label": "none"}', '"text" is missing'),
        ('{"text": "x", "label": "urgent"}', '"label" must be one of'),
    ],
)
def test_load_labelled_names_the_bad_line(tmp_path: Path, bad_line: str, message: str) -> None:
    path = tmp_path / "set.jsonl"
    path.write_text('{"text": "ok", "label": "none"}\n' + bad_line + "\n", encoding="utf-8")
    with pytest.raises(LabelledDataError) as caught:
        load_labelled(path)
    assert caught.value.line == 2
    assert "line 2" in str(caught.value)
    assert message in str(caught.value)


# --- The combined classifier (rules + semantic model) ---------------------------------

CALM_FEEDBACK = (
    "I wanted to write about the youth forum because I have been going for two years now. "
    "The Tuesday sessions are the best part of my week and the staff actually listen. "
    "Last month we planned a trip to the coast and everyone got a say in where we went. "
    "My social worker changed again in the summer, which was annoying, but the new one texts "
    "back and came to my review. School is going better since I moved to the new placement "
    "and I have started doing football on Saturdays with my foster brother. "
    "The food at the forum could be better, it is always pizza, and the room gets cold. "
    "I think more young people would come if there was a bus from the estate. "
)


def test_a_disclosure_no_rule_knows_is_found_inside_long_calm_feedback() -> None:
    disclosure = "He put his cigarette out on my arm again last night."
    text = CALM_FEEDBACK * 2 + disclosure + " " + CALM_FEEDBACK
    assert len(text.split()) > 300
    assert classify_rules(text).level == "none"  # the rules alone miss it
    result = classify(text)
    assert result.level == "immediate"
    (trigger,) = [t for t in result.triggers if t.source == "model"]
    assert disclosure in trigger.phrase
    assert text[trigger.start : trigger.end] == trigger.phrase


def test_long_calm_feedback_is_none() -> None:
    """It was a known false alarm (risk 0.75) until calm texts' whole rows became stage-1
    negatives (decision 0017, the revision after the revert)."""
    assert classify(CALM_FEEDBACK * 2).level == "none"


def test_a_story_number_does_not_make_calm_feedback_a_flag() -> None:
    """Reverted once for this: "Story 123:" read as immediate (digits in hashed words)."""
    for number in ("123", "7", "2024", "116 123"):
        text = f"Story {number}: my social worker changed again and nobody told me why."
        assert classify(text).level == "none", text


def test_short_calm_feedback_and_safe_uses_of_risk_words_are_none() -> None:
    for text in ("Thanks for the trip to the seaside, it was great.",
                 "The training on self-harm was useful",
                 "My social worker has changed four times this year",
                 "I killed it in my exams"):
        assert classify(text).level == "none", text


def test_short_calm_statements_about_the_writer_are_none() -> None:
    """One-line statements about the writer and short notes with a name and number (the shape
    of opinion-map statements and Open Space notes) were read as urgent (decision 0017); the
    `calm` corpus folder (decision 0025) teaches the model otherwise. None of these texts is in
    the corpus. "I identify as male." and "I voted to Leave." (known misses of model 9) are
    bounds on the thresholds since model 10 (`triage_tune.demo_texts`, decision 0026), never
    trained on."""
    for text in ("I am currently working", "I'm in year 10.",
                 "I am 15 and live in Cardiff.", "I'm a grandparent and I look after my grandson.",
                 "Ring Anna on 07700 900111 about the room.", "I identify as male.",
                 "I voted to Leave."):
        assert classify(text).level == "none", text


# Short facts about the writer, none of them in the corpus or a threshold bound: the issue's
# examples and others written before the `short` corpus folder (decision 0026, round 3).
ABOUT_YOU = ("I am male", "I identify as male", "I am 15", "I'm a dad", "I'm male.", "Male",
             "I am male, 16", "I am in year 8", "I'm a 15 year old boy", "I am adopted",
             "I'm a father", "I am transgender", "I'm lesbian", "I am a nan", "I'm from Syria",
             "I am at uni", "male, 15, Cardiff", "Gender: male", "I'm a single dad")


@pytest.mark.parametrize("text", ABOUT_YOU)
def test_a_short_fact_about_the_writer_is_not_a_flag(text: str) -> None:
    """Models 9 to 11 called "I am male" immediate: in a three-word text one word sets the
    embedding, and the corpus had almost no short texts, so the model extrapolated on them."""
    assert classify(text).level == "none", text


@pytest.mark.parametrize("text", ["I'm in year 8 and I want to die",
                                  "I am a boy and my uncle touches me",
                                  "I'm alone and there's no food"])
def test_a_short_disclosure_that_starts_like_a_fact_about_the_writer_is_immediate(
        text: str) -> None:
    assert classify(text).level == "immediate", text


WORDLESS = ("@SUM(1+1)", '=HYPERLINK("http://example.com/claim")', "=SUM(A1:A9)", "12345",
            "-1", "+44 7700 900456", "!!!!", "\U0001F600\U0001F600", "10/10", "?? ...")


@pytest.mark.parametrize("text", WORDLESS)
def test_text_with_no_words_is_never_flagged_by_the_model(text: str) -> None:
    """Numbers, punctuation, emoji, links and spreadsheet formulas alone: the model never saw
    such text, and "12345" and "@SUM(1+1)" passed the low risk gate as urgent (decision 0026).
    The rules still run on them."""
    result = classify(text)
    assert result.level == "none", text
    assert not [t for t in result.triggers if t.source == "model"]


def test_a_wordless_line_does_not_make_calm_feedback_a_flag() -> None:
    for text in ("Great session! 10/10", "Thanks. 12345", "Loved it!!! 5/5"):
        assert classify(text).level == "none", text


def test_a_disclosure_beside_wordless_text_still_reaches_the_model() -> None:
    """Any real words go through the model, even inside a formula or after a number."""
    for text in ('=HYPERLINK("http://example.com","he hits me every night and I am scared")',
                 "12345. he hits me every night and I am scared to go home"):
        result = classify(text)
        assert result.level == "immediate", text
        assert [t for t in result.triggers if t.source == "model"], text


def test_the_demo_ideas_and_answers_stay_unflagged_at_the_shipped_thresholds() -> None:
    """The thresholds are picked for recall within lower bounds set by these texts
    (`triage_tune.demo_texts`, `concern_floor`): a flagged idea is never published, so a lower
    threshold that flags one breaks `heard demo`. Re-picking must keep them unflagged."""
    from heard.contributions.demo_words import CHANGES, HELPED, IDEAS

    for text in (*HELPED, *CHANGES, *(f"{title}. {idea}" for title, idea in IDEAS),
                 *(idea for _title, idea in IDEAS)):
        assert classify(text).level == "none", text


def test_the_tuner_bounds_the_demo_texts_as_the_shipped_model_scores_them() -> None:
    """The demo bounds were hand-copied scores of an older model (model 11 was tuned against
    model 10's). The tuner now scores the demo texts with the model that ships: whatever the
    held-out scores would have it pick, no demo text or calm fixture is called immediate."""
    import numpy as np

    from heard.safety import triage_model, triage_tune

    loaded = triage_model.get_loaded()
    assert loaded.model is not None and loaded.embedder is not None
    # Held-out scores that would have the picker go as low as it can: every immediate text
    # barely risky and barely urgent, nothing else risky at all.
    # Half the immediate texts are of mid length, so both urgency thresholds (texts of 8-15
    # words have their own: `triage_model.urgency_for`) would go as low as they can.
    count = 40
    labels = ["immediate"] * count + ["concern"] * count + ["none"] * count
    low = np.array([0.04] * count + [0.0] * 2 * count)
    texts = [" ".join(["word"] * 10)] * (count // 2) + [""] * (count // 2 + 2 * count)
    oof = triage_tune.OutOfFold(["w"] * 3 * count, labels, texts, low, low,
                                ["none"] * 3 * count, np.array([0.06] * 3 * count), low)
    points = triage_tune.demo_points(loaded.model, loaded.embedder)
    assert len(points) == len(triage_tune.demo_texts())
    picked = triage_tune.pick_thresholds(oof, floor={}, demo_points=points)
    assert picked.mid is not None
    for text in triage_tune.demo_texts():
        scores = triage_model.score_windows(loaded.model, loaded.embedder, text)
        assert triage_model.decide(scores, picked, len(text.split())).level != "immediate", \
            text


def test_model_reason_has_the_sentence_its_score_and_nearest_examples() -> None:
    result = classify("i dont want to be alive anymore and ive saved up my tablets")
    assert result.level == "immediate"
    (trigger,) = [t for t in result.triggers if t.source == "model"]
    assert trigger.score is not None and 0.0 < trigger.score <= 1.0
    assert "model score" in trigger.reason
    assert len(trigger.examples) == 3
    assert all(e.label in {"immediate", "concern", "none"} and e.text for e in trigger.examples)
    assert trigger.examples[0].similarity >= trigger.examples[-1].similarity


def test_the_rules_are_a_floor_at_concern_only() -> None:
    from heard.safety.triage import with_rule_floor

    # An immediate rule phrase always flags the text (at least concern), whatever the model;
    # the model decides whether it is urgent. A concern rule phrase alone flags nothing.
    assert with_rule_floor("none", "immediate") == "concern"
    assert with_rule_floor("immediate", "none") == "immediate"
    assert with_rule_floor("none", "concern") == "none"
    assert with_rule_floor("concern", "immediate") == "concern"


def test_in_a_short_first_person_text_the_rules_level_is_the_floor() -> None:
    """In a text of a few words the rules judge the whole text as one sentence, while the model
    weighs it against the corpus's short windows, mostly calm facts about the writer: "I am not
    safe" and "she touched me" were concern, "I'm being bullied" none (decision 0026, round 5).
    Only when the writer speaks for themself: a short topic line keeps the usual floor."""
    from heard.safety.triage import speaks_for_self_briefly, with_rule_floor

    assert with_rule_floor("concern", "immediate", text="I am not safe") == "immediate"
    assert with_rule_floor("none", "immediate", text="she touched me") == "immediate"
    assert with_rule_floor("none", "concern", text="I'm being bullied") == "concern"
    assert with_rule_floor("none", "concern", text="im being bullied") == "concern"
    # Third person or a topic: the usual floor.
    assert with_rule_floor("none", "immediate", text="FGM e-learning done.") == "concern"
    assert with_rule_floor("none", "concern", text="Bullying policy review.") == "none"
    # Longer than the longest length band: the usual floor, the model decides.
    long_text = "I am not safe here, said the boy in the story we read in class today"
    assert not speaks_for_self_briefly(long_text)
    assert with_rule_floor("concern", "immediate", text=long_text) == "concern"
    # The model alone (an empty floor) is never floored.
    assert with_rule_floor("none", "immediate", {}, text="I am not safe") == "none"


@pytest.mark.parametrize(("text", "level"), [("I am not safe", "immediate"),
                                              ("she touched me", "immediate"),
                                              ("I'm being bullied", "concern")])
def test_a_short_first_person_disclosure_keeps_the_rules_level(text: str, level: str) -> None:
    assert classify(text).level == level, text


def test_no_short_fact_about_the_writer_in_the_short_checks_is_flagged() -> None:
    """The 70 about-you facts kept out of training (`tests/data/triage_short_checks.json`,
    decision 0026 rounds 3-5): none may be flagged, whatever the rules' short-text floor does."""
    checks = json.loads((Path(__file__).resolve().parents[1] / "data" /
                         "triage_short_checks.json").read_text(encoding="utf-8"))
    flagged = [(t, classify(t).level) for t in checks["about_you"]]
    assert len(flagged) == 70
    assert [(t, level) for t, level in flagged if level != "none"] == []


def test_rule_reasons_are_kept_beside_the_model_reason() -> None:
    result = classify("My stepdad hits me when mum is at work.")
    assert result.level == "immediate"
    assert {t.source for t in result.triggers} == {"rule", "model"}


def test_degraded_mode_still_answers_with_the_rules(monkeypatch: pytest.MonkeyPatch,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    from heard.analysis.themes.errors import ModelUnavailableError
    from heard.safety import triage_model

    def no_model(*_args: object, **_kwargs: object) -> None:
        raise ModelUnavailableError("no static model here")

    monkeypatch.setattr(triage_model, "build", no_model)
    triage_model.reset_for_tests()
    try:
        with caplog.at_level("ERROR"):
            result = classify("my stepdad batters me")
        assert result.level == "immediate"
        assert result.degraded is True
        assert [t.source for t in result.triggers] == ["rule"]
        assert "DEGRADED" in caplog.text
        assert classify("Thanks for the trip").degraded is True
    finally:
        triage_model.reset_for_tests()


def test_the_system_check_warns_when_triage_would_be_degraded(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from heard.safety import triage_checks, triage_model

    monkeypatch.setattr(triage_model, "readiness", lambda: (False, "model2vec is missing."))
    (warning,) = triage_checks.triage_model_check()
    assert warning.id == "heard.safety.W101"
    assert "DEGRADED" in warning.msg
    monkeypatch.setattr(triage_model, "readiness", lambda: (True, ""))
    assert triage_checks.triage_model_check() == []


def test_the_model_never_raises_into_classify(monkeypatch: pytest.MonkeyPatch) -> None:
    from heard.safety import triage_model

    def broken(*_args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(triage_model, "score_windows", broken)
    result = classify("he hits me")
    assert result.level == "immediate" and result.degraded is True

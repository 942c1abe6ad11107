"""Personal-data detection and redaction: real model, real rules, real labelled data."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from heard.safety.redaction import (
    RedactionError,
    Span,
    apply_redactions,
    detect,
    detect_many,
    nhs_check_digit_ok,
    placeholder_for,
)
from heard.safety.redaction_eval import GoldDataError, evaluate, format_report, load_gold

DATA = Path(__file__).resolve().parents[1] / "data"
UK_SET = DATA / "redaction_uk_labelled.json"
SYNTH_SET = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "pii" / (
    "synth_dataset_v2.json"
)
SYNTH_TYPES = {
    "PERSON", "STREET_ADDRESS", "PHONE_NUMBER", "EMAIL_ADDRESS", "ZIP_CODE", "ORGANIZATION",
    "CREDIT_CARD", "IBAN_CODE", "US_SSN", "IP_ADDRESS",
}


def found(text: str) -> dict[str, list[str]]:
    """Detected spans as {type: [covered text, ...]}."""
    out: dict[str, list[str]] = {}
    for span in detect(text):
        out.setdefault(span.entity_type, []).append(text[span.start : span.end])
    return out


def valid_nhs(first_nine: str) -> str:
    total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    assert check != 10, "pick other digits: no valid check digit"
    return first_nine + str(check)


# ------------------------------------------------------------------- each UK type


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("My social worker Siobhan Kelly never calls back.", "PERSON", "Siobhan Kelly"),
        ("my brother kacper is in a different foster home", "PERSON", "kacper"),
        ("Email me at aisha.k@gmail.com please", "EMAIL_ADDRESS", "aisha.k@gmail.com"),
        ("ring me on 07700 900123 after school", "PHONE_NUMBER", "07700 900123"),
        ("call +44 (0)7700 900 321 any time", "PHONE_NUMBER", "+44 (0)7700 900 321"),
        ("The office is on (0113) 496 0012.", "PHONE_NUMBER", "(0113) 496 0012"),
        ("landline 0161-496-0123", "PHONE_NUMBER", "0161-496-0123"),
        ("text +447700900987", "PHONE_NUMBER", "+447700900987"),
        ("We live at 14 Elm Road now.", "STREET_ADDRESS", "14 Elm Road"),
        ("Our postcode is LS6 2AB.", "UK_POSTCODE", "LS6 2AB"),
        ("My NI number is AB 12 34 56 C", "UK_NINO", "AB 12 34 56 C"),
        ("I go to Oakfield Academy.", "ORGANIZATION", "Oakfield Academy"),
        ("I was at St Mary's Primary until year 4.", "ORGANIZATION", "St Mary's Primary"),
        ("Leeds City Council took me into care.", "ORGANIZATION", "Leeds City Council"),
        ("Barnardo's helped my mum.", "ORGANIZATION", "Barnardo's"),
        ("I was born on 12/03/2009.", "DATE_OF_BIRTH", "12/03/2009"),
        ("my birthday is 3rd June", "DATE_OF_BIRTH", "3rd June"),
        ("see https://tiktok.com/@kacper_k for my videos", "URL", "https://tiktok.com/@kacper_k"),
        ("follow me @sio_bhan99 on insta", "SOCIAL_HANDLE", "@sio_bhan99"),
        ("my snap is connor_b07 add me", "SOCIAL_HANDLE", "connor_b07"),
    ],
)
def test_each_uk_type_is_found_in_a_typical_sentence(text: str, kind: str, expected: str) -> None:
    assert expected in found(text).get(kind, []), found(text)


def test_nhs_numbers_need_a_valid_check_digit() -> None:
    good = valid_nhs("943476591")
    bad = good[:9] + str((int(good[9]) + 1) % 10)
    assert nhs_check_digit_ok(good) and not nhs_check_digit_ok(bad)
    spaced = f"{good[:3]} {good[3:6]} {good[6:]}"
    assert found(f"His NHS number is {spaced}.")["UK_NHS"] == [spaced]
    missed = found(f"His NHS number is {bad[:3]} {bad[3:6]} {bad[6:]}.")
    assert "UK_NHS" not in missed and "PHONE_NUMBER" not in missed


def test_spans_are_sorted_and_do_not_overlap() -> None:
    text = "Flat 3, 27 Victoria Street, Leeds LS6 2AB. Call Jayden on 07700 900123."
    spans = detect(text)
    assert spans == sorted(spans, key=lambda s: s.start)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))
    assert {s.source for s in spans} <= {"ner", "pattern"}


def test_detect_many_matches_detect() -> None:
    texts = ["Aisha lives at 14 Elm Road.", "", "Nothing personal here."]
    assert detect_many(texts) == [detect(text) for text in texts]


# ------------------------------------------------------------------------ redaction


def test_apply_redactions_puts_placeholders_in_place() -> None:
    text = "I'm Connor, I go to Oakfield Academy, ring 07700 900123."
    redacted = apply_redactions(text, detect(text))
    assert redacted == "I'm [name], I go to [school], ring [phone]."


def test_placeholders() -> None:
    assert placeholder_for("ORGANIZATION", "Leeds City Council") == "[school or organisation]"
    assert placeholder_for("ORGANIZATION", "Moorside High School") == "[school]"
    assert placeholder_for("UK_NHS", "943 476 5919") == "[NHS number]"
    assert placeholder_for("US_SSN", "123-45-6789") == "[ID number]"
    assert placeholder_for("SOMETHING_NEW", "x") == "[personal information]"


@pytest.mark.parametrize(
    ("spans", "message"),
    [
        ([Span("PERSON", 5, 50, 1.0, "ner")], "outside the text"),
        ([Span("PERSON", -1, 3, 1.0, "ner")], "outside the text"),
        ([Span("PERSON", 3, 3, 1.0, "ner")], "outside the text"),
        ([Span("PERSON", 0, 5, 1.0, "ner"), Span("PHONE_NUMBER", 4, 8, 1.0, "pattern")],
         "overlap"),
    ],
)
def test_bad_spans_raise_a_clear_error(spans: list[Span], message: str) -> None:
    with pytest.raises(RedactionError, match=message):
        apply_redactions("Aisha rang me.", spans)


# ------------------------------------------------------------------------ odd input


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "🙂🙂🙂 💔",
        "Меня зовут Аня, 我叫小明, اسمي عائشة and I'm Aisha",
        "<script>alert('Siobhan')</script><b>07700 900123</b>",
        "x" * 20_000,
        ("Connor Walsh lives at 14 Elm Road LS6 2AB. " * 500)[:20_000],
        "\x00\x01\ufeff\u200b",
    ],
)
def test_odd_input_does_not_raise(text: str) -> None:
    spans = detect(text)
    assert all(0 <= s.start < s.end <= len(text) for s in spans)
    apply_redactions(text, spans)


def test_no_network_is_touched(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("detection tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    from heard.safety.redaction.recognisers import contact

    contact._suffixes.cache_clear()  # build the suffix list again, under the patch
    text = "Email jo@leeds.gov.uk or see www.example.co.uk, Aisha."
    assert found(text)["EMAIL_ADDRESS"] == ["jo@leeds.gov.uk"]


# ----------------------------------------------------------------------- evaluation


def test_load_gold_explains_bad_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"full_text": "hi", "spans": [
        {"entity_type": "PERSON", "start_position": 0, "end_position": 9}]}]))
    with pytest.raises(GoldDataError, match="example 0.*outside the text"):
        load_gold(bad)
    bad.write_text("{not json")
    with pytest.raises(GoldDataError, match="not valid JSON"):
        load_gold(bad)
    with pytest.raises(GoldDataError, match="cannot read"):
        load_gold(tmp_path / "missing.json")


def test_evaluate_matching_rule() -> None:
    examples = load_gold_text("Aisha Khan rang 07700 900123.", [("PERSON", 0, 10)])
    half = [[Span("PERSON", 0, 5, 1.0, "ner"), Span("PHONE_NUMBER", 16, 28, 1.0, "pattern")]]
    result = evaluate(examples, predictions=half)
    assert result["overall"]["recall"] == 1.0  # 5 of 10 characters: half counts
    assert result["overall"]["precision"] == 0.5  # the phone was not labelled
    assert result["per_type"]["PHONE_NUMBER"]["precision"] == 0.0
    assert "overall" in format_report(result)


def load_gold_text(text: str, spans: list[tuple[str, int, int]]) -> list:
    from heard.safety.redaction_eval import Example, GoldSpan

    return [Example(text, tuple(GoldSpan(*span) for span in spans))]


@pytest.fixture(scope="module")
def uk_result() -> dict:
    return evaluate(load_gold(UK_SET))


@pytest.fixture(scope="module")
def synth_result() -> dict:
    if not SYNTH_SET.exists():
        pytest.skip(f"the synthetic set is not at {SYNTH_SET} (it lives in shared/data/pii)")
    return evaluate(load_gold(SYNTH_SET), SYNTH_TYPES)


def test_uk_set_is_well_formed() -> None:
    records = json.loads(UK_SET.read_text(encoding="utf-8"))
    assert len(records) >= 160
    assert sum(1 for r in records if not r["spans"]) >= 40
    for record in records:
        for span in record["spans"]:
            covered = record["full_text"][span["start_position"] : span["end_position"]]
            assert covered == span["entity_value"]


@pytest.mark.parametrize(
    ("kind", "target"),
    [("EMAIL_ADDRESS", 0.95), ("PHONE_NUMBER", 0.95), ("UK_POSTCODE", 0.95), ("UK_NHS", 0.95),
     ("UK_NINO", 0.95), ("PERSON", 0.90)],
)
def test_uk_set_recall(uk_result: dict, kind: str, target: float) -> None:
    assert uk_result["per_type"][kind]["recall"] >= target, format_report(uk_result)


def test_synthetic_set_targets(synth_result: dict) -> None:
    overall = synth_result["overall"]
    assert overall["recall"] >= 0.90, format_report(synth_result)
    assert overall["f2"] >= 0.85, format_report(synth_result)

"""No CSV that Heard writes can make a spreadsheet run a formula. Every export goes through one
writer (heard/core/csv_safe.py); a test fails if any module writes CSV another way, and every
export is generated here with formula-like words planted wherever words reach it."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from heard.accountability.actions import do_add_action, do_publish_response
from heard.activities.actions import do_set_activity_status
from heard.activities.answers import clean_answers
from heard.activities.consultation.actions import QuestionFields, do_add_question
from heard.activities.models import Activity
from heard.activities.opinion_map.actions import (
    do_add_statement,
    do_cast_vote,
    do_create_opinion_map,
    do_register_voter,
)
from heard.analysis.themes import FakeEmbedder
from heard.cli import main
from heard.contributions.actions import NewContribution, do_submit_contribution
from heard.core.csv_safe import FORMULA_STARTS, neutralise
from heard.safety.actions import do_publish, do_review_redactions
from heard.safety.safeguarding import do_acknowledge_flag, do_close_flag, do_record_flag_action

from ..activities.activity_helpers import make_activity
from ..conftest import client_for

ROOT = Path(__file__).resolve().parents[2]
PAYLOADS = ['=HYPERLINK("https://evil.example","click")', "+SUM(A1:A9)", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)", "\t=1+1", "\r=1+1"]
CSV_WRITING = re.compile(r"\bcsv\.(writer|DictWriter)\s*\(")


def test_only_the_one_safe_writer_writes_csv():
    offenders = [str(path.relative_to(ROOT)) for path in (ROOT / "heard").rglob("*.py")
                 if CSV_WRITING.search(path.read_text(encoding="utf-8"))
                 and path.name != "csv_safe.py"]
    assert offenders == [], f"write CSV through heard.core.csv_safe instead: {offenders}"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_formula_cell_is_made_plain_text_and_numbers_stay_numbers(payload):
    assert neutralise(payload) == "'" + payload
    assert neutralise(-1) == -1 and neutralise("Plain words = fine") == "Plain words = fine"


def _unsafe_cells(text: str) -> list[str]:
    """Cells a spreadsheet would run: starting with a formula character and not a number."""
    bad = []
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            if cell.startswith(FORMULA_STARTS):
                try:
                    float(cell)
                except ValueError:
                    bad.append(cell)
    return bad


def _neutralised(text: str) -> int:
    return sum(cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS)
               for row in csv.reader(io.StringIO(text)) for cell in row)


@pytest.fixture
def planted(db, activity, make_staff, settings):
    """Formula-like words wherever words reach an export: what people wrote, what staff wrote
    (titles, questions, responses, actions, statements)."""
    staff = {r: make_staff(r) for r in ("facilitator", "moderator", "analyst", "service_lead",
                                        "safeguarding_lead")}
    activity.title = PAYLOADS[0]
    activity.save(update_fields=["title"])
    for payload in PAYLOADS:
        contribution, _ = do_submit_contribution(activity, NewContribution(
            kind="story", text=payload, title=payload, perspectives=("care_leaver",),
            consents={"analysis": True, "quote": True, "publish": True}), None)
        # Triage prefers recall, so a formula can read as risk; a lead closes such a flag first,
        # as in real use, because nothing is published with an open flag.
        lead = staff["safeguarding_lead"]
        for flag in contribution.safeguarding_flags.all():
            do_acknowledge_flag(flag, lead)
            do_record_flag_action(flag, lead, "Read it: a spreadsheet formula.")
            do_close_flag(flag, lead, "No risk.")
        do_review_redactions(contribution, staff["moderator"], [])
        do_publish(contribution, staff["moderator"])
    consultation = make_activity(Activity.Kind.CONSULTATION, staff["facilitator"],
                                 title=PAYLOADS[1], open_it=False)
    do_add_question(consultation, QuestionFields(PAYLOADS[2], kind="single",
                                                 choices=(PAYLOADS[3], "No")),
                    staff["facilitator"])
    do_set_activity_status(consultation, Activity.Status.OPEN, staff["facilitator"])
    from heard.activities.consultation.actions import do_submit_consultation_response

    questions = list(consultation.questions.order_by("order"))
    raw = {str(q.pk): [PAYLOADS[3]] if q.takes_choices() and PAYLOADS[3] in q.choices
           else ["Some things"] if q.takes_choices() and "Some things" in q.choices
           else ["My carer"] if q.takes_choices() else [PAYLOADS[4]] for q in questions}
    answers = clean_answers(consultation, raw, max_length=20_000, complete=True)
    sent = do_submit_consultation_response(consultation, answers, ["care_leaver"],
                                           {"analysis": True}, None)
    for c in sent.response.answers.exclude(contribution=None):
        do_review_redactions(c.contribution, staff["moderator"], [])
    response = do_publish_response(activity, PAYLOADS[5], PAYLOADS[0], staff["service_lead"])
    do_add_action(response, PAYLOADS[1], PAYLOADS[2], staff["service_lead"])
    opinion_map = do_create_opinion_map(PAYLOADS[2], PAYLOADS[3], staff["facilitator"])
    statements = [do_add_statement(opinion_map, p, staff["facilitator"]) for p in PAYLOADS[:4]]
    voter = do_register_voter(opinion_map, [], None)
    for statement in statements:
        do_cast_vote(voter, statement, -1)
    staff["analyst"].user_permissions.add(_permission("export_raw_text"))
    return {"staff": staff, "consultation": consultation, "opinion_map": opinion_map}


def _permission(codename: str):
    from django.contrib.auth.models import Permission

    return Permission.objects.get(codename=codename)


def test_every_export_neutralises_formulas(planted, activity, tmp_path, monkeypatch, capsys):
    staff, consultation = planted["staff"], planted["consultation"]
    analyst = client_for(staff["analyst"])
    exports = {
        "contributions export": analyst.get(f"/staff/activities/{activity.slug}/export.csv"),
        "contributions as written": analyst.get(
            f"/staff/activities/{activity.slug}/export.csv?words=raw"),
        "answers": analyst.get(f"/staff/activities/{consultation.slug}/answers.csv"),
        "answers as written": analyst.get(
            f"/staff/activities/{consultation.slug}/answers.csv?words=raw"),
        "summary": client_for(staff["facilitator"]).get(
            f"/staff/activities/{consultation.slug}/summary.csv"),
        "key messages (web)": client_for(staff["service_lead"]).get(
            "/staff/reports/key-messages/?format=csv"),
    }
    texts = {}
    for name, response in exports.items():
        assert response.status_code == 200, name
        texts[name] = response.content.decode()
    assert main(["report", "key-messages", "--format", "csv",
                 "--out", str(tmp_path / "key.csv")]) == 0
    texts["key messages (command)"] = (tmp_path / "key.csv").read_text(encoding="utf-8")
    slug = planted["opinion_map"].activity.slug
    assert main(["export-polis", slug, "--out", str(tmp_path / "polis")]) == 0
    for path in sorted((tmp_path / "polis").glob("*.csv")):
        texts[f"export-polis {path.name}"] = path.read_text(encoding="utf-8")
    texts["themes assignments"] = _themes_cli(tmp_path, monkeypatch)
    capsys.readouterr()
    for name, text in texts.items():
        assert _unsafe_cells(text) == [], name
    # Each export that carries words had formula-like words planted in it to neutralise.
    for name in ("contributions export", "contributions as written", "answers",
                 "answers as written", "summary", "key messages (web)",
                 "key messages (command)", "export-polis comments.csv",
                 "export-polis summary.csv", "themes assignments"):
        assert _neutralised(texts[name]) > 0, name
    # Votes of -1 are numbers and stay numbers.
    assert any(row[-1] == "-1" for row in csv.reader(io.StringIO(
        texts["export-polis votes.csv"])))


def _themes_cli(tmp_path: Path, monkeypatch) -> str:
    monkeypatch.setattr("heard.analysis.themes.pipeline.get_embedder", lambda name: FakeEmbedder())
    source = tmp_path / "in.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        rows = csv.writer(handle)
        rows.writerow(["ref", "text"])
        for n in range(24):
            rows.writerow([f"{PAYLOADS[n % len(PAYLOADS)]}{n}",
                           f"moving placement school worker story {n % 3} {n}"])
    assert main(["themes", str(source), "--text-column", "text", "--id-column", "ref",
                 "--k", "2", "--out", str(tmp_path / "themes")]) == 0
    return (tmp_path / "themes" / "assignments.csv").read_text(encoding="utf-8")

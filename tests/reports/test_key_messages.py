"""The key-messages report: themes with who raised them, consented quotes, responses and actions,
participation quality and representation, as a web page, PDF, CSV and JSON. No count from 1 to 4
is ever published, and no one is quoted without consent."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import time
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from heard.accountability.actions import do_add_action, do_publish_response
from heard.activities.models import Activity
from heard.audit.models import AuditEvent
from heard.cli import main
from heard.contributions.actions import NewContribution, do_change_consent, do_submit_contribution
from heard.demo import load_demo
from heard.insight.actions import do_start_analysis
from heard.insight.models import AnalysisRun, Assignment, Theme
from heard.people.actions import do_create_participant_account
from heard.quality.actions import (
    LundyEntry,
    do_record_influence,
    do_record_lundy,
    do_set_arnstein_rung,
)
from heard.quality.frameworks import LUNDY_ITEMS
from heard.reports.key_messages import Count, build_key_messages
from heard.reports.key_messages_render import (
    CSV_COLUMNS,
    LABEL_CHARS,
    PDF_BASE_URL,
    static_only_fetcher,
)
from heard.safety.actions import do_hold, do_review_redactions
from heard.tasks.queue import run_pending

from ..conftest import STAFF_PASSWORD, client_for, need, pdf_objects, pdf_words
from ..insight.test_insight import TOPICS

pytestmark = pytest.mark.django_db

URL = "/staff/reports/key-messages/"
SECRET = "purple elephant umbrella"  # words from someone who did not agree to be quoted
HELD = "tangerine lighthouse ferry"  # words a moderator held back
SMALL = re.compile(r"^[1-4]$")
DATE = re.compile(r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|"
                  r"October|November|December) \d{4}\b")


@pytest.fixture(autouse=True)
def fake_embedder(settings):
    settings.HEARD_EMBEDDERS = ["fake", "static"]


def share(activity, moderator, text, perspectives, quote=True):
    contribution, _ = do_submit_contribution(activity, NewContribution(
        kind="story", text=text, perspectives=perspectives,
        consents={"analysis": True, "quote": quote, "publish": True}), None)
    do_review_redactions(contribution, moderator, [])
    return contribution


def analyse(analyst: User, activity: Activity | None, k: int) -> AnalysisRun:
    run = do_start_analysis(activity, "fake", k, analyst)
    run_pending()
    run.refresh_from_db()
    assert run.status == AnalysisRun.Status.DONE, run.message
    return run


def quote_it_anyway(run: AnalysisRun, contribution) -> Theme:
    """As if the run had chosen this contribution as a quote before its consent changed, so
    that only the report's own check keeps the words out."""
    theme = Assignment.objects.get(run=run, contribution=contribution).theme
    theme.quote_ids = [contribution.pk, *theme.quote_ids]
    theme.save(update_fields=["quote_ids"])
    return theme


@pytest.fixture
def world(activity, moderator, analyst, make_staff):
    """Three topics, eight voices each, a few family members with small counts, one person who
    took back consent to be quoted and one held back by a moderator, themed and answered."""
    for n in range(8):
        for name, (text, perspective) in TOPICS.items():
            share(activity, moderator, f"{text} number {n} {name}{n}", (perspective,))
    for n in range(2):  # two children in care in the fathers' theme: a small cell
        share(activity, moderator, f"{TOPICS['fathers'][0]} my dad {n}", ("child_in_care",))
    secret = share(activity, moderator, f"{TOPICS['fathers'][0]} {SECRET}", ("parent_mother",))
    held = share(activity, moderator, f"{TOPICS['placement'][0]} {HELD}", ("care_leaver",))
    run = analyse(analyst, None, 3)
    do_change_consent(secret, "quote", False, None)
    do_hold(held, moderator, "It names a place.")
    theme = quote_it_anyway(run, secret)
    quote_it_anyway(run, held)
    lead = make_staff("service_lead")
    answer = do_publish_response(activity, "Dads in every review", "We heard you.", lead,
                                 theme_key=theme.key)
    do_add_action(answer, "Invite fathers by default", "Reviewing officers", lead,
                  status="in_progress", progress=40, due_date=date(2027, 3, 31))
    return {"run": run, "theme": theme, "lead": lead}


def every_count(value) -> list[Count]:
    """Every Count anywhere in the report's data."""
    if isinstance(value, Count):
        return [value]
    if isinstance(value, list | tuple):
        return [c for v in value for c in every_count(v)]
    if hasattr(value, "__dataclass_fields__"):
        return [c for name in value.__dataclass_fields__ for c in every_count(getattr(value, name))]
    return []


def test_report_data_suppresses_small_counts_and_only_quotes_with_consent(world, activity):
    report = build_key_messages(None)
    assert len(report.themes) == 3
    counts = every_count(report)
    assert counts, "the report publishes counts"
    for count in counts:
        assert count.value is None or count.value == 0 or count.value >= 5, count
        assert count.value is not None or count.text in ("fewer than 5", "hidden")
    fathers = next(t for t in report.themes if t.key == world["theme"].key)
    by_group = {g.group: g.count for g in fathers.perspectives}
    assert by_group["care_experienced"].text == "fewer than 5"  # the two children in care
    # No row (a theme with its size) and no column (a group with its total) has a lone hidden
    # cell, so no total gives a hidden count away.
    table = [[g.count for g in t.perspectives] + [t.count] for t in report.themes]
    for line in table + [list(column) for column in zip(*table, strict=True)]:
        assert sum(c.suppressed for c in line) != 1, line
    assert any(c.text == "hidden" for row in table for c in row)
    quotes = [q for t in report.themes for q in t.quotes]
    assert quotes and all(SECRET not in q and HELD not in q for q in quotes)
    assert all(len(t.quotes) <= 5 for t in report.themes)
    assert sum(1 for t in report.themes if t.quotes) >= 2
    assert fathers.responses[0].actions[0].progress == 40


def test_csv_is_one_tidy_table_with_suppressed_values_in_words(world, analyst):
    response = client_for(analyst).get(URL, {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "key-messages-all-activities.csv" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert tuple(rows[0]) == CSV_COLUMNS
    counted = [r for r in rows if r["measure"] in ("contributions", "sense of influence answers")]
    assert counted
    for row in counted:
        assert row["value"] in ("fewer than 5", "hidden") or int(row["value"]) == 0 or \
            int(row["value"]) >= 5, row
    assert any(r["value"] == "fewer than 5" for r in counted)
    assert any(r["section"] == "actions" and r["item"] == "Invite fathers by default"
               and r["measure"] == "progress (%)" and r["value"] == "40" for r in rows)
    assert SECRET not in response.content.decode() and HELD not in response.content.decode()
    assert AuditEvent.objects.filter(action="key_messages.viewed").exists()


def test_json_marks_suppressed_counts_with_null_and_a_flag(world, analyst, activity):
    analyse(analyst, activity, 3)  # one activity's report shows that activity's own themes
    response = client_for(analyst).get(URL, {"format": "json", "activity": activity.slug})
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["activity"] == activity.slug
    assert len(data["themes"]) == 3
    cells = [g["count"] for t in data["themes"] for g in t["perspectives"]]
    hidden = [c for c in cells if c["suppressed"]]
    assert hidden and all(c["value"] is None and c["text"] in ("fewer than 5", "hidden")
                          for c in hidden)
    shown = [c for c in cells if not c["suppressed"]]
    assert shown and all(c["value"] == 0 or c["value"] >= 5 for c in shown)
    assert data["representation"]["tables"][0]["rows"]
    influence = data["quality"][0]["sense_of_influence"]
    assert [a["answer"] for a in influence["answers"]][0] == "Not at all"
    assert influence["total"] == {"value": 0, "suppressed": False, "text": "0"}
    assert SECRET not in response.content.decode()


def test_web_page_links_to_every_format(world, analyst, activity):
    page = client_for(analyst).get(URL).content.decode()
    assert "Dads in every review" in page and "Invite fathers by default" in page
    for wanted in ("pdf", "csv", "json"):
        assert f'href="?format={wanted}"' in page
    one = client_for(analyst).get(URL, {"activity": activity.slug}).content.decode()
    assert f"?activity={activity.slug}&amp;format=pdf" in one
    assert "No themes yet" in one  # nobody has analysed this activity on its own
    assert SECRET not in page and HELD not in page
    assert "fewer than 5" in page
    dashboard = client_for(analyst).get("/staff/").content.decode()
    assert URL in dashboard


def test_the_fetcher_serves_our_static_files_and_nothing_else(settings):
    fetcher = static_only_fetcher()
    css = fetcher(f"{PDF_BASE_URL}{settings.STATIC_URL.lstrip('/')}heard/key-messages-print.css")
    assert b"@page" in css.read()
    for url in ("https://example.com/font.woff2", "file:///etc/passwd",
                f"{PDF_BASE_URL}{settings.STATIC_URL.lstrip('/')}../../etc/passwd",
                f"{PDF_BASE_URL}{settings.STATIC_URL.lstrip('/')}heard/nothing-here.css"):
        with pytest.raises(ValueError):
            fetcher(url)


@pytest.mark.parametrize("role", ["analyst", "service_lead", "facilitator", "administrator"])
def test_report_roles_see_it(make_staff, role):
    assert client_for(make_staff(role)).get(URL).status_code == 200


def test_others_are_refused(make_staff, outsider):
    for role in ("moderator", "safeguarding_lead"):
        assert client_for(make_staff(role)).get(URL).status_code == 403
    assert client_for(outsider).get(URL).status_code == 403
    participant = do_create_participant_account("young-person", STAFF_PASSWORD)
    assert client_for(participant).get(URL).status_code == 403
    anonymous = Client().get(URL, {"format": "pdf"})
    assert anonymous.status_code == 302 and "/staff/sign-in/" in anonymous["Location"]


def test_bad_input_gets_a_clear_answer(analyst, activity):
    client = client_for(analyst)
    missing = client.get(URL, {"activity": "no-such-activity"})
    assert missing.status_code == 404
    bad = client.get(URL, {"format": "docx"})
    assert bad.status_code == 400
    assert "Choose a web page, PDF, CSV or JSON" in bad.content.decode()
    assert client.post(URL).status_code == 405


def test_cli_refuses_an_unknown_activity(tmp_path, capsys, activity):
    out = tmp_path / "report.pdf"
    assert main(["report", "key-messages", "--activity", "nope", "--format", "pdf",
                 "--out", str(out)]) == 2
    assert "no activity called 'nope'" in capsys.readouterr().out
    assert not out.exists()


def test_cli_writes_the_data_and_a_page_that_stands_alone(world, tmp_path, capsys):
    for wanted in ("csv", "json", "html"):
        out = tmp_path / f"report.{wanted}"
        assert main(["report", "key-messages", "--format", wanted, "--out", str(out)]) == 0
        assert "Wrote the key-messages report" in capsys.readouterr().out
        assert SECRET not in out.read_text(encoding="utf-8")
    assert json.loads((tmp_path / "report.json").read_text())["themes"]
    page = (tmp_path / "report.html").read_text()
    assert "<style>" in page and "@page" in page and "Dads in every review" in page
    assert main(["report", "key-messages", "--out", str(tmp_path / "no" / "x.pdf")]) == 2


# --- the demo as a PDF -----------------------------------------------------------------------


def demo_with_everything(tmp_path: Path, make_staff) -> dict[str, object]:
    load_demo(seed=7, count=150, credentials_path=tmp_path / "credentials.txt")
    activity = Activity.objects.get(slug="share-your-experience")
    analyst, lead = make_staff("analyst"), make_staff("service_lead")
    secret, _ = do_submit_contribution(activity, NewContribution(
        kind="story", text=f"Moving placement again was hard. {SECRET}",
        perspectives=("care_leaver",), consents={"analysis": True, "quote": False}), None)
    do_review_redactions(secret, User.objects.get(username="moderator"), [])
    run = analyse(analyst, None, 6)
    theme = quote_it_anyway(run, secret)
    answer = do_publish_response(activity, "Fewer moves, and a say in them",
                                 "You told us moving is hard.", lead, theme_key=theme.key)
    do_add_action(answer, "Placement stability panel", "Placements team", lead,
                  status="agreed", progress=10, due_date=date(2031, 1, 31))
    facilitator = User.objects.get(username="facilitator")
    do_record_lundy(activity, {key: LundyEntry("yes", "We met in the Children in Care Council.")
                               for key in list(LUNDY_ITEMS)[:6]}, facilitator)
    do_set_arnstein_rung(activity, "consultation", "Views asked, decisions ours.", facilitator)
    for score in (1, 3, 3, 3, 3, 3, 3, 4, 4, 5, 5, 5, 5, 5, 5):
        do_record_influence(activity, str(score))
    return {"theme": Theme.objects.get(run=run, key=theme.key), "secret": secret}


def test_demo_pdf_renders_with_no_small_count_and_no_unconsented_quote(
        tmp_path, make_staff, baseline):
    need("pdftoppm"), need("pdftotext")
    made = demo_with_everything(tmp_path, make_staff)
    out = tmp_path / "key-messages.pdf"
    started = time.perf_counter()
    assert main(["report", "key-messages", "--format", "pdf", "--out", str(out)]) == 0
    print(f"demo PDF rendered in {time.perf_counter() - started:.1f} s")  # for the record only
    assert out.read_bytes().startswith(b"%PDF")

    subprocess.run(["pdftoppm", "-png", "-r", "50", str(out), str(tmp_path / "page")],
                   check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    print(f"demo PDF pages: {len(pages)}")
    assert len(pages) >= 3
    assert all(p.stat().st_size > 5_000 for p in pages)  # a blank A4 at 50 dpi is far smaller
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], check=True,
                          capture_output=True, text=True).stdout

    report = build_key_messages(None)
    for heading in ("Key messages", "What people told us", "Themes by who raised them",
                    "How well we listened", "Who we heard", "Voices we may be missing"):
        assert heading in text, heading
    flat = " ".join(text.split())
    for theme in report.themes:
        assert " ".join(theme.label.split()) in flat
    quotes = [q for t in report.themes for q in t.quotes]
    assert quotes
    assert " ".join(quotes[0].split())[:60] in flat
    assert "Placement stability panel" in text and "Placements team" in text
    assert "Consultation" in text
    assert SECRET not in flat
    assert made["theme"].quote_ids[0] == made["secret"].pk  # as if the run had chosen them

    assert "fewer than 5" in text
    for count in every_count(report):
        assert count.value is None or count.value == 0 or count.value >= 5
    leftover = _numbers_outside_free_text(text, report)
    assert not [n for n in leftover if SMALL.match(n)], leftover


def _numbers_outside_free_text(text: str, report) -> list[str]:
    """Whole numbers the PDF publishes, once people's words, names staff typed, dates and page
    numbers are taken out: these are counts, and none may be from 1 to 4."""
    flat = " ".join(text.split())
    free = [q for t in report.themes for q in t.quotes]
    free += [t.label for t in report.themes] + [t.label[:LABEL_CHARS - 1] for t in report.themes]
    free += [w for t in report.themes for w in t.key_words]
    for responses in [t.responses for t in report.themes] + [report.responses]:
        for r in responses:
            free += [r.title, r.body] + [a.title for a in r.actions] + [a.owner for a in
                                                                         r.actions]
    for words in sorted(free, key=len, reverse=True):
        flat = flat.replace(" ".join(words.split()), " ")
    flat = DATE.sub(" ", flat)
    flat = re.sub(r"Page \d+ of \d+", " ", flat)
    return re.findall(r"(?<![\d.,%])\b\d+\b(?![\d.,%])", flat)


def test_a_server_without_pango_says_why_the_pdf_is_missing(analyst, activity, monkeypatch):
    def no_pango(report):
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr("heard.reports.key_messages_views.to_pdf", no_pango)
    client = client_for(analyst)
    response = client.get(URL, {"format": "pdf"})
    assert response.status_code == 503
    assert "needs the Pango library" in response.content.decode()
    assert client.get(URL, {"format": "csv"}).status_code == 200


def test_staff_download_the_report_pdf_in_welsh_for_you_said_we_did(world, analyst, tmp_path):
    """Issue 15: the key-messages PDF is published to the public, so a service in Wales prints
    it in Welsh: its fixed headings and wording in Welsh, tagged lang cy. What staff and
    participants wrote (themes, quotes, responses) stays in the words it was written in."""
    staff = client_for(analyst)
    page = staff.get(URL).content.decode()
    assert 'href="?format=pdf&amp;language=cy"' in page
    welsh = staff.get(URL, {"format": "pdf", "language": "cy"})
    assert welsh.status_code == 200 and welsh.content.startswith(b"%PDF")
    text = pdf_words(welsh.content, tmp_path, "cy.pdf")
    for heading in ("Negeseuon allweddol", "Crynodeb", "Beth ddywedodd pobl wrthym ni",
                    "Pwy y clywsom ganddyn nhw", "Cyfraniadau ym mhob thema"):
        assert heading in text
    assert "What people told us" not in text and "Who we heard" not in text
    assert "Dads in every review" in text  # a staff response, as written
    assert re.search(rb"/Lang\s*\(cy\)", pdf_objects(welsh.content))
    english = pdf_words(staff.get(URL, {"format": "pdf"}).content, tmp_path, "en.pdf")
    assert "What people told us" in english and "Negeseuon allweddol" not in english
    # The staff page itself stays English after a Welsh download.
    assert "What people told us" in staff.get(URL).content.decode()


def test_the_welsh_pdf_is_welsh_beyond_its_headings(world, analyst, tmp_path):
    """Issue 15: the sentences, table labels, ladder rungs, quality answers and counts the
    report writes are Welsh too, and a response staff gave a Welsh wording is shown in it."""
    from heard.accountability.models import Response

    answered = Response.objects.get(title="Dads in every review")
    Response.objects.filter(pk=answered.pk).update(title_cy="Tadau ym mhob adolygiad")
    welsh = client_for(analyst).get(URL, {"format": "pdf", "language": "cy"})
    text = pdf_words(welsh.content, tmp_path, "cy.pdf")
    for english in ("Small numbers (under 5)", "Contributions in themes",
                    "People may hold more than one perspective", "Care-experienced people",
                    "Participation quality for each activity", "Arnstein's ladder",
                    "contributions were read and sorted", "Share of theme", "fewer than 5",
                    "hidden", "Dads in every review", "Who shared, by", "Page 1 of"):
        assert english not in text, english
    for words in ("Mae niferoedd bach (o dan 5)", "Cyfraniadau mewn themâu",
                  "Gall pobl fod â mwy nag un safbwynt", "Ansawdd cyfranogiad",
                  "Cyfran o'r thema", "Tadau ym mhob adolygiad", "llai na 5",
                  "Pobl â phrofiad o ofal", "Pwy rannodd, yn ôl grŵp", "Tudalen 1 o"):
        assert words in text, words
    # The English PDF is unchanged by the Welsh wording.
    english_pdf = client_for(analyst).get(URL, {"format": "pdf"}).content
    english_text = pdf_words(english_pdf, tmp_path, "en.pdf")
    assert "Dads in every review" in english_text and "Page 1 of" in english_text
    assert "Tadau ym mhob adolygiad" not in english_text


def test_the_welsh_pdf_says_whose_voices_are_missing_in_welsh(world, analyst, tmp_path):
    """Issue 15: the hidden-voice alerts, "Who to reach next" and the summary's "Who is
    missing" lines are written in Welsh, numbers and all, while the CSV keeps the English."""
    from django.utils import translation

    english = build_key_messages(None)
    with translation.override("cy"):
        welsh = build_key_messages(None)
    assert english.alerts and english.suggestions
    # The same alerts in the same order, only the words differ.
    assert [a.key for a in welsh.alerts] == [a.key for a in english.alerts]
    for en, cy in zip(english.alerts, welsh.alerts, strict=True):
        assert (cy.title, cy.message, cy.suggestion) != (en.title, en.message, en.suggestion)
        assert cy.figure != en.figure  # the figure line is Welsh too
        assert cy.source == en.source == "" or cy.source.startswith("Ffynhonnell: ")
    kinship = next(a for a in welsh.alerts if a.key == "kinship_carer")
    assert kinship.title == "Dydyn ni ddim wedi clywed gan ofalwyr sy'n berthnasau"
    # The numbers go into the Welsh sentence: all contributions, then the kinship carers'.
    assert re.match(r"O'r cyfraniadau i gyd \(\d+\), gofalwyr sy'n berthnasau a wnaeth 0 \(0%\)\. "
                    r"Rydyn ni'n chwilio am o leiaf 5 o bobl ac o leiaf 3% o'r cyfraniadau\.$",
                    kinship.message), kinship.message
    pdf = client_for(analyst).get(URL, {"format": "pdf", "language": "cy"}).content
    text = pdf_words(pdf, tmp_path, "cy.pdf")
    for cy in welsh.alerts:
        assert cy.title in text and cy.message in text and cy.figure in text, cy.key
    for suggestion in welsh.suggestions:
        assert f"{suggestion.group}: {suggestion.how}" in text
    assert "Cysylltwch â gofalwyr sy'n berthnasau" in text
    for english_words in ("have not been heard", "hardly heard", "Reach ", "contributions",
                          "under-represented", "Source:", "Department for Education"):
        assert english_words not in text, english_words
    english_pdf = pdf_words(client_for(analyst).get(URL, {"format": "pdf"}).content, tmp_path,
                            "en.pdf")
    assert "Kinship carers have not been heard" in english_pdf
    assert "Dydyn ni ddim wedi clywed" not in english_pdf

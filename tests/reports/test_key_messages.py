"""The key-messages report: themes with who raised them, consented quotes, responses and actions,
participation quality and representation, as a web page, PDF, CSV and JSON. No count from 1 to 4
is ever published, and no one is quoted without consent."""

from __future__ import annotations

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
from heard.cli import main
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
    LABEL_CHARS,
    PDF_BASE_URL,
    static_only_fetcher,
)
from heard.safety.actions import do_review_redactions
from heard.tasks.queue import run_pending

from ..conftest import STAFF_PASSWORD, client_for, need, submitted

pytestmark = pytest.mark.django_db

URL = "/staff/reports/key-messages/"
SECRET = "purple elephant umbrella"  # words from someone who did not agree to be quoted
HELD = "tangerine lighthouse ferry"  # words a moderator held back
SMALL = re.compile(r"^[1-4]$")
DATE = re.compile(r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|"
                  r"October|November|December) \d{4}\b")


FAKE_EMBEDDERS = ["fake", "static"]


@pytest.fixture(autouse=True)
def fake_embedder(settings):
    settings.HEARD_EMBEDDERS = FAKE_EMBEDDERS


def share(activity, moderator, text, perspectives, quote=True):
    contribution, _ = submitted(activity, "story", text, perspectives,
                                {"analysis": True, "quote": quote, "publish": True})
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


def every_count(value) -> list[Count]:
    """Every Count anywhere in the report's data."""
    if isinstance(value, Count):
        return [value]
    if isinstance(value, list | tuple):
        return [c for v in value for c in every_count(v)]
    if hasattr(value, "__dataclass_fields__"):
        return [c for name in value.__dataclass_fields__ for c in every_count(getattr(value, name))]
    return []


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


# --- the demo as a PDF -----------------------------------------------------------------------


def demo_with_everything(tmp_path: Path, make_staff) -> dict[str, object]:
    load_demo(seed=7, count=60, credentials_path=tmp_path / "credentials.txt")
    activity = Activity.objects.get(slug="share-your-experience")
    analyst, lead = make_staff("analyst"), make_staff("service_lead")
    secret, _ = submitted(activity, "story", f"Moving placement again was hard. {SECRET}",
                          ("care_leaver",), {"analysis": True, "quote": False})
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



"""The key-messages report of one themed and answered world, built once for this module's
tests (decision 0032, round three): three topics, eight voices each, a few family members with
small counts, one person who took back consent to be quoted and one held back by a moderator.
No count from 1 to 4 is ever published, and no one is quoted without consent."""

from __future__ import annotations

import csv
import io
import json
import re
from copy import deepcopy
from datetime import date
from typing import Any

import pytest
from django.test import override_settings

from heard.accountability.actions import do_add_action, do_publish_response
from heard.activities.defaults import ensure_default_activity
from heard.activities.models import DEFAULT_ACTIVITY_SLUG, Activity
from heard.audit.models import AuditEvent
from heard.cli import main
from heard.contributions.actions import do_change_consent
from heard.people.actions import do_create_staff_member
from heard.people.roles import ensure_roles
from heard.reports.key_messages import build_key_messages
from heard.reports.key_messages_render import CSV_COLUMNS
from heard.safety.actions import do_hold

from ..conftest import (
    STAFF_PASSWORD,
    client_for,
    give_authenticator,
    kept_for_the_module,
    pdf_objects,
    pdf_words,
)
from ..insight.test_insight import TOPICS
from .test_key_messages import (
    FAKE_EMBEDDERS,
    HELD,
    SECRET,
    URL,
    analyse,
    every_count,
    fake_embedder,  # noqa: F401 - a fixture
    quote_it_anyway,
    share,
)

pytestmark = pytest.mark.django_db


def _persona(role: str):
    user = do_create_staff_member(f"{role}-persona", STAFF_PASSWORD, [role], None)
    give_authenticator(user)
    return user


@pytest.fixture(scope="module")
def _world_once(django_db_setup, django_db_blocker) -> Any:
    """The world, built once per module (about 0.5 CPU-s each time) and rolled back after
    the module's last test; each test's own writes are undone after it."""
    with kept_for_the_module(django_db_blocker):
        with django_db_blocker.unblock(), override_settings(HEARD_EMBEDDERS=FAKE_EMBEDDERS):
            ensure_default_activity(Activity)
            ensure_roles()
            activity = Activity.objects.get(slug=DEFAULT_ACTIVITY_SLUG)
            moderator, analyst = _persona("moderator"), _persona("analyst")
            for n in range(8):
                for name, (text, perspective) in TOPICS.items():
                    share(activity, moderator, f"{text} number {n} {name}{n}", (perspective,))
            for n in range(2):  # two children in care in the fathers' theme: a small cell
                share(activity, moderator, f"{TOPICS['fathers'][0]} my dad {n}",
                      ("child_in_care",))
            secret = share(activity, moderator, f"{TOPICS['fathers'][0]} {SECRET}",
                           ("parent_mother",))
            held = share(activity, moderator, f"{TOPICS['placement'][0]} {HELD}",
                         ("care_leaver",))
            run = analyse(analyst, None, 3)
            do_change_consent(secret, "quote", False, None)
            do_hold(held, moderator, "It names a place.")
            theme = quote_it_anyway(run, secret)
            quote_it_anyway(run, held)
            lead = _persona("service_lead")
            answer = do_publish_response(activity, "Dads in every review", "We heard you.", lead,
                                         theme_key=theme.key)
            do_add_action(answer, "Invite fathers by default", "Reviewing officers", lead,
                          status="in_progress", progress=40, due_date=date(2027, 3, 31))
        yield {"world": {"run": run, "theme": theme, "lead": lead}, "activity": activity,
               "analyst": analyst}


@pytest.fixture
def _world_copy(_world_once, db) -> Any:
    """A copy of the objects built, so what a test changes in memory stays in that test."""
    return deepcopy(_world_once)


@pytest.fixture
def world(_world_copy) -> dict[str, Any]:
    return _world_copy["world"]


@pytest.fixture
def activity(_world_copy) -> Activity:
    """The default activity the world's contributions were shared in."""
    return _world_copy["activity"]


@pytest.fixture
def analyst(_world_copy):
    """The analyst who ran the world's analysis (the same persona the conftest would make)."""
    return _world_copy["analyst"]


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


@pytest.fixture(scope="module")
def _pdfs_of_the_world() -> dict[str, tuple[bytes, str]]:
    """The report's PDF in Welsh and in English, with their words, as the first test here to
    download them got them. Every test starts from the same world (each test's writes are
    undone after it), so the same two PDFs; rendering each once saves about 1 CPU-s."""
    return {}


def _report_pdf(pdfs: dict[str, tuple[bytes, str]], client, language: str, tmp_path,
                fresh: bool = False) -> tuple[bytes, str]:
    """The PDF in ``language`` ("cy" or "en") of the unchanged world and its words: downloaded
    by ``client`` when ``fresh`` or not yet downloaded in this module."""
    if fresh or language not in pdfs:
        asked = {"format": "pdf", "language": language} if language == "cy" else \
            {"format": "pdf"}
        response = client.get(URL, asked)
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
        pdfs[language] = (response.content,
                          pdf_words(response.content, tmp_path, f"{language}.pdf"))
    return pdfs[language]


def test_staff_download_the_report_pdf_in_welsh_for_you_said_we_did(world, analyst, tmp_path,
                                                                     _pdfs_of_the_world):
    """Issue 15: the key-messages PDF is published to the public, so a service in Wales prints
    it in Welsh: its fixed headings and wording in Welsh, tagged lang cy. What staff and
    participants wrote (themes, quotes, responses) stays in the words it was written in."""
    staff = client_for(analyst)
    page = staff.get(URL).content.decode()
    assert 'href="?format=pdf&amp;language=cy"' in page
    # Downloaded here whatever ran before: the page below must stay English after them.
    welsh, text = _report_pdf(_pdfs_of_the_world, staff, "cy", tmp_path, fresh=True)
    for heading in ("Negeseuon allweddol", "Crynodeb", "Beth ddywedodd pobl wrthym ni",
                    "Pwy y clywsom ganddyn nhw", "Cyfraniadau ym mhob thema"):
        assert heading in text
    assert "What people told us" not in text and "Who we heard" not in text
    assert "Dads in every review" in text  # a staff response, as written
    assert re.search(rb"/Lang\s*\(cy\)", pdf_objects(welsh))
    english = _report_pdf(_pdfs_of_the_world, staff, "en", tmp_path, fresh=True)[1]
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


def test_the_welsh_pdf_says_whose_voices_are_missing_in_welsh(world, analyst, tmp_path,
                                                              _pdfs_of_the_world):
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
    text = _report_pdf(_pdfs_of_the_world, client_for(analyst), "cy", tmp_path)[1]
    for cy in welsh.alerts:
        assert cy.title in text and cy.message in text and cy.figure in text, cy.key
    for suggestion in welsh.suggestions:
        assert f"{suggestion.group}: {suggestion.how}" in text
    assert "Cysylltwch â gofalwyr sy'n berthnasau" in text
    for english_words in ("have not been heard", "hardly heard", "Reach ", "contributions",
                          "under-represented", "Source:", "Department for Education"):
        assert english_words not in text, english_words
    english_pdf = _report_pdf(_pdfs_of_the_world, client_for(analyst), "en", tmp_path)[1]
    assert "Kinship carers have not been heard" in english_pdf
    assert "Dydyn ni ddim wedi clywed" not in english_pdf

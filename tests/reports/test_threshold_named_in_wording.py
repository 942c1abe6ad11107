"""Where a page, a report or an export explains small-number suppression, it names the
deployment's threshold (HEARD_SUPPRESS_BELOW), not the default 5: a service that hides counts
under 10 must not tell people "fewer than 5" beside a "fewer than 10". Also a scan that no
template writes the rule's numbers out by hand."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from heard.analysis.themes.report import render_report
from heard.core import suppression
from heard.insight.members import who_raised

from ..conftest import client_for

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# A rule's numbers written by hand: "fewer than 5", "under 5", "from 1 to 4" (a scale's ends,
# "(1 to 5)", are not a rule that can change).
HAND_WRITTEN = re.compile(r"fewer than \d|under \d|from 1 to \d")


@pytest.fixture
def below_ten(settings):
    """A deployment that hides counts under 10 (settings.py hands the setting to
    `suppression.configure` at start; a test has to do both)."""
    before = suppression.suppress_below()
    settings.HEARD_SUPPRESS_BELOW = 10
    suppression.configure(10)
    yield 10
    suppression.configure(before)


def _text(response) -> str:
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_key_messages_page_and_its_json_name_the_threshold(below_ten, make_staff):
    client = client_for(make_staff("analyst"))
    page = _text(client.get("/staff/reports/key-messages/"))
    assert "Small numbers (under 10) are shown as “fewer than 10”" in page
    assert "fewer than 5" not in page
    rule = json.loads(client.get("/staff/reports/key-messages/",
                                 {"format": "json"}).content)["suppression"]
    assert rule["threshold"] == 10
    assert "Counts from 1 to 9 are suppressed" in rule["rule"]
    assert "'fewer than 10'" in rule["rule"]


def test_the_key_messages_page_names_it_in_welsh(below_ten, make_staff):
    client = client_for(make_staff("analyst"))
    client.post("/language/", {"language": "cy", "next": "/"})
    page = _text(client.get("/staff/reports/key-messages/"))
    assert "o dan 10" in page and "“llai na 10”" in page
    assert "llai na 5" not in page


def test_staff_pages_name_the_threshold(below_ten, make_staff, activity):
    analyst = client_for(make_staff("analyst"))
    representation = _text(analyst.get("/staff/reports/representation/"))
    assert 'Numbers from 1 to 9 are shown as "fewer than 10"' in representation
    quality = _text(client_for(make_staff("service_lead")).get("/staff/quality/"))
    assert 'Counts from 1 to 9 are shown as "fewer than 10"' in quality
    dashboard = _text(client_for(make_staff("facilitator")).get(
        f"/staff/activities/{activity.slug}/"))
    assert "Counts from 1 to 9 show as “fewer than 10”" in dashboard
    for page in (representation, quality, dashboard):  # "fewer than 5 answers" is another rule
        assert not re.search(r"[“\"]fewer than 5[”\"]|1 to 4", page)


def test_who_raised_a_theme_and_the_themes_report_name_it(below_ten):
    # Seven fathers are a small group when counts under 10 are hidden.
    assert who_raised(["parent_father"], Counter(parent_father=7)) == [
        "a perspective fewer than 10 people in this theme share"]
    report = render_report({"items": 12, "themes": []})
    assert "Numbers from 1 to 9 are shown as &ldquo;fewer than 10&rdquo;" in report


def test_no_template_writes_the_rules_numbers_by_hand():
    found = [f"{path.relative_to(TEMPLATES)}:{n}: {match.group(0)!r}"
             for path in sorted(TEMPLATES.rglob("*.html"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             for match in HAND_WRITTEN.finditer(line)]
    assert len(list(TEMPLATES.rglob("*.html"))) > 100, "the scan found too few templates"
    assert found == [], found

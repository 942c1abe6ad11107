"""The key-messages report opens with a one-page summary written from its data, has no pages
of empty boilerplate, and its PDF is tagged for screen readers with a language and a title."""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib

import pytest

from heard.reports.key_messages import build_key_messages
from heard.reports.key_messages_render import to_html, to_pdf
from heard.reports.summary import build_summary, in_words

from ..conftest import client_for
from . import test_key_messages_themed as themed
from .test_key_messages import URL, fake_embedder  # noqa: F401 - a fixture

# The themed world's fixtures: built once for this module too, with its analyst and activity.
_world_once, _world_copy, world = themed._world_once, themed._world_copy, themed.world
activity, analyst = themed.activity, themed.analyst

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("world")]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_summary_names_the_biggest_themes_what_is_done_and_who_is_missing():
    report = build_key_messages(None)
    summary = build_summary(report)
    biggest = report.themes[0]
    assert summary.themes[0].label == biggest.label
    assert summary.themes[0].count == biggest.count.text
    answered = {t.label for t in summary.themes if t.answered}
    assert answered == {t.label for t in report.themes if t.responses}
    assert summary.doing[0] == "One response published, with one action."
    assert summary.doing[1] == "Actions: one in progress."
    assert summary.missing or summary.no_gaps


def test_the_summary_comes_first_on_the_page_and_in_the_pdf_html(analyst):
    page = client_for(analyst).get(URL).content.decode()
    assert page.index('id="summary"') < page.index('id="themes"')
    assert "What we are doing" in page and "Who is missing" in page
    html = to_html(build_key_messages(None))
    assert html.index('id="summary"') < html.index('id="themes"')


def test_unassessed_activities_are_named_once_not_given_empty_tables(activity):
    html = _text(to_html(build_key_messages(None)))
    assert "Not answered yet" not in html
    assert f"Not assessed yet: {activity.title}." in html


def test_the_pdf_is_tagged_with_language_and_title():
    if shutil.which("pdfinfo") is None:
        pytest.fail("pdfinfo is missing: install poppler-utils (make system-deps).")
    pdf = to_pdf(build_key_messages(None))
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout
    lines = dict(line.split(":", 1) for line in info.decode().splitlines() if ":" in line)
    assert lines["Tagged"].strip() == "yes"
    assert lines["Title"].strip() == "Key messages: All activities"
    assert b"/Lang (en-GB)" in pdf or b"/Lang(en-GB)" in pdf or _catalog_has_language(pdf)


def _catalog_has_language(pdf: bytes) -> bool:
    """The catalog sits in a compressed object stream: inflate each stream and look there."""
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            if b"/Lang (en-GB)" in zlib.decompress(stream):
                return True
        except zlib.error:
            continue
    return False


def test_small_numbers_of_things_are_words():
    assert [in_words(n) for n in (0, 1, 4, 9, 12)] == ["no", "one", "four", "nine", "12"]

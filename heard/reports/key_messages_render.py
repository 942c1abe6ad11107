"""The key-messages report as a web page, a PDF, a CSV table and JSON. Formatting only: every
number was suppressed when the report was built (`key_messages.build_key_messages`).

CSV: one tidy table with the columns in `CSV_COLUMNS`. A suppressed count is written as
"fewer than 5", or "hidden" where a larger number was held back so that a small one cannot be
worked out (the same words as the web page and the PDF).

JSON: the same content nested. Every count is an object {"value": int or null, "suppressed":
bool, "text": str}: where "suppressed" is true, "value" is null and "text" says "fewer than N"
(N the threshold) or "hidden".
"""

from __future__ import annotations

import html
import io
import json
import mimetypes
from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop

from heard.core import csv_safe
from heard.core.organisation import organisation_name
from heard.core.suppression import suppress_below

from .key_messages import (
    ANSWER_WORDS,
    Count,
    KeyMessages,
    QualityLine,
    ThemeMessage,
    count_words,
)
from .presentation import ShownTable
from .summary import build_summary

CSV_COLUMNS = ("section", "activity", "theme", "perspective", "item", "measure", "value")
FORMATS = {"html": "web page", "pdf": "PDF", "csv": "CSV", "json": "JSON"}
# WeasyPrint resolves the stylesheet's address against this. ".invalid" can never resolve
# (RFC 2606), and the fetcher below answers it from local static files, so nothing is fetched.
PDF_BASE_URL = "https://heard.invalid/"
NOT_ANSWERED = ANSWER_WORDS[""]
LABEL_CHARS = 26  # what fits before a chart's bars; the full label is in the table beside it


# --- charts ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | None  # None draws no bar: the count is suppressed
    text: str


def bar_svg(chart_id: str, title: str, description: str, bars: list[Bar]) -> SafeString:
    """A horizontal bar chart. The same figures are always in a table beside it, so the chart
    is a picture of the table, never the only place a number is."""
    # Sized so that, half a page wide, the words print at about the size of the table's.
    label_width, bar_area, row = 180, 160, 24
    biggest = max((b.value or 0 for b in bars), default=0) or 1
    height = 10 + row * len(bars)
    parts = []
    for i, bar in enumerate(bars):
        y = 5 + i * row
        width = round(bar_area * (bar.value or 0) / biggest, 1)
        label = bar.label if len(bar.label) <= LABEL_CHARS else bar.label[:LABEL_CHARS - 1] + "…"
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 16}" text-anchor="end" font-size="13" '
            f'fill="#0b0c0c">{html.escape(label)}</text>'
            + (f'<rect x="{label_width}" y="{y + 3}" width="{width}" height="17" '
               f'fill="#1d70b8"></rect>' if width else "")
            + f'<text x="{label_width + width + 5}" y="{y + 16}" font-size="13" '
              f'fill="#0b0c0c">{html.escape(bar.text)}</text>')
    total_width = label_width + bar_area + 90
    return mark_safe(  # noqa: S308 - every piece of text above is escaped
        f'<svg role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {total_width} {height}" width="100%" class="heard-chart" '
        f'font-family="Arial, &quot;Liberation Sans&quot;, Helvetica, sans-serif" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="{chart_id}-title">'
        f'{html.escape(title)}</title><desc id="{chart_id}-desc">{html.escape(description)}'
        f'</desc>{"".join(parts)}</svg>')


SUPPRESSED_BARS = gettext_noop("Counts under %(below)s, and counts hidden so that a small one "
                               "cannot be worked out, draw no bar.")


def _no_bar_for_small_counts() -> str:
    """SUPPRESSED_BARS in the current language, with the deployment's threshold."""
    return gettext(SUPPRESSED_BARS) % {"below": suppress_below()}


@dataclass(frozen=True)
class ThemeView:
    theme: ThemeMessage
    anchor: str
    chart: SafeString


@dataclass(frozen=True)
class QualityView:
    line: QualityLine
    chart: SafeString


def page_context(report: KeyMessages) -> dict[str, Any]:
    """What both page templates need: the report and its charts."""
    themes = [ThemeView(t, f"theme-{i}", _theme_chart(t, i))
              for i, t in enumerate(report.themes, start=1)]
    return {
        "report": report, "themes": themes,
        "overview_chart": bar_svg(
            "themes-chart", gettext("Contributions in each theme"),
            gettext("A bar for each theme, as long as the number of contributions in it.")
            + " " + _no_bar_for_small_counts(),
            [Bar(t.label, t.count.value, count_words(t.count.text)) for t in report.themes]),
        "quality": [QualityView(q, _influence_chart(q, i))
                    for i, q in enumerate(report.quality, start=1)],
        "representation_chart": bar_svg(
            "perspectives-chart", gettext("Who shared, by perspective"),
            gettext("A bar for each perspective, as long as the number of contributions from "
                    "it.") + " " + _no_bar_for_small_counts(),
            [Bar(_label(r.label), r.count.value, count_words(r.count_text))
             for r in report.representation.perspectives.rows]),
        "group_headers": [label for _, label in _groups(report)],
        "formats": FORMATS,
        "summary": build_summary(report),
        "assessed": [q for q in report.quality if is_assessed(q)],
        "not_assessed": [q.activity for q in report.quality if not is_assessed(q)],
    }


def _label(label: str) -> str:
    """A label marked in Python (a perspective group, an answer) in the report's language; the
    empty string stays empty (gettext("") would give the catalogue's header)."""
    return gettext(label) if label else label


def is_assessed(line: QualityLine) -> bool:
    """Has anyone said anything about this activity's quality? Pages of "Not answered yet"
    tell a reader nothing, so unassessed activities are named in one line instead."""
    return (bool(line.rung) or any(lundy.answer != NOT_ANSWERED for lundy in line.lundy)
            or line.influence_total.value != 0 or bool(line.warnings))


def _groups(report: KeyMessages) -> list[tuple[str, str]]:
    return [(g.group, g.label) for g in report.totals]


def _theme_chart(theme: ThemeMessage, index: int) -> SafeString:
    return bar_svg(
        f"theme-{index}-chart", gettext("Who raised “%(theme)s”") % {"theme": theme.label},
        gettext("A bar for each perspective group, as long as the number of contributions from "
                "it in this theme. People may belong to more than one group.")
        + " " + _no_bar_for_small_counts(),
        [Bar(_label(g.label), g.count.value, count_words(g.count.text))
         for g in theme.perspectives])


def _influence_chart(line: QualityLine, index: int) -> SafeString:
    return bar_svg(
        f"influence-{index}-chart",
        gettext("Sense of influence: %(activity)s") % {"activity": line.activity},
        gettext("A bar for each answer to “How much do you think what you shared will make a "
                "difference?”.") + " " + _no_bar_for_small_counts(),
        [Bar(_label(label), count.value, count_words(count.text))
         for label, count in line.influence])


# --- CSV -------------------------------------------------------------------------------------


def _cell(count: Count) -> str:
    return count.text if count.suppressed else str(count.value)


def tidy_rows(report: KeyMessages) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []

    def add(section: str, measure: str, value: object, *, activity: str = "",
            theme: str = "", perspective: str = "", item: str = "") -> None:
        rows.append({"section": section, "activity": activity or report.title, "theme": theme,
                     "perspective": perspective, "item": item, "measure": measure,
                     "value": _cell(value) if isinstance(value, Count) else str(value)})

    add("summary", "contributions in themes", report.analysed)
    for theme in report.themes:
        _theme_rows(theme, add)
    for total in report.totals:
        add("themes", "contributions", total.count, theme="All themes",
            perspective=total.label)
    for response in report.responses:
        _response_rows(response, "", add)
    for line in report.quality:
        _quality_rows(line, add)
    _representation_rows(report, add)
    return rows


def _theme_rows(theme: ThemeMessage, add: Any) -> None:
    add("themes", "contributions", theme.count, theme=theme.label)
    for group in theme.perspectives:
        add("themes", "contributions", group.count, theme=theme.label, perspective=group.label)
        if group.share is not None:
            add("themes", "share of theme (%)", group.share, theme=theme.label,
                perspective=group.label)
    add("themes", "key words", "; ".join(theme.key_words), theme=theme.label)
    add("themes", "description", theme.description, theme=theme.label)
    for quote in theme.quotes:
        add("quotes", "quote", quote, theme=theme.label)
    for response in theme.responses:
        _response_rows(response, theme.label, add)


def _response_rows(response: Any, theme: str, add: Any) -> None:
    add("responses", "response", response.body, activity=response.activity, theme=theme,
        item=response.title)
    for action in response.actions:
        where = {"activity": response.activity, "theme": theme, "item": action.title}
        add("actions", "status", action.status, **where)
        add("actions", "owner", action.owner, **where)
        add("actions", "progress (%)", action.progress, **where)
        add("actions", "due", action.due.isoformat() if action.due else "", **where)
        if action.overdue:
            add("actions", "overdue", "yes", **where)


def _quality_rows(line: QualityLine, add: Any) -> None:
    for lundy in line.lundy:
        add("quality", "Lundy", lundy.answer, activity=line.activity, item=lundy.element)
    add("quality", "Arnstein rung", line.rung or "Not rated yet", activity=line.activity)
    for label, count in line.influence:
        add("quality", "sense of influence answers", count, activity=line.activity,
            item=label)
    add("quality", "sense of influence answers", line.influence_total, activity=line.activity,
        item="All answers")
    if line.influence_mean:
        add("quality", "sense of influence average (out of 5)", line.influence_mean,
            activity=line.activity)
    for warning in line.warnings:
        add("quality", "warning", warning, activity=line.activity)


def _representation_rows(report: KeyMessages, add: Any) -> None:
    page = report.representation
    add("representation", "contributions", _shown(page.total))
    for table in (page.perspectives, page.groups):
        for row in table.rows:
            add("representation", "contributions", Count(row.count.value, row.count_text),
                perspective=row.label, item=table.title)
    for alert in report.alerts:
        add("representation", "hidden-voice alert", alert.message, item=alert.title)


def _shown(count: Any) -> Count:
    return Count(count.value, str(count))


def to_csv(report: KeyMessages) -> str:
    out = io.StringIO()
    writer = csv_safe.dict_writer(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(tidy_rows(report))
    return out.getvalue()


# --- JSON ------------------------------------------------------------------------------------



def _suppression_rule(below: int) -> dict[str, Any]:
    """The rule the export's counts follow, with the threshold they were hidden under."""
    return {
        "threshold": below,
        "rule": f"Counts from 1 to {below - 1} are suppressed, and further counts are hidden "
                "where a total would give a suppressed one away. A suppressed count has value "
                f"null, suppressed true, and text 'fewer than {below}' or 'hidden'."}

def to_json(report: KeyMessages) -> dict[str, Any]:
    page = report.representation
    return {
        "title": report.title, "activity": None if report.slug == "all" else report.slug,
        "generated_at": report.generated_at.isoformat(),
        "themes_from_run_finished_at": _plain(report.run_finished_at),
        "suppression": _suppression_rule(suppress_below()),
        "contributions_in_themes": _plain(report.analysed),
        "themes": [_plain(t) for t in report.themes],
        "all_themes": [_plain(g) for g in report.totals],
        "responses": [_plain(r) for r in report.responses],
        "quality": [_quality_json(q) for q in report.quality],
        "representation": {
            "total": _plain(_shown(page.total)),
            "tables": [_table(t) for t in (page.perspectives, page.groups)],
            "alerts": [{"title": a.title, "message": a.message, "figure": a.figure,
                        "source": a.source}
                       for a in report.alerts],
            "who_to_reach_next": [{"group": s.group, "why": s.why, "how": s.how}
                                  for s in report.suggestions],
        },
        "notes": report.notes,
    }


def _quality_json(line: QualityLine) -> dict[str, Any]:
    return {
        "activity": line.activity, "slug": line.slug,
        "lundy": [{"element": e.element, "answer": e.answer,
                   "questions": [{"question": q, "answer": a} for q, a in e.items]}
                  for e in line.lundy],
        "arnstein": {"rung": line.rung, "group": line.rung_group, "meaning": line.rung_meaning}
        if line.rung else None,
        "sense_of_influence": {
            "answers": [{"answer": label, "count": _plain(count)}
                        for label, count in line.influence],
            "total": _plain(line.influence_total), "average": line.influence_mean or None},
        "warnings": line.warnings,
    }


def _table(table: ShownTable) -> dict[str, Any]:
    return {"title": table.title, "rows": [
        {"label": r.label, "count": _plain(Count(r.count.value, r.count_text)),
         "share": r.share or None} for r in table.rows]}


def _plain(value: Any) -> Any:
    if isinstance(value, Count):
        return {"value": value.value, "suppressed": value.suppressed, "text": value.text}
    if isinstance(value, datetime | date):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def to_json_text(report: KeyMessages) -> str:
    return json.dumps(to_json(report), indent=2, ensure_ascii=False)


# --- web page and PDF ------------------------------------------------------------------------


def to_html(report: KeyMessages, template: str = "reports/key_messages_print.html",
            extra: dict[str, Any] | None = None) -> str:
    return render_to_string(template, {
        **page_context(report), "service_name": settings.HEARD_SERVICE_NAME,
        # In the report's language (a Welsh PDF names the service's Welsh name).
        "organisation": organisation_name(), **(extra or {})})


PRINT_CSS = "heard/key-messages-print.css"


def print_css() -> str:
    return static_path_for(PDF_BASE_URL + settings.STATIC_URL.lstrip("/") + PRINT_CSS,
                           PDF_BASE_URL + settings.STATIC_URL.lstrip("/")).read_text("utf-8")


def to_pdf(report: KeyMessages) -> bytes:
    from weasyprint import HTML  # imported here: only PDF requests pay for loading it

    document = HTML(string=to_html(report), base_url=PDF_BASE_URL,
                    url_fetcher=static_only_fetcher())
    # Tagged (PDF/UA-1 identification, structure tags), with the language and title taken
    # from the page's <html lang> and <title>, so screen readers get headings, lists and tables.
    pdf = document.write_pdf(pdf_variant="pdf/ua-1")
    assert isinstance(pdf, bytes)
    return pdf


def static_only_fetcher() -> Any:
    """A WeasyPrint fetcher that serves our own static files and refuses everything else, so a
    report can never reach the network (or the file system) while it renders."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    prefix = PDF_BASE_URL + settings.STATIC_URL.lstrip("/")

    class StaticOnlyFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            path = static_path_for(url, prefix)
            body = path.read_bytes()
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body, {"Content-Type": kind})

    return StaticOnlyFetcher()


def static_path_for(url: str, prefix: str) -> Path:
    if not url.startswith(prefix):
        raise ValueError(f"Not fetched: only local static files are used in reports ({url}).")
    name = unquote(url[len(prefix):].split("?", 1)[0].split("#", 1)[0])
    found = finders.find(name) if ".." not in name.split("/") else None
    if not isinstance(found, str):
        raise ValueError(f"No static file called {name!r}.")
    return Path(found)

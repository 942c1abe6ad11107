"""report.html: one self-contained, accessible page (no scripts, fonts or images to fetch).

It is built from the themes.json payload, whose counts are already suppressed, so nothing
below 5 can reach the page. The chart is inline SVG with a text alternative, and the same
numbers sit beside it in a table, as the GOV.UK guidance on charts asks.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from heard.core.suppression import suppress_below, suppressed_text

_BAR_HEIGHT = 22
_CHART_WIDTH = 420

_STYLE = """
body{font-family:Arial,Helvetica,sans-serif;color:#0b0c0c;max-width:72rem;margin:2rem auto;
padding:0 1rem;line-height:1.5}
h1,h2,h3{line-height:1.2}
.row{display:flex;flex-wrap:wrap;gap:2rem;align-items:flex-start}
table{border-collapse:collapse;margin-bottom:1.5rem}
th,td{border-bottom:1px solid #b1b4b6;padding:.3rem .6rem;text-align:left;vertical-align:top}
td.num,th.num{text-align:right}
blockquote{border-left:5px solid #b1b4b6;margin:.5rem 0;padding:.2rem 1rem}
.note{background:#f3f2f1;padding:.5rem 1rem}
a:focus,:focus{outline:3px solid #fd0;outline-offset:0}
.bar{fill:#1d70b8}
"""


def write_report(path: Path, payload: dict[str, Any]) -> None:
    path.write_text(render_report(payload), encoding="utf-8")


def render_report(payload: dict[str, Any]) -> str:
    themes = payload["themes"]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Themes report</title>",
        f"<style>{_STYLE}</style></head><body>",
        '<main id="main">',
        "<h1>Themes</h1>",
        f"<p>{escape(str(payload['items']))} contributions in {len(themes)} themes. "
        "Every contribution belongs to one theme. Numbers from 1 to "
        f"{suppress_below() - 1} are shown as &ldquo;{suppressed_text()}&rdquo; to protect "
        "the people who took part.</p>",
    ]
    parts += [f'<p class="note">{escape(note)}</p>' for note in payload.get("notes", [])]
    parts.append('<div class="row">')
    parts.append(_chart(themes))
    parts.append(_summary_table(themes))
    parts.append("</div>")
    parts += [_theme_section(theme) for theme in themes]
    parts.append("</main></body></html>")
    return "\n".join(parts)


def _chart(themes: list[dict[str, Any]]) -> str:
    shares = [theme["share"] or 0.0 for theme in themes]
    top = max(shares, default=0.0) or 1.0
    height = _BAR_HEIGHT * len(themes) + 10
    rows = []
    for row, (theme, share) in enumerate(zip(themes, shares, strict=True)):
        width = max(1.0, share / top * (_CHART_WIDTH - 60))
        y = row * _BAR_HEIGHT + 4
        rows.append(
            f'<rect class="bar" x="0" y="{y}" width="{width:.1f}" height="{_BAR_HEIGHT - 6}">'
            f"<title>{escape(theme['id'])}: {escape(theme['label'])}, "
            f"{escape(str(theme['size']))}</title></rect>"
            f'<text x="{width + 4:.1f}" y="{y + _BAR_HEIGHT - 10}" font-size="12">'
            f"{escape(theme['id'])}</text>"
        )
    return (
        f'<figure><svg role="img" aria-labelledby="chart-title" width="{_CHART_WIDTH}" '
        f'height="{height}" viewBox="0 0 {_CHART_WIDTH} {height}" '
        'xmlns="http://www.w3.org/2000/svg">'
        '<title id="chart-title">Bar chart of how many contributions each theme has. '
        "The table beside it gives the same numbers.</title>"
        + "".join(rows)
        + "</svg><figcaption>Contributions per theme (the table has the numbers)."
        "</figcaption></figure>"
    )


def _summary_table(themes: list[dict[str, Any]]) -> str:
    body = "".join(
        f'<tr><td><a href="#{escape(theme["id"])}">{escape(theme["id"])}</a></td>'
        f"<td>{escape(theme['label'])}</td>"
        f'<td class="num">{escape(str(theme["size"]))}</td>'
        f'<td class="num">{_percent(theme["share"])}</td></tr>'
        for theme in themes
    )
    return (
        "<table><caption>Themes and how many contributions each has</caption>"
        '<thead><tr><th scope="col">Theme</th><th scope="col">Label</th>'
        '<th scope="col" class="num">Contributions</th><th scope="col" class="num">Share</th>'
        f"</tr></thead><tbody>{body}</tbody></table>"
    )


def _theme_section(theme: dict[str, Any]) -> str:
    parts = [
        f'<section aria-labelledby="h-{escape(theme["id"])}">',
        f'<h2 id="{escape(theme["id"])}"><span id="h-{escape(theme["id"])}">'
        f"{escape(theme['id'])}: {escape(theme['label'])}</span></h2>",
        f"<p>{escape(str(theme['size']))} contributions"
        + (" (label written by an analyst)" if theme["label_source"] == "analyst" else "")
        + ".</p>",
    ]
    if theme["key_words"]:
        parts.append("<h3>Key words</h3><p>" + escape(", ".join(theme["key_words"])) + "</p>")
    if theme["quotes"]:
        parts.append("<h3>What people said</h3>")
        parts += [f"<blockquote><p>{escape(quote)}</p></blockquote>" for quote in theme["quotes"]]
    if theme.get("perspectives"):
        parts.append(_perspective_table(theme["id"], theme["perspectives"]))
    parts.append("</section>")
    return "\n".join(parts)


def _perspective_table(theme_id: str, lens: dict[str, Any]) -> str:
    rows = []
    for row in lens["groups"] + lens["dual_comparison"]:
        words = lens["distinctive_words"].get(row["group"]) or lens["dual_words"].get(
            row["group"]) or []
        interval = (f"{row['ratio']:.2f} ({row['ci_95'][0]:.2f} to {row['ci_95'][1]:.2f})"
                    if row["ratio"] is not None else "not shown")
        rows.append(
            f"<tr><th scope=\"row\">{escape(row['label'])}</th>"
            f'<td class="num">{escape(str(row["count"]))}</td>'
            f'<td class="num">{_percent(row["share"])}</td>'
            f"<td>{escape(interval)}</td><td>{escape(', '.join(words))}</td></tr>"
        )
    return (
        f"<table><caption>Who raised theme {escape(theme_id)}. A ratio above 1 means the group "
        "raised it more than its share of everyone would suggest; the range is a 95% "
        "confidence interval.</caption>"
        '<thead><tr><th scope="col">Group</th><th scope="col" class="num">Contributions</th>'
        '<th scope="col" class="num">Share of theme</th><th scope="col">Ratio (95% range)</th>'
        '<th scope="col">Words this group uses more</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _percent(share: float | None) -> str:
    return "not shown" if share is None else f"{share:.0%}"

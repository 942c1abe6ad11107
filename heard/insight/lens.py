"""The perspective lens as stored JSON, and as shown (small counts suppressed)."""

from __future__ import annotations

import html
from typing import Any

from heard.core.suppression import shown, suppressed_text
from heard.core.vocab import GROUP_LABELS


def lens_to_json(lens: Any) -> dict[str, Any]:
    return {
        "groups": [_representation(r) for r in lens.groups],
        "distinctive": {group: [t.term for t in terms[:8]]
                        for group, terms in lens.distinctive.items()},
    }


def _representation(r: Any) -> dict[str, Any]:
    return {"group": r.group, "count": int(r.count), "theme_size": int(r.theme_size),
            "ratio": float(r.ratio), "ci_low": float(r.ci_low), "ci_high": float(r.ci_high)}


def lens_rows(lens: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per perspective group: the count (suppressed under 5), the share of the theme,
    and over/under-representation; ratios are hidden where the count is."""
    rows = []
    for r in lens.get("groups", []):
        count = shown(r["count"])
        hidden = count.suppressed
        rows.append({
            "label": GROUP_LABELS.get(r["group"], r["group"]), "count": count,
            "share": None if hidden or not r["theme_size"] else
            round(100 * r["count"] / r["theme_size"]),
            "ratio": None if hidden else round(r["ratio"], 2),
            "ci": None if hidden else (round(r["ci_low"], 2), round(r["ci_high"], 2)),
            "words": [] if hidden else lens.get("distinctive", {}).get(r["group"], [])[:5],
        })
    return rows


def lens_svg(rows: list[dict[str, Any]]) -> str:
    """A horizontal bar per group: its share of the theme. Hidden counts get no bar."""
    width, bar_height, gap, left = 360, 22, 10, 190
    height = len(rows) * (bar_height + gap) + gap
    bars = []
    for i, row in enumerate(rows):
        y = gap + i * (bar_height + gap)
        share = row["share"] or 0
        bars.append(
            f'<text x="0" y="{y + 16}" font-size="14">{html.escape(row["label"][:28])}</text>'
            f'<rect x="{left}" y="{y}" width="{share * (width - left - 40) / 100:.1f}" '
            f'height="{bar_height}" fill="#1d70b8"></rect>'
            f'<text x="{left + share * (width - left - 40) / 100 + 4:.1f}" y="{y + 16}" '
            f'font-size="14">{"" if row["share"] is None else str(share) + "%"}</text>')
    description = html.escape("; ".join(
        f'{row["label"]}: ' + (f"{suppressed_text()} people" if row["share"] is None
                               else f'{row["share"]}% of this theme')
        for row in rows))
    return (f'<svg role="img" aria-labelledby="lens-title lens-desc" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}" '
            f'xmlns="http://www.w3.org/2000/svg"><title id="lens-title">Who raised this theme'
            f'</title><desc id="lens-desc">{description}</desc>{"".join(bars)}</svg>')

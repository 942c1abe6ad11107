"""The results page's view of a stored opinion map, with small numbers suppressed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from heard.people.vocab import GROUP_LABELS, perspective_groups
from heard.reports.suppression import ShownCount, shown, suppress_table

from .models import OpinionMap, Statement, Vote

GROUP_NAMES = "ABCDE"
GROUP_COLOURS = ("#1d70b8", "#d4351c", "#00703c", "#f47738", "#4c2c92")
MAP_SIZE = 320
CROSSTAB_ORDER = ("care_experienced", "family", "professional", "dual", "not_said")


@dataclass(frozen=True)
class StatementLine:
    text: str
    percent: int
    verb: str
    count: ShownCount
    of: ShownCount


def group_name(group: int) -> str:
    return f"Group {GROUP_NAMES[group]}" if group < len(GROUP_NAMES) else f"Group {group + 1}"


def statement_lines(stats: list[dict[str, Any]], texts: dict[int, str]) -> list[StatementLine]:
    return [StatementLine(texts.get(s["tid"], "(statement removed)"),
                          round(100 * s["n_success"] / max(s["n_trials"], 1)),
                          "agreed" if s["repful_for"] == "agree" else "disagreed",
                          shown(s["n_success"]), shown(s["n_trials"]))
            for s in stats]


def results_context(opinion_map: OpinionMap) -> dict[str, Any]:
    result = opinion_map.result or {}
    texts = dict(opinion_map.statements.values_list("pk", "text"))
    if not result or "error" in result:
        return {"ready": False, "message": result.get("error", "No votes yet.")}
    # The colour travels as a class: the Content-Security-Policy allows no inline styles.
    groups = [{"name": group_name(g), "colour": GROUP_COLOURS[g % len(GROUP_COLOURS)],
               "colour_class": f"heard-group-colour-{g % len(GROUP_COLOURS)}",
               "size": shown(size),
               "statements": statement_lines(result["repness"].get(str(g), []), texts)}
              for g, size in enumerate(result["group_sizes"])]
    consensus = (statement_lines(result["consensus"].get("agree", []), texts)
                 + statement_lines(result["consensus"].get("disagree", []), texts))
    return {
        "ready": True, "groups": groups, "consensus": consensus,
        "svg": map_svg(result), "description": map_description(result),
        "crosstab": crosstab_rows(result), "group_names": [g["name"] for g in groups],
        "participants": shown(result["participants"]),
        "computed_at": datetime.fromisoformat(result["computed_at"]),
        "differences": perspective_differences(opinion_map, texts),
    }


def map_description(result: dict[str, Any]) -> str:
    sizes = "; ".join(f"{group_name(g)}: {shown(n)} people"
                      for g, n in enumerate(result["group_sizes"]))
    return (f"Each dot is one person, placed by how they voted: people who voted alike are "
            f"close together. {result['k']} opinion groups. {sizes}.")


def map_svg(result: dict[str, Any]) -> str:
    points = result["points"]
    span = max([max(abs(x), abs(y)) for x, y, _ in points] or [1.0]) or 1.0
    scale = (MAP_SIZE / 2 - 10) / span
    dots = "".join(
        f'<circle cx="{MAP_SIZE / 2 + x * scale:.1f}" cy="{MAP_SIZE / 2 - y * scale:.1f}" r="4" '
        f'fill="{GROUP_COLOURS[g % len(GROUP_COLOURS)]}" fill-opacity="0.8"></circle>'
        for x, y, g in points)
    return (f'<svg role="img" aria-labelledby="map-title map-desc" viewBox="0 0 {MAP_SIZE} '
            f'{MAP_SIZE}" width="{MAP_SIZE}" height="{MAP_SIZE}" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="map-title">Opinion map</title><desc id="map-desc">'
            f'{map_description(result)}</desc><rect width="100%" height="100%" fill="#fff" '
            f'stroke="#505a5f"></rect>{dots}</svg>')


def crosstab_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Group sizes are published, so each column's total is known: secondary suppression stops
    a single hidden cell being worked out by subtraction."""
    table = result.get("crosstab", {})
    labels = {**GROUP_LABELS, "not_said": "Did not say"}
    names = [name for name in CROSSTAB_ORDER if name in table]
    shown_cells = suppress_table([table[name] for name in names])
    return [{"label": labels[name], "counts": row} for name, row in zip(names, shown_cells,
                                                                         strict=True)]


def perspective_differences(opinion_map: OpinionMap, texts: dict[int, str],
                            top: int = 5) -> list[dict[str, Any]]:
    """Statements where care-experienced people and professionals agree least alike. Both
    sides need at least 5 votes on a statement before it is compared."""
    tallies: dict[int, dict[str, list[int]]] = {}
    votes = Vote.objects.filter(statement__opinion_map=opinion_map,
                                statement__status=Statement.Status.ACCEPTED)
    for statement_id, value, perspectives in votes.values_list(
            "statement_id", "value", "voter__perspectives"):
        for side in _sides(perspectives or []):
            tally = tallies.setdefault(statement_id, {}).setdefault(side, [0, 0])
            tally[0] += value == 1
            tally[1] += 1
    rows: list[dict[str, Any]] = []
    for statement_id, sides in tallies.items():
        care, pro = sides.get("care_experienced", [0, 0]), sides.get("professional", [0, 0])
        if care[1] >= 5 and pro[1] >= 5:
            a, b = care[0] / care[1], pro[0] / pro[1]
            rows.append({"text": texts.get(statement_id, ""), "care": round(100 * a),
                         "professional": round(100 * b), "gap": abs(a - b)})
    return sorted(rows, key=lambda r: -float(r["gap"]))[:top]


def _sides(perspectives: list[str]) -> set[str]:
    return perspective_groups(perspectives) & {"care_experienced", "professional"}

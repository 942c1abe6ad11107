"""The results page's view of a stored opinion map, with small numbers suppressed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.html import conditional_escape, escape, format_html
from django.utils.translation import get_language, gettext, gettext_lazy, gettext_noop

from heard.core.suppression import ShownCount, shown, suppress_table
from heard.core.vocab import GROUP_LABELS, perspective_groups

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


# Why a map is not ready, as the analysis stores it (in English, with no Django), and what the
# page says instead in its own language. Anything else gets the general sentence.
NOT_READY_REASONS = {
    "There are no votes, so there is nothing to map.":
        gettext_lazy("There are no votes, so there is nothing to map."),
    "At least two participants must vote before groups can be formed.":
        gettext_lazy("At least two participants must vote before groups can be formed."),
}


def group_name(group: int) -> str:
    letter = GROUP_NAMES[group] if group < len(GROUP_NAMES) else str(group + 1)
    return gettext("Group %(letter)s") % {"letter": letter}


def count_words(count: ShownCount) -> str:
    """A count as the page shows it, in the page's language ("fewer than 5" when hidden)."""
    if count.suppressed:
        return gettext("fewer than %(threshold)s") % {"threshold": count.threshold}
    return str(count)


def not_ready_message(result: dict[str, Any]) -> str:
    if not result:
        return gettext("No votes yet.")
    reason = NOT_READY_REASONS.get(str(result.get("error", "")))
    return str(reason) if reason else gettext("The map is not ready yet.")


def statement_lines(stats: list[dict[str, Any]], texts: dict[int, str]) -> list[StatementLine]:
    return [StatementLine(texts.get(s["tid"], gettext("(statement removed)")),
                          round(100 * s["n_success"] / max(s["n_trials"], 1)),
                          "agreed" if s["repful_for"] == "agree" else "disagreed",
                          shown(s["n_success"]), shown(s["n_trials"]))
            for s in stats]


def statement_texts(opinion_map: OpinionMap) -> dict[int, str]:
    """Each statement's words in the page's language, ready for the page: staff's Welsh wording
    on a Welsh page, else the English, marked lang="en" where it stands in for the Welsh."""
    language = get_language() or ""
    texts: dict[int, str] = {}
    for statement in opinion_map.statements.only("pk", "text", "text_cy"):
        text, is_fallback = statement.welsh_or_english("text", language)
        texts[statement.pk] = (format_html('<span lang="en">{}</span>', text) if is_fallback
                               else conditional_escape(text))
    return texts


def results_context(opinion_map: OpinionMap) -> dict[str, Any]:
    result = opinion_map.result or {}
    texts = statement_texts(opinion_map)
    if not result or "error" in result:
        return {"ready": False, "message": not_ready_message(result)}
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
    sizes = "; ".join(gettext("%(name)s: %(size)s people")
                      % {"name": group_name(g), "size": count_words(shown(n))}
                      for g, n in enumerate(result["group_sizes"]))
    return gettext("Each dot is one person, placed by how they voted: people who voted alike "
                   "are close together. %(k)s opinion groups. %(sizes)s.") % {
                       "k": result["k"], "sizes": sizes}


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
            f'<title id="map-title">{escape(gettext("Opinion map"))}</title>'
            f'<desc id="map-desc">{escape(map_description(result))}</desc>'
            f'<rect width="100%" height="100%" fill="#fff" '
            f'stroke="#505a5f"></rect>{dots}</svg>')


def crosstab_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Group sizes are published, so each column's total is known: secondary suppression stops
    a single hidden cell being worked out by subtraction."""
    table = result.get("crosstab", {})
    labels = {**GROUP_LABELS, "not_said": gettext_noop("Did not say")}
    names = [name for name in CROSSTAB_ORDER if name in table]
    shown_cells = suppress_table([table[name] for name in names])
    return [{"label": gettext(labels[name]), "counts": row} for name, row in zip(names, shown_cells,
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

"""Write an opinion map's outputs: groups.csv, repness.json, consensus.json, report.html.

The HTML report is self-contained (inline SVG and CSS, no scripts or external assets) and
accessible: the map has a title and text description, and every point is also in a table.
"""

from __future__ import annotations

import csv
import html
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from heard.analysis.opinion import OpinionMap, StatementStat, compute_opinion_map
from heard.analysis.polis_io import POLIS_ATTRIBUTION, PolisConversation, read_conversation

# Colour-blind-safe palette (Okabe-Ito), one colour per group.
GROUP_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00"]
MAP_SIZE = 480


@dataclass(frozen=True)
class ReportSummary:
    participants: int
    clustered: int
    groups: int
    statements: int
    warnings: list[str]
    files: list[str]


def write_outputs(
    conversation_dir: Path | str, out_dir: Path | str, *, detect_metadata: bool = True
) -> ReportSummary:
    """Read a Polis-format conversation, compute its opinion map and write all outputs."""
    conversation = read_conversation(conversation_dir, detect_metadata=detect_metadata)
    result = compute_opinion_map(conversation.votes_for_groups(), seed=0)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    _write_groups(out / "groups.csv", result)
    _write_json(out / "repness.json", {str(g): [s.to_polis() for s in stats]
                                       for g, stats in result.repness.items()})
    _write_json(out / "consensus.json", {
        **{d: [s.to_polis() for s in stats] for d, stats in result.consensus.items()},
        "group-aware-consensus": {str(t): v for t, v in result.group_aware_consensus.items()},
    })
    (out / "report.html").write_text(render_html(conversation, result), encoding="utf-8")
    return ReportSummary(
        participants=len(result.participant_ids),
        clustered=int(result.in_conv.sum()),
        groups=result.group_choice.k,
        statements=len(conversation.statements),
        warnings=list(conversation.warnings),
        files=["groups.csv", "repness.json", "consensus.json", "report.html"],
    )


def _write_groups(path: Path, result: OpinionMap) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["participant", "group"])
        for pid, group in sorted(result.groups_by_participant().items()):
            writer.writerow([pid, group])


def _write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")


def _group_name(group: int) -> str:
    return f"Group {chr(ord('A') + group)}" if group < 26 else f"Group {group + 1}"


def _svg_map(result: OpinionMap) -> str:
    coords = result.projection.coordinates[result.group >= 0]
    groups = result.group[result.group >= 0]
    span = float(np.max(np.abs(coords))) if coords.size else 1.0
    scale = (MAP_SIZE / 2 - 12) / (span or 1.0)
    dots = "".join(
        f'<circle cx="{MAP_SIZE / 2 + x * scale:.1f}" cy="{MAP_SIZE / 2 - y * scale:.1f}" '
        f'r="4" fill="{GROUP_COLOURS[g % len(GROUP_COLOURS)]}" fill-opacity="0.75"/>'
        for (x, y), g in zip(coords.tolist(), groups.tolist(), strict=True)
    )
    sizes = np.bincount(groups, minlength=result.group_choice.k).tolist()
    description = (
        f"Scatter plot of {len(groups)} participants placed by how they voted; people who "
        f"voted alike are close together. {result.group_choice.k} opinion groups: "
        + "; ".join(f"{_group_name(g)} ({n} people)" for g, n in enumerate(sizes)) + "."
    )
    return (
        f'<svg role="img" aria-labelledby="map-title map-desc" width="{MAP_SIZE}" '
        f'height="{MAP_SIZE}" viewBox="0 0 {MAP_SIZE} {MAP_SIZE}" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="map-title">Opinion map</title>'
        f'<desc id="map-desc">{html.escape(description)}</desc>'
        f'<rect width="100%" height="100%" fill="#fff" stroke="#505a5f"/>{dots}</svg>'
        f"<p>{html.escape(description)}</p>"
    )


def _statement_text(conversation: PolisConversation, tid: int) -> str:
    return html.escape(conversation.statements.get(tid, f"Statement {tid}"))


def _percent(stat: StatementStat) -> int:
    return round(100 * stat.n_success / max(stat.n_trials, 1))


def _repness_section(conversation: PolisConversation, result: OpinionMap) -> str:
    parts = ["<h2>What each group thinks</h2>"]
    sizes = np.bincount(result.group[result.group >= 0], minlength=result.group_choice.k)
    for group, stats in result.repness.items():
        colour = GROUP_COLOURS[group % len(GROUP_COLOURS)]
        items = "".join(
            f"<li>{_statement_text(conversation, s.tid)} - {_percent(s)}% "
            f"of this group who saw it {'agreed' if s.repful_for == 'agree' else 'disagreed'} "
            f"({s.n_success} of {s.n_trials}).</li>"
            for s in stats
        )
        parts.append(
            f'<h3><span style="color:{colour}" aria-hidden="true">&#9679;</span> '
            f"{_group_name(group)}: {int(sizes[group])} people</h3><ul>{items}</ul>"
        )
    return "".join(parts)


def _consensus_section(conversation: PolisConversation, result: OpinionMap) -> str:
    rows = []
    for direction, verb in (("agree", "agreed"), ("disagree", "disagreed")):
        rows += [
            f"<li>{_statement_text(conversation, s.tid)} - {_percent(s)}% "
            f"{verb} ({s.n_success} of {s.n_trials}).</li>"
            for s in result.consensus[direction]
        ]
    body = "".join(rows) or "<li>No statement had clear agreement across everyone yet.</li>"
    return f"<h2>Where most people agree</h2><ul>{body}</ul>"


def _data_table(result: OpinionMap) -> str:
    rows = "".join(
        f"<tr><td>{pid}</td><td>{_group_name(int(g))}</td><td>{x:.3f}</td><td>{y:.3f}</td></tr>"
        for pid, g, (x, y) in zip(result.participant_ids.tolist(), result.group.tolist(),
                                  result.projection.coordinates.tolist(), strict=True)
        if g >= 0
    )
    return (
        "<h2>The map as a table</h2><table><caption>Each participant's group and position "
        'on the map</caption><thead><tr><th scope="col">Participant</th><th scope="col">Group'
        '</th><th scope="col">Across</th><th scope="col">Up</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )


def render_html(conversation: PolisConversation, result: OpinionMap) -> str:
    title = html.escape(conversation.topic or "Opinion map")
    notes = "".join(f"<li>{html.escape(w)}</li>" for w in conversation.warnings)
    attribution = f"<p>{html.escape(POLIS_ATTRIBUTION)}</p>" if conversation.from_polis else ""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>body{{font-family:Arial,sans-serif;max-width:60rem;"
        "margin:1rem auto;padding:0 1rem;line-height:1.5;color:#0b0c0c}table{border-collapse:"
        "collapse}td,th{border:1px solid #b1b4b6;padding:.2rem .5rem;text-align:left}</style>"
        f"</head><body><main><h1>{title}</h1>"
        f"<p>{int(result.in_conv.sum())} of {len(result.participant_ids)} people voted enough "
        f"to be placed on the map. They fall into {result.group_choice.k} groups of people "
        "who tended to vote the same way.</p>"
        f"{_svg_map(result)}{_repness_section(conversation, result)}"
        f"{_consensus_section(conversation, result)}"
        + (f"<h2>Notes about the data</h2><ul>{notes}</ul>" if notes else "")
        + f"{_data_table(result)}<footer>{attribution}</footer></main></body></html>"
    )

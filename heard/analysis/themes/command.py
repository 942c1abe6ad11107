"""`heard themes` as a plain function: a CSV file in, themes.json, assignments.csv and
report.html out. Bad input ends in :class:`ThemesInputError` with a message a person can act
on, never a traceback."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from heard.analysis.themes.campaigns import campaigns_payload
from heard.analysis.themes.cluster import ClusterConfig
from heard.analysis.themes.errors import ThemesInputError
from heard.analysis.themes.perspectives import (
    GROUPS,
    VOICE_LABELS,
    Representation,
    display_count,
    is_suppressed,
)
from heard.analysis.themes.pipeline import Progress, ThemeRun, run_themes
from heard.analysis.themes.report import write_report
from heard.analysis.themes.stability import ModelState
from heard.core import csv_safe
from heard.core.vocab import GROUP_LABELS, PERSPECTIVE_GROUP

MAX_FILE_BYTES = 200 * 1024 * 1024
# Python's csv module refuses fields over 128 KB by default; one contribution may be long.
_FIELD_LIMIT = 10 * 1024 * 1024
_SPLIT_CODES = re.compile(r"[;,|]")
_TRUE = {"1", "true", "yes", "y", "t"}


@dataclass(frozen=True)
class CsvInput:
    ids: list[str]
    texts: list[str]
    perspectives: list[list[str]] | None
    quotable: list[bool] | None
    quote_texts: list[str] | None
    skipped_blank: int
    unknown_codes: set[str]


def run_themes_cli(
    csv_path: str | Path,
    text_column: str,
    perspective_column: str | None = None,
    id_column: str | None = None,
    embedder: str = "static",
    k: int | None = None,
    out_dir: str | Path = "out/themes",
    *,
    quotable_column: str | None = None,
    quote_column: str | None = None,
    previous_dir: str | Path | None = None,
    min_size: int = 5,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Theme a CSV file and write the outputs; returns a short summary for the CLI to print.

    Quotes need ``quotable_column`` (yes/no: the person agreed to be quoted); without it no
    text is quoted. ``quote_column`` holds the redacted text to quote (default: the text).
    ``previous_dir`` is an earlier output folder: its themes keep their ids, and edits in its
    ``edits.json`` ({"T1": {"label": "...", "locked": true}}) are kept."""
    data = read_csv(Path(csv_path), text_column, perspective_column, id_column,
                    quotable_column, quote_column)
    if k is not None and k < 1:
        raise ThemesInputError("The number of themes must be 1 or more.")
    if embedder not in ("static", "transformer") and not embedder.startswith("transformer:"):
        raise ThemesInputError(
            f"Unknown embedder {embedder!r}: use 'static' (fast, the default) or 'transformer'."
        )
    previous, edits = _load_previous(previous_dir)
    run = run_themes(
        data.texts, embedder, quotable=data.quotable, quote_texts=data.quote_texts,
        perspectives=data.perspectives, config=ClusterConfig(k=k, min_size=min_size),
        previous=previous, edits=edits, progress=progress,
    )
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    payload = themes_payload(run, data)
    (out / "themes.json").write_text(json.dumps(payload, indent=2, ensure_ascii=False),
                                     encoding="utf-8")
    write_assignments(out / "assignments.csv", run, data.ids)
    (out / "state.json").write_text(json.dumps(run.state.to_dict()), encoding="utf-8")
    write_report(out / "report.html", payload)
    return {
        "themes": len(run.themes),
        "items": len(data.texts),
        "skipped_blank": data.skipped_blank,
        "out_dir": str(out),
        "files": ["themes.json", "assignments.csv", "report.html", "state.json"],
    }


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


def read_csv(
    path: Path, text_column: str, perspective_column: str | None = None,
    id_column: str | None = None, quotable_column: str | None = None,
    quote_column: str | None = None,
) -> CsvInput:
    rows, header = _read_rows(path)
    wanted = [c for c in (text_column, perspective_column, id_column, quotable_column,
                          quote_column) if c]
    missing = [c for c in wanted if c not in header]
    if missing:
        raise ThemesInputError(
            f"The file has no column called {', '.join(repr(c) for c in missing)}. "
            f"Its columns are: {', '.join(repr(c) for c in header)}."
        )
    kept = [(number, row) for number, row in enumerate(rows, start=1)
            if (row.get(text_column) or "").strip()]
    if not kept:
        raise ThemesInputError(f"The column {text_column!r} is empty in every row.")
    perspectives = None
    unknown: set[str] = set()
    if perspective_column:
        perspectives = [_codes(row.get(perspective_column) or "") for _, row in kept]
        unknown = {c for codes in perspectives for c in codes if c not in PERSPECTIVE_GROUP}
    return CsvInput(
        ids=[(row.get(id_column) or "").strip() if id_column else str(number)
             for number, row in kept],
        texts=[(row[text_column] or "").strip() for _, row in kept],
        perspectives=perspectives,
        quotable=([(row.get(quotable_column) or "").strip().lower() in _TRUE for _, row in kept]
                  if quotable_column else None),
        quote_texts=([(row.get(quote_column) or "").strip() for _, row in kept]
                     if quote_column else None),
        skipped_blank=len(rows) - len(kept),
        unknown_codes=unknown,
    )


def _read_rows(path: Path) -> tuple[list[dict[str, str]], list[str]]:
    if not path.is_file():
        raise ThemesInputError(f"There is no file at {path}.")
    size = path.stat().st_size
    if size == 0:
        raise ThemesInputError(f"{path.name} is empty.")
    if size > MAX_FILE_BYTES:
        raise ThemesInputError(
            f"{path.name} is {size / 1024 / 1024:.0f} MB; the limit is "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB. Split it into smaller files."
        )
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ThemesInputError(
            f"{path.name} is not UTF-8 text (a byte at position {error.start} is not valid). "
            "In Excel, use Save As and choose 'CSV UTF-8'."
        ) from error
    if "\x00" in text:
        raise ThemesInputError(f"{path.name} looks like a binary file, not a CSV file.")
    csv.field_size_limit(max(csv.field_size_limit(), _FIELD_LIMIT))
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = [h for h in (reader.fieldnames or []) if h is not None]
        rows = [dict(row) for row in reader]
    except csv.Error as error:
        raise ThemesInputError(f"{path.name} is not a readable CSV file: {error}.") from error
    if not header:
        raise ThemesInputError(f"{path.name} has no header row.")
    if not rows:
        raise ThemesInputError(f"{path.name} has a header row but no data rows.")
    return rows, header


def _codes(value: str) -> list[str]:
    return [code.strip() for code in _SPLIT_CODES.split(value) if code.strip()]


def _load_previous(
    previous_dir: str | Path | None,
) -> tuple[ModelState | None, dict[str, Any] | None]:
    if previous_dir is None:
        return None, None
    folder = Path(previous_dir)
    try:
        state = ModelState.from_dict(json.loads((folder / "state.json").read_text("utf-8")))
        edits_path = folder / "edits.json"
        edits = json.loads(edits_path.read_text("utf-8")) if edits_path.is_file() else None
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ThemesInputError(
            f"Could not read the earlier themes in {folder}: {error}."
        ) from error
    if edits is not None and not isinstance(edits, dict):
        raise ThemesInputError("edits.json must map theme ids to {label, locked}.")
    return state, edits


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def write_assignments(path: Path, run: ThemeRun, ids: list[str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv_safe.writer(handle)
        writer.writerow(["id", "theme_id", "score", "secondary_theme_id", "secondary_score"])
        for row, item_id in enumerate(ids):
            second = int(run.secondary[row])
            writer.writerow([
                item_id, run.themes[int(run.labels[row])].id, f"{run.scores[row]:.4f}",
                run.themes[second].id if second >= 0 else "",
                f"{run.secondary_scores[row]:.4f}" if second >= 0 else "",
            ])


def themes_payload(run: ThemeRun, data: CsvInput) -> dict[str, Any]:
    """themes.json: every count that could be shown is already suppressed here."""
    total = len(data.texts)
    notes = []
    if data.skipped_blank:
        notes.append(f"{display_count(data.skipped_blank)} rows had no text and were left out.")
    if data.quotable is None:
        notes.append("No quotes: the file does not say who agreed to be quoted.")
    if data.unknown_codes:
        notes.append("Some perspective codes were not recognised and were ignored: "
                     + ", ".join(sorted(data.unknown_codes)[:10]) + ".")
    return {
        "items": display_count(total),
        "embedder": run.state.embedder_name,
        "notes": notes,
        "themes": [
            {
                "id": theme.id,
                "label": theme.label,
                "label_source": theme.label_source,
                "locked": theme.locked,
                "key_words": theme.key_words,
                "description": theme.summary,
                "size": display_count(theme.size),
                "share": _share(theme.size, total),
                "quotes": [quote.text for quote in theme.quotes],
                "perspectives": _lens_payload(theme.lens) if theme.lens else None,
                **campaigns_payload(run.campaigns, run.labels, theme.index, theme.size,
                                    data.quotable, data.quote_texts or data.texts),
            }
            for theme in run.themes
        ],
    }


def _lens_payload(lens: Any) -> dict[str, Any]:
    return {
        "groups": [_representation(r, GROUP_LABELS[r.group]) for r in lens.groups
                   if r.group in GROUPS],
        "distinctive_words": {g: [t.term for t in terms] for g, terms in lens.distinctive.items()},
        "dual_comparison": [_representation(r, VOICE_LABELS[r.group]) for r in lens.voices],
        "dual_words": {v: [t.term for t in terms] for v, terms in lens.voice_terms.items()},
    }


def _representation(row: Representation, label: str) -> dict[str, Any]:
    hidden = is_suppressed(row.count) or is_suppressed(row.theme_size - row.count)
    return {
        "group": row.group,
        "label": label,
        "count": display_count(row.count),
        "share": None if hidden else _share(row.count, row.theme_size),
        "ratio": None if hidden or row.count == 0 else round(row.ratio, 2),
        "ci_95": None if hidden or row.count == 0 else [round(row.ci_low, 2),
                                                        round(row.ci_high, 2)],
    }


def _share(part: int, whole: int) -> float | None:
    if whole == 0 or is_suppressed(part):
        return None
    return round(part / whole, 3)


def print_progress(width: int = 30) -> Callable[[float, str], None]:
    """A progress callback that draws a bar on one terminal line."""

    def show(fraction: float, message: str) -> None:
        filled = int(round(fraction * width))
        end = "\n" if fraction >= 1.0 else ""
        print(f"\r[{'#' * filled}{'.' * (width - filled)}] {fraction:4.0%} {message:<40}",
              end=end, flush=True)

    return show

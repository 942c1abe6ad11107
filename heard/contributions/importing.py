"""Reading another tool's CSV export into contributions. Parsing is pure; the write is one action.

Problems with the file as a whole (not UTF-8, a missing column, rows with more or fewer cells than
the header) stop the import with nothing changed, because a misread file cannot be trusted row by
row. Problems with single rows (no text, too long) refuse just that row, and the report says why.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from heard.core.vocab import (
    FORMER_PERSPECTIVE_LABELS,
    PERSPECTIVE_LABELS,
    PERSPECTIVE_SHORT_LABELS,
    PERSPECTIVES,
)

MAX_IMPORT_BYTES = 200 * 1024 * 1024

# Words other tools commonly use for our perspectives, lower case.
PERSPECTIVE_SYNONYMS = {
    "young person": "child_in_care", "child": "child_in_care", "looked after child":
    "child_in_care", "care leaver": "care_leaver", "care experienced": "care_leaver",
    "care-experienced": "care_leaver", "mother": "parent_mother", "mum": "parent_mother",
    "father": "parent_father", "dad": "parent_father", "parent": "parent_other",
    "kinship carer": "kinship_carer", "special guardian": "kinship_carer",
    "foster carer": "foster_carer", "grandparent": "other_family", "sibling": "other_family",
    "social worker": "social_worker", "iro": "professional_iro", "teacher":
    "professional_education", "police": "professional_police", "health":
    "professional_health", "nurse": "professional_health", "professional": "professional_other",
    "adopted": "adopted", "adoptee": "adopted",
}


class ImportFileError(ValueError):
    """The file cannot be imported at all. Nothing has been changed."""


@dataclass
class ImportRow:
    line: int
    text: str
    perspectives: tuple[str, ...]
    reference: str


@dataclass
class ImportPlan:
    rows: list[ImportRow] = field(default_factory=list)
    refused: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)


def _lookup_table() -> dict[str, str]:
    table = dict(PERSPECTIVE_SYNONYMS)
    table.update({label.lower(): code for label, code in FORMER_PERSPECTIVE_LABELS.items()})
    for code in PERSPECTIVES:
        table[code] = code
        table[PERSPECTIVE_LABELS[code].lower()] = code
        table[PERSPECTIVE_SHORT_LABELS[code].lower()] = code
    return table


def parse_perspectives(raw: str) -> tuple[tuple[str, ...], list[str]]:
    table = _lookup_table()
    found: list[str] = []
    unknown: list[str] = []
    for part in raw.replace(",", ";").replace("|", ";").split(";"):
        word = part.strip().lower()
        if not word:
            continue
        code = table.get(word) or table.get(word.rstrip("s"))
        if code is None:
            unknown.append(part.strip())
        elif code not in found:
            found.append(code)
    return tuple(found), unknown


def read_text(path: Path) -> str:
    if not path.exists():
        raise ImportFileError(f"There is no file at {path}.")
    if path.stat().st_size > MAX_IMPORT_BYTES:
        raise ImportFileError("The file is larger than 200 MB. Split it into smaller files.")
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileError(
            f"The file is not UTF-8 text (first bad byte on line {line}). Save it as "
            "'CSV UTF-8' and try again. Nothing was imported."
        ) from None


def plan_import(
    text: str, text_column: str, perspective_column: str | None, max_length: int
) -> ImportPlan:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if not header:
        raise ImportFileError("The file is empty. Nothing was imported.")
    header = [h.strip() for h in header]
    text_index = _column_index(header, text_column)
    perspective_index = (
        _column_index(header, perspective_column) if perspective_column else None
    )
    plan = ImportPlan()
    for line, cells in _numbered_rows(reader):
        if len(cells) != len(header):
            raise ImportFileError(
                f"Line {line} has {len(cells)} cells but the header has {len(header)}. "
                "Check for extra or missing commas or quotes. Nothing was imported."
            )
        _plan_row(plan, line, cells, text_index, perspective_index, max_length)
    return plan


def _numbered_rows(reader: Iterable[list[str]]) -> Iterable[tuple[int, list[str]]]:
    for line, cells in enumerate(reader, start=2):
        if cells and any(cell.strip() for cell in cells):
            yield line, cells


def _column_index(header: list[str], name: str) -> int:
    if name not in header:
        available = ", ".join(repr(h) for h in header)
        raise ImportFileError(
            f"There is no column called {name!r}. The columns are: {available}. "
            "Nothing was imported."
        )
    return header.index(name)


def _plan_row(
    plan: ImportPlan, line: int, cells: list[str], text_index: int,
    perspective_index: int | None, max_length: int,
) -> None:
    text = cells[text_index].strip()
    if not text:
        plan.refused.append((line, "the text is empty"))
        return
    if "\x00" in text:
        plan.refused.append((line, "the text contains a null character"))
        return
    if len(text) > max_length:
        plan.refused.append((line, f"the text is longer than {max_length:,} characters"))
        return
    perspectives: tuple[str, ...] = ()
    if perspective_index is not None:
        perspectives, unknown = parse_perspectives(cells[perspective_index])
        if unknown:
            plan.warnings.append((line, f"perspective not recognised: {', '.join(unknown)}"))
    plan.rows.append(ImportRow(line, text, perspectives, reference=f"line {line}"))

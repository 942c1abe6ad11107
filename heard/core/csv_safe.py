"""The one CSV writer every export uses.

A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return before one) as a
formula, so a participant who writes `=HYPERLINK(...)` could reach whoever opens an export. Every
text cell that starts like that gets a leading apostrophe, which spreadsheets show as plain text
(OWASP's advice for CSV injection). Numbers are written as numbers: -1 is a vote, not a formula.
Pure: no Django, so the command-line tools use it too. A test fails if any other module writes
CSV itself.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

# The ASCII starts from OWASP, and their full-width forms, which some spreadsheets also accept.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


class Sink(Protocol):
    """Anything with write(str): a file, a StringIO, a Django HttpResponse."""

    def write(self, text: str, /) -> Any: ...


def neutralise(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """csv.writer with every cell neutralised."""

    def __init__(self, handle: Sink, **options: Any) -> None:
        self._writer = csv.writer(handle, **options)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([neutralise(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


class SafeDictWriter:
    """csv.DictWriter with every cell neutralised (header names are ours, so left alone)."""

    def __init__(self, handle: Sink, fieldnames: Sequence[str], **options: Any) -> None:
        self._writer = csv.DictWriter(handle, fieldnames=fieldnames, **options)

    def writeheader(self) -> None:
        self._writer.writeheader()

    def writerow(self, row: Mapping[str, Any]) -> None:
        self._writer.writerow({key: neutralise(value) for key, value in row.items()})

    def writerows(self, rows: Iterable[Mapping[str, Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(handle: Sink, **options: Any) -> SafeWriter:
    return SafeWriter(handle, **options)


def dict_writer(handle: Sink, fieldnames: Sequence[str], **options: Any) -> SafeDictWriter:
    return SafeDictWriter(handle, fieldnames, **options)


def to_text(rows: Iterable[Iterable[Any]], **options: Any) -> str:
    out = io.StringIO()
    writer(out, **options).writerows(rows)
    return out.getvalue()

"""Looking for a person's words everywhere the database keeps anything.

Every column of every table is read (the table list comes from the database itself, and a check
against the models proves that every model's text column is among them, so a column added
later is scanned without anyone listing it). Sessions are decoded first, because Django may
compress them. On SQLite the database files themselves, including the write-ahead log, are
searched byte by byte too.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection, models

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


@dataclass
class ScanReport:
    tables: int = 0
    columns: int = 0
    rows: int = 0
    model_text_columns: int = 0
    hits: list[tuple[str, str, str]] = field(default_factory=list)  # table, column, needle

    def needles_found(self) -> set[str]:
        return {needle for _, _, needle in self.hits}

    def tables_with(self, needle: str) -> set[str]:
        return {table for table, _, found in self.hits if found == needle}

    def summary(self) -> str:
        return (f"{self.tables} tables, {self.columns} columns, {self.rows} rows scanned; "
                f"{self.model_text_columns} text columns found by model introspection; "
                f"{len(self.hits)} matches")


def model_text_columns() -> dict[str, set[str]]:
    """Every text or JSON column of every model (auto-created join tables included)."""
    found: dict[str, set[str]] = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, TEXT_FIELDS):
                found.setdefault(model._meta.db_table, set()).add(model_field.column)
    return found


def _as_text(table: str, column: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, memoryview | bytes):
        value = bytes(value).decode("utf-8", errors="replace")
    if table == "django_session" and column == "session_data":
        # Django compresses long sessions, which would hide their words from a plain search.
        return json.dumps(SessionStore().decode(str(value)), default=str)
    if isinstance(value, dict | list):
        return json.dumps(value)
    return str(value)


def scan_database(needles: list[str]) -> ScanReport:
    report = ScanReport()
    lowered = [(n, n.lower()) for n in needles]
    expected = model_text_columns()
    report.model_text_columns = sum(len(c) for c in expected.values())
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        for table in tables:
            columns = [c.name for c in
                       connection.introspection.get_table_description(cursor, table)]
            missing = expected.get(table, set()) - set(columns)
            assert not missing, f"{table} lacks model columns {missing}"
            cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 - names from the DB
            report.tables += 1
            report.columns += len(columns)
            for row in cursor.fetchall():
                report.rows += 1
                for column, value in zip(columns, row, strict=True):
                    text = _as_text(table, column, value).lower()
                    report.hits += [(table, column, needle) for needle, low in lowered
                                    if low in text]
    unscanned = set(expected) - set(tables)
    assert not unscanned, f"model tables missing from the database: {unscanned}"
    return report


@dataclass
class FileReport:
    files: dict[str, int] = field(default_factory=dict)  # path -> bytes read
    hits: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        sizes = ", ".join(f"{Path(p).name}: {n:,} bytes" for p, n in self.files.items())
        return f"files scanned ({sizes}); {len(self.hits)} matches"


# Run by a child process: reads each named file that exists and prints, as JSON, its size and
# which needles its bytes hold (both lower-cased).
_READ_FILES = """
import json, sys
paths, needles = json.loads(sys.stdin.read())
found = {}
for path in paths:
    try:
        with open(path, "rb") as handle:
            data = handle.read().lower()
    except FileNotFoundError:
        continue
    found[path] = [len(data), [n for n in needles if n.lower().encode() in data]]
print(json.dumps(found))
"""


def scan_sqlite_files(needles: list[str]) -> FileReport:
    """The database's files searched byte by byte, as anyone who can read them could.

    The files are read by a child process, never by this one. This process holds SQLite
    connections to them, and SQLite's locks are POSIX advisory locks, which belong to a process
    and an inode: closing *any* descriptor of the file in this process, such as one
    `Path.read_bytes()` opened, silently releases all of them (SQLite's "How to corrupt"
    page, section 2.2). With its locks gone, another process (the alert tests' `heard worker`)
    took itself for the database's last user and deleted the write-ahead log and shared-memory
    files from under this process; every later connection in this pytest worker then failed
    with "disk I/O error" (SQLITE_IOERR_SHORT_READ) for the rest of the run (decision 0035).
    A child's descriptors and locks are its own, so reading there leaves ours alone."""
    report = FileReport()
    database = str(connection.settings_dict["NAME"])
    paths = [database + suffix for suffix in ("", "-wal", "-shm", "-journal")]
    done = subprocess.run([sys.executable, "-c", _READ_FILES], check=True,  # noqa: S603
                          input=json.dumps([paths, needles]), capture_output=True, text=True,
                          timeout=120)
    for path, (size, found) in json.loads(done.stdout).items():
        report.files[path] = size
        report.hits += [(Path(path).name, needle) for needle in found]
    return report

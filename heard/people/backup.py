"""`heard backup` and `heard restore`.

SQLite is copied with its online backup API, so a backup taken while the service runs is a
consistent snapshot. PostgreSQL uses pg_dump's custom format and pg_restore. Backups hold
children's words, so the file is created readable by its owner only (0600).

A restore brings back the database as it was, including people who have asked to be erased
since. So every restore ends by applying the erasure ledger again (kept outside the database,
see ledger.py), then the retention rules, before anyone can use the data.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.core.management import call_command
from django.db import connection, connections

from heard.audit.log import record

from .ledger import do_reapply_erasures
from .retention import apply_all
from .storage import PRIVATE, checkpoint_write_ahead_log


class BackupError(RuntimeError):
    """Something the person running the command can fix; the message says what."""


@dataclass(frozen=True)
class BackupReport:
    path: Path
    size: int
    tables: int


@dataclass(frozen=True)
class RestoreReport:
    source: Path
    erasures_reapplied: int
    removed_by_retention: int


def _private_file(path: Path) -> None:
    """Create the file empty and private before anything is written into it."""
    if path.exists():
        raise BackupError(f"{path} already exists. Choose a new file name.")
    if not path.parent.is_dir():
        raise BackupError(f"The folder {path.parent} does not exist.")
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE))


def backup(path: Path) -> BackupReport:
    _private_file(path)
    try:
        copy = _backup_sqlite if connection.vendor == "sqlite" else _backup_postgres
        tables = copy(path)
    except Exception:
        path.unlink(missing_ok=True)
        raise
    os.chmod(path, PRIVATE)
    report = BackupReport(path, path.stat().st_size, tables)
    # A copy of everyone's words now sits in a file: the log says when and where, as it does
    # for every export from the web pages, so a restore or a lost file can be traced.
    record(None, "backup.made", object_type="database", object_id=connection.vendor,
           path=str(path.resolve()), size=report.size, tables=tables)
    return report


def _backup_sqlite(path: Path) -> int:
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        check = target.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise BackupError(f"The backup failed its integrity check: {check}")
        return int(target.execute(
            "SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0])
    finally:
        target.close()


def _pg_environment() -> tuple[dict[str, str], list[str]]:
    db = connection.settings_dict
    env = dict(os.environ, PGPASSWORD=str(db.get("PASSWORD") or ""))
    args = ["--host", str(db.get("HOST") or "localhost"), "--port", str(db.get("PORT") or 5432),
            "--username", str(db.get("USER") or ""), "--dbname", str(db["NAME"])]
    return env, args


def _run(command: list[str], env: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed; it comes with the PostgreSQL "
                          "client tools (Debian package postgresql-client).")
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[:500]}")


def _backup_postgres(path: Path) -> int:
    env, args = _pg_environment()
    _run(["pg_dump", "--format=custom", "--no-owner", f"--file={path}", *args], env)
    with connection.cursor() as cursor:
        return len(connection.introspection.table_names(cursor))


def restore(path: Path) -> RestoreReport:
    """Replace the database with the backup, then erase again everyone erased since."""
    if not path.is_file():
        raise BackupError(f"There is no backup at {path}.")
    connections.close_all()
    if connection.vendor == "sqlite":
        _restore_sqlite(path)
    else:
        env, args = _pg_environment()
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
              *args, str(path)], env)
    connections.close_all()
    # An older backup may predate this version's tables; bring it up to date first.
    call_command("migrate", interactive=False, verbosity=0)
    reapplied = do_reapply_erasures()
    removed = sum(apply_all().values())
    # The restored log ends when the backup was taken; this row says why it jumps from there.
    record(None, "backup.restored", object_type="database", object_id=connection.vendor,
           path=str(path.resolve()), erasures_reapplied=reapplied, removed_by_retention=removed)
    checkpoint_write_ahead_log()
    return RestoreReport(path, reapplied, removed)


def _restore_sqlite(path: Path) -> None:
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        check = source.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise BackupError(f"{path} is damaged: {check}. Nothing was restored.")
        has_django = source.execute("SELECT count(*) FROM sqlite_master WHERE type='table' "
                                    "AND name='django_migrations'").fetchone()[0]
        if not has_django:
            raise BackupError(f"{path} is not a Heard backup. Nothing was restored.")
        connection.ensure_connection()
        source.backup(connection.connection)
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not a SQLite backup ({error}). Nothing was restored.") \
            from None
    finally:
        source.close()

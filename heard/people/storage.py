"""What erasure needs from the database files themselves (SQLite).

`PRAGMA secure_delete` (set for every connection in settings) makes SQLite overwrite deleted
content with zeros instead of leaving it in free space. The write-ahead log still holds the old
pages until a checkpoint copies them back, so every erasure ends with a checkpoint that empties
the log. The files are readable by their owner only (0600): they hold children's words.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper

from .erasure import after_erasure

logger = logging.getLogger(__name__)
PRIVATE = 0o600
SQLITE_SIDE_FILES = ("", "-wal", "-shm", "-journal")


@after_erasure
def checkpoint_write_ahead_log() -> None:
    """Copy the log into the database and truncate it to nothing. Readers that are still
    open can make SQLite stop early; the next erasure or the daily run tries again."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        busy, _log_pages, _moved = cursor.fetchone()
    if busy:
        logger.warning("The write-ahead log could not be emptied now; it will be retried.")


def sqlite_files(database: str | Path) -> list[Path]:
    return [Path(f"{database}{suffix}") for suffix in SQLITE_SIDE_FILES]


def make_private(database: str | Path) -> None:
    for path in sqlite_files(database):
        try:
            if path.exists() and (path.stat().st_mode & 0o777) != PRIVATE:
                os.chmod(path, PRIVATE)
        except OSError as error:  # someone else's file: say so, but do not stop the request
            logger.warning("Could not make %s private: %s", path, error)


def on_connection_created(sender: Any, connection: BaseDatabaseWrapper, **_: Any) -> None:
    if connection.vendor == "sqlite":
        name = str(connection.settings_dict.get("NAME", ""))
        if name and name != ":memory:" and not name.startswith("file:"):
            make_private(name)

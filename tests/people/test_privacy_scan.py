"""The byte-by-byte scan of the SQLite files must not take away this process's SQLite locks.

SQLite's locks are POSIX advisory locks, owned by a process and an inode: closing any
descriptor of the database file in a process releases every lock the process holds on it,
SQLite's own included. When the scan read the files in the test process, a `heard worker`
started later by the alert tests found no other user of the database, and on closing it deleted
the write-ahead log and shared-memory files from under the test process: every later
connection in that pytest worker failed with "disk I/O error" (decision 0035).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from heard.activities.models import Activity

from .privacy_scan import scan_sqlite_files

# Another process using the database as a `heard worker` does: open, read, close. SQLite's last
# connection to a database in WAL mode checkpoints the log and deletes it and the shared-memory
# file as it closes; it is the last only if no other process holds a lock on the database.
OPEN_READ_CLOSE = """
import sqlite3, sys
other = sqlite3.connect(sys.argv[1])
other.execute("PRAGMA journal_mode=WAL")
other.execute("SELECT count(*) FROM django_migrations").fetchone()
other.close()
"""


@pytest.mark.django_db(transaction=True)
def test_scanning_the_files_leaves_this_process_a_user_of_the_database(baseline):
    if connection.vendor != "sqlite":
        pytest.skip("the file scan and its locks are SQLite's")
    database = Path(connection.settings_dict["NAME"])
    Activity.objects.update(title="Written, so the write-ahead log holds pages")
    assert connection.connection is not None  # this process has the database open
    wal, shm = Path(f"{database}-wal"), Path(f"{database}-shm")
    assert wal.exists() and shm.exists()

    report = scan_sqlite_files(["written, so the write-ahead log"])
    assert report.files.keys() >= {str(database), str(wal), str(shm)}
    assert report.hits, "the words just written should be in the files"

    subprocess.run([sys.executable, "-c", OPEN_READ_CLOSE, str(database)], check=True,
                   timeout=60)
    assert wal.exists() and shm.exists(), (
        "another process took itself for the database's last user and deleted its "
        "write-ahead log: this process's SQLite locks were lost")
    connection.close()  # a new connection reads what the first one wrote
    assert Activity.objects.filter(title__startswith="Written, so").exists()

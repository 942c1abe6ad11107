"""The test database, built once per parallel run by running every migration, for the
pytest-xdist workers to copy (decision 0032).

Without it each worker migrated its own database from nothing after collecting the tests,
the same work once per worker, before its first database test could start. `tests/conftest.py`
starts this module as a process as soon as the workers are being started, so the migrations
run once, while the workers import and collect the tests; a worker's first database test
waits for it and then copies the result (SQLite: the file; PostgreSQL: CREATE DATABASE ...
TEMPLATE). The migrations are still run, from nothing, once in every run.

The process writes what it built, or the error, to the status file named on its command
line, then waits until its standard input closes (the end of the run) and drops the
database it built.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path


def build(status: Path) -> list[object]:
    """Create every configured test database by migrating, as pytest-django would; report
    their names (or the error) in ``status``. Returns the connections built, to drop later."""
    built: list[object] = []
    try:
        import django

        django.setup()
        from django.db import connections

        names = {}
        for alias in connections:
            connection = connections[alias]
            names[alias] = connection.creation.create_test_db(
                verbosity=0, autoclobber=True, serialize=False, keepdb=False)
            # Closed so that SQLite's write-ahead log is folded into the file being copied,
            # and PostgreSQL allows it as a template (no other session may be connected).
            connection.close()
            built.append(connection)
        report: dict[str, object] = {"names": names}
    except BaseException:  # noqa: BLE001 - every failure goes to the workers, who report it
        report = {"error": traceback.format_exc()}
    written = status.with_name(status.name + ".partial")
    written.write_text(json.dumps(report), encoding="utf-8")
    written.replace(status)  # whole or absent: a worker never reads half of it
    return built


def main(argv: list[str]) -> int:
    status = Path(argv[0])
    # Settings read this, as they read "pytest" being imported in a test run (heard/settings.py).
    os.environ.setdefault("HEARD_TESTING", "1")
    # pytest-django puts the ini file's setting in the environment the builder inherits.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heard.settings")
    built = build(status)
    sys.stdin.read()  # the run is over when the controlling pytest closes this pipe
    for connection in built:
        connection.creation.destroy_test_db(verbosity=0)  # type: ignore[attr-defined]
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

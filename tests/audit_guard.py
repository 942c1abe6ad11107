"""Every request the suite makes is watched: one that writes anything but the session writes an
audit row beside it (DESIGN.md: every write of personal data goes through an audited action).

Decision 0055's scan shows that each action *can* reach the audit log, not that every path
through it does, and its route sweep sends stray values that most forms refuse before they
write. This watches the writes that really happen, on every path the suite's requests take:
the test client's and the browser tests' live server alike, on both databases (decision 0057).
A request is the unit because it is what a person does: one press of a button may write several
rows, and one audit row beside them says who did it and when.

Only statements that succeed count: an insert that a unique constraint refuses (a second
support for the same idea) wrote nothing."""

from __future__ import annotations

import re
import threading
from typing import Any

from django.core.signals import request_finished, request_started
from django.db import connection

WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.I)
AUDIT = "audit_auditevent"
# Tables a request may write without an audit row, and why.
NOT_PERSONAL = {
    # Django's session: a signed-in member of staff's is saved on every request.
    "django_session": "the session",
    # A queued task holds the ids of what it works on, never words; the action that queued it
    # records what a person did.
    "tasks_task": "a queued task",
}
UNAUDITED = {
    # do_cast_vote, named in decision 0055 with its reason: a vote is one of three numbers with
    # no words, and its voter's joining and withdrawal are recorded.
    "opinions_vote": "an opinion-map vote",
}
ALLOWED = set(NOT_PERSONAL) | set(UNAUDITED)

_request = threading.local()
_lock = threading.Lock()
# What the watched requests wrote with no audit row, until the running test reads it.
unaudited: list[str] = []


def _note_write(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
    result = execute(sql, params, many, context)
    written = getattr(_request, "written", None)
    if written is not None and (found := WRITE.match(sql)):
        written.add(found.group(1))
    return result


def _started(sender: Any, environ: dict[str, Any] | None = None, **kwargs: Any) -> None:
    environ = environ or {}
    _request.written = set()
    _request.name = f"{environ.get('REQUEST_METHOD', '?')} {environ.get('PATH_INFO', '?')}"
    # The connection of the thread that serves the request: the test's own for the test
    # client, a server thread's for the live server.
    if _note_write not in connection.execute_wrappers:
        connection.execute_wrappers.append(_note_write)


def _finished(sender: Any, **kwargs: Any) -> None:
    written = getattr(_request, "written", None)
    _request.written = None
    if _note_write in connection.execute_wrappers:
        connection.execute_wrappers.remove(_note_write)
    if written and AUDIT not in written and written - ALLOWED:
        with _lock:
            unaudited.append(f"{_request.name} wrote {sorted(written - ALLOWED)} "
                             "with no audit row")


def watch() -> None:
    """Watch every request from now on (once per test process)."""
    request_started.connect(_started, dispatch_uid="heard-audit-guard-started")
    request_finished.connect(_finished, dispatch_uid="heard-audit-guard-finished")


def take_unaudited() -> list[str]:
    """What the requests since the last call wrote with no audit row; the list starts again."""
    with _lock:
        found = list(unaudited)
        unaudited.clear()
    return found

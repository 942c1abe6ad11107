"""Every request the suite makes, and every task and check the system runs on its own, is
watched: one that writes anything but the session writes an audit row beside it (DESIGN.md:
every write of personal data goes through an audited action).

Decision 0055's scan shows that each action *can* reach the audit log, not that every path
through it does, and its route sweep sends stray values that most forms refuse before they
write. This watches the writes that really happen, on every path the suite takes: the test
client's and the browser tests' live server alike, on both databases (decision 0057).
A request is a unit because it is what a person does: one press of a button may write several
rows, and one audit row beside them says who did it and when. A task's handler, a periodic
or recovery check and a `heard` command are units too (decision 0058), sent between
heard.core.units' unit_started and unit_finished signals: the system writes there with no
person behind it (an email queued to each person who asked, themes recounted after a
withdrawal), and a task run inline after a request is a unit of its own, since the request's
row says what the person did.

Only statements that change a row count: an insert that a unique constraint refuses (a second
support for the same idea) wrote nothing, nor did an update that matched no row. Only an insert
into the audit log is a record: an update of it (retention blanking old details) is not."""

from __future__ import annotations

import re
import threading
from typing import Any

from django.core.signals import request_finished, request_started
from django.db import connection

WRITE = re.compile(r'^\s*(?P<verb>INSERT|UPDATE|DELETE)(?:\s+INTO|\s+FROM)?\s+"?(?P<table>\w+)"?',
                   re.I)
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

# What the system writes on its own in a task, a check or a command (heard.core.units), with no
# person to name, beside the tables above. Keyed by statement and table: an email's queuing
# holds an address and words and is recorded; its relay only marks it sent.
SYSTEM_BOOKKEEPING = {
    ("UPDATE", "tasks_outboxemail"): "an email's delivery state, set by the relay",
    # Worked out again from the votes, which decision 0055 names as unaudited: counts and
    # groups of numbers, with no words.
    ("UPDATE", "opinions_opinionmap"): "an opinion map's results",
    # When each retention rule last ran and how much it removed; what it removed is recorded.
    ("INSERT", "people_retentionrule"): "a retention rule's first run",
    ("UPDATE", "people_retentionrule"): "a retention rule's last run",
}

_thread = threading.local()
_lock = threading.Lock()
# What the watched units wrote with no audit row, until the running test reads it.
unaudited: list[str] = []


class _Unit:
    """One request, task, check or command, and the writes it made itself (not those of a task
    it ran inline: that is a unit of its own, which must carry its own audit row)."""

    def __init__(self, name: str, allowed_writes: dict[tuple[str, str], str]) -> None:
        self.name = name
        self.allowed_writes = allowed_writes
        self.written: set[tuple[str, str]] = set()

    def unaudited_tables(self) -> list[str]:
        # Only a new row is a record: retention blanking old audit details is not one.
        if ("INSERT", AUDIT) in self.written:
            return []
        return sorted({table for verb, table in self.written
                       if table not in ALLOWED and (verb, table) not in self.allowed_writes})


def _units() -> list[_Unit]:
    if not hasattr(_thread, "units"):
        _thread.units = []
    return _thread.units


def _note_write(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
    result = execute(sql, params, many, context)
    units = _units()
    if units and (found := WRITE.match(sql)):
        verb = found["verb"].upper()
        # An update or delete that matched no row changed nothing (rowcount 0; -1 is "not
        # known"). An insert that returns its id reports no count before it is read, and one
        # the database refused raised instead of getting here.
        if verb == "INSERT" or context["cursor"].rowcount != 0:
            units[-1].written.add((verb, found["table"]))
    return result


def _begin(name: str, allowed_writes: dict[tuple[str, str], str]) -> None:
    units = _units()
    units.append(_Unit(name, allowed_writes))
    # The connection of the thread doing the work: the test's own for the test client and for
    # tasks a test runs, a server thread's for the live server.
    if _note_write not in connection.execute_wrappers:
        connection.execute_wrappers.append(_note_write)


def _end() -> None:
    units = _units()
    if not units:
        return
    unit = units.pop()
    if not units and _note_write in connection.execute_wrappers:
        connection.execute_wrappers.remove(_note_write)
    if tables := unit.unaudited_tables():
        with _lock:
            unaudited.append(f"{unit.name} wrote {tables} with no audit row")


def _request_started(sender: Any, environ: dict[str, Any] | None = None, **kwargs: Any) -> None:
    environ = environ or {}
    _begin(f"{environ.get('REQUEST_METHOD', '?')} {environ.get('PATH_INFO', '?')}", {})


def _unit_started(sender: str, **kwargs: Any) -> None:
    _begin(f"the unit of work {sender!r}", SYSTEM_BOOKKEEPING)


def _finished(sender: Any, **kwargs: Any) -> None:
    _end()


def watch() -> None:
    """Watch every request, task, check and command from now on (once per test process)."""
    from heard.core.units import unit_finished, unit_started

    request_started.connect(_request_started, dispatch_uid="heard-audit-guard-started")
    request_finished.connect(_finished, dispatch_uid="heard-audit-guard-finished")
    unit_started.connect(_unit_started, dispatch_uid="heard-audit-guard-unit-started")
    unit_finished.connect(_finished, dispatch_uid="heard-audit-guard-unit-finished")


def take_unaudited() -> list[str]:
    """What the units since the last call wrote with no audit row; the list starts again."""
    with _lock:
        found = list(unaudited)
        unaudited.clear()
    return found

"""Enqueue, claim and run tasks. Handlers register by name and must be safe to run twice."""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import close_old_connections, transaction
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone

from heard.core.numbers import whole_number
from heard.core.units import unit_of_work

from .models import ERROR_KEPT_LENGTH, Task

logger = logging.getLogger(__name__)
Handler = Callable[..., None]
HANDLERS: dict[str, Handler] = {}
# Tasks a person is waiting on (a progress bar on screen) are claimed before the rest, so an
# analysis never waits behind a backlog of redaction suggestions after an import.
INTERACTIVE: set[str] = set()
PERIODIC: list[Callable[[], None]] = []
RECOVERY: list[Callable[[], None]] = []
LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 8
DEFAULT_LANE = "default"
# Safeguarding alerts: claimed before anything else, and by a thread that does nothing else.
ALERT_LANE = "alerts"
ALERT_POLL_SECONDS = 0.2


def handler(name: str, *, interactive: bool = False) -> Callable[[Handler], Handler]:
    def register(func: Handler) -> Handler:
        HANDLERS[name] = func
        if interactive:
            INTERACTIVE.add(name)
        return func

    return register


def periodic(func: Callable[[], None]) -> Callable[[], None]:
    """Checks the worker runs on every pass, such as escalating unacknowledged flags."""
    PERIODIC.append(func)
    return func


def recovery(func: Callable[[], None]) -> Callable[[], None]:
    """Cheap checks every lane runs before it claims work, such as settling emails whose
    worker died half-way. They must be safe to run from several workers at once."""
    RECOVERY.append(func)
    return func


def enqueue(name: str, *, run_after: datetime | None = None, lane: str = DEFAULT_LANE,
            **payload: Any) -> Task:
    """Write the task in the caller's transaction; run it straight after commit if inline."""
    task = Task.objects.create(name=name, payload=payload, lane=lane,
                               run_after=run_after or timezone.now())
    if settings.HEARD_TASKS_INLINE:
        transaction.on_commit(lambda: run_task(task.pk, claimed=False))
    return task


def worker_identity() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def release_dead_leases() -> int:
    """A worker killed mid-task leaves its lease behind; free the ones whose process on this
    host no longer exists, so a restarted worker carries on at once instead of waiting."""
    host = socket.gethostname()
    released = 0
    held = Task.objects.filter(status=Task.Status.PENDING, leased_until__gt=timezone.now(),
                               leased_by__startswith=f"{host}:")
    for task in held:
        if not _process_alive(int(task.leased_by.rsplit(":", 1)[1])):
            released += Task.objects.filter(pk=task.pk, leased_by=task.leased_by).update(
                leased_until=None, leased_by="")
    return released


def holder_is_gone(identity: str) -> bool:
    """Is the worker named "host:pid" certainly dead? Only a process on this host can be
    checked; one elsewhere is presumed alive until its time runs out."""
    host, _, raw_pid = identity.rpartition(":")
    pid = whole_number(raw_pid)
    return host == socket.gethostname() and pid is not None and not _process_alive(pid)


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def claim_next(now: datetime | None = None, lanes: Sequence[str] | None = None) -> Task | None:
    """Take the oldest due task by moving its lease forward; a compare-and-set on the row means
    two workers never run the same task at the same time. Alerts come before anything else."""
    now = now or timezone.now()
    due = (Task.objects.filter(status=Task.Status.PENDING, run_after__lte=now)
           .exclude(leased_until__gt=now))
    if lanes is not None:
        due = due.filter(lane__in=list(lanes))
    due = due.annotate(alert_first=Case(When(lane=ALERT_LANE, then=Value(0)), default=Value(1),
                                        output_field=IntegerField())
                       ).order_by("alert_first", *_claim_order())
    for task in due[:5]:
        claimed = Task.objects.filter(pk=task.pk, leased_until=task.leased_until,
                                      status=Task.Status.PENDING).update(
            leased_until=now + LEASE, leased_by=worker_identity(), attempts=task.attempts + 1)
        if claimed:
            task.refresh_from_db()
            return task
    return None


def _claim_order() -> list[Any]:
    if not INTERACTIVE:
        return ["run_after", "id"]
    waited_on = Case(When(name__in=sorted(INTERACTIVE), then=Value(0)), default=Value(1),
                     output_field=IntegerField())
    return [waited_on, "run_after", "id"]


def run_task(task_id: int, *, claimed: bool = True) -> None:
    if not claimed and not _claim(task_id):
        return
    task = Task.objects.filter(pk=task_id, status=Task.Status.PENDING).first()
    if task is None:
        return
    func = HANDLERS.get(task.name)
    if func is None:
        _finish(task, Task.Status.FAILED, f"No handler called {task.name!r}")
        return
    with unit_of_work(task.name):
        try:
            func(**task.payload)
        except Exception as error:  # noqa: BLE001 - any failure is retried, then recorded
            logger.exception("Task %s failed", task)
            _retry_later(task, error)
        else:
            _finish(task, Task.Status.DONE)


def _claim(task_id: int) -> bool:
    now = timezone.now()
    task = Task.objects.filter(pk=task_id, status=Task.Status.PENDING).first()
    if task is None or (task.leased_until and task.leased_until > now):
        return False
    return bool(Task.objects.filter(pk=task_id, leased_until=task.leased_until).update(
        leased_until=now + LEASE, leased_by=worker_identity(), attempts=task.attempts + 1))


def _retry_later(task: Task, error: Exception) -> None:
    task.refresh_from_db()
    if task.attempts >= MAX_ATTEMPTS:
        _finish(task, Task.Status.FAILED, repr(error))
        return
    delay = timedelta(seconds=min(2 ** task.attempts * 5, 3600))
    Task.objects.filter(pk=task.pk).update(run_after=timezone.now() + delay, leased_until=None,
                                           last_error=repr(error)[:ERROR_KEPT_LENGTH])


def _finish(task: Task, status: str, error: str = "") -> None:
    Task.objects.filter(pk=task.pk).update(status=status, done_at=timezone.now(),
                                           leased_until=None, last_error=error[:ERROR_KEPT_LENGTH])


def run_pending(limit: int = 1000, lanes: Sequence[str] | None = None,
                periodic_checks: bool = True) -> int:
    """Run every due task now (for the CLI's --once, and for tests). Returns how many ran."""
    release_dead_leases()
    for recover in RECOVERY:
        with unit_of_work(recover.__name__):
            recover()
    if periodic_checks:
        _run_periodic()
    ran = 0
    while ran < limit and (task := claim_next(lanes=lanes)) is not None:
        run_task(task.pk)
        ran += 1
    return ran


def _run_periodic() -> None:
    for check in PERIODIC:
        try:
            with unit_of_work(check.__name__):
                check()
        except Exception:  # noqa: BLE001 - one failing check must not stop the queue
            logger.exception("Periodic check %s failed", check.__name__)


def work_forever(sleep_seconds: float = 1.0, stop: Callable[[], bool] = lambda: False,
                 alert_lane: bool = True) -> None:
    """Run tasks until stopped. A second thread serves only the alert lane, so an alert is
    picked up within a fraction of a second even while this thread is busy with a long task."""
    release_dead_leases()
    if alert_lane:
        start_alert_lane(stop)
    while not stop():
        if run_pending(limit=50) == 0:
            time.sleep(sleep_seconds)


def start_alert_lane(stop: Callable[[], bool] = lambda: False) -> threading.Thread:
    thread = threading.Thread(target=_serve_alert_lane, args=(stop,), name="heard-alerts",
                              daemon=True)
    thread.start()
    return thread


def _serve_alert_lane(stop: Callable[[], bool]) -> None:
    while not stop():
        try:
            ran = run_pending(limit=50, lanes=[ALERT_LANE], periodic_checks=False)
        except Exception:  # noqa: BLE001 - the lane must outlive a database hiccup
            logger.exception("The alert lane failed; trying again")
            ran = 0
        finally:
            # Each pass gets a fresh connection if the last one broke; threads keep their own.
            close_old_connections()
        if ran == 0:
            time.sleep(ALERT_POLL_SECONDS)

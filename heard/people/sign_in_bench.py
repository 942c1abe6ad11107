"""Measure what sign-in protection costs, and whether django-ratelimit could run here.

    python -m heard.people.sign_in_bench

Prints medians (a benchmark, not a test). It builds a throw-away SQLite database in a
temporary folder, so it never touches var/.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from typing import Any


def _setup(folder: str) -> None:
    os.environ["HEARD_VAR_DIR"] = folder
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("HEARD_TESTING", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heard.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _median_ms(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


def measure(runs: int = 15) -> list[str]:
    from axes.models import AccessAttempt
    from django.db import connection
    from django.test import Client, override_settings

    from heard.people.actions import do_create_staff_member

    do_create_staff_member("bench-moderator", "a long bench password 1", ["moderator"], None)
    wrong = {"username": "bench-moderator", "password": "wrong"}

    def failed_sign_in() -> None:
        Client().post("/staff/sign-in/", wrong)
        AccessAttempt.objects.all().delete()  # never reach the lockout while timing

    lines = []
    for label, enabled in (("with django-axes", True), ("django-axes switched off", False)):
        with override_settings(AXES_ENABLED=enabled):
            failed_sign_in()  # warm up
            # Counted with a wrapper: Django empties its own query log when a request starts.
            queries = QueryCounter()
            with connection.execute_wrapper(queries):
                Client().post("/staff/sign-in/", wrong)
            AccessAttempt.objects.all().delete()
            median = _median_ms(failed_sign_in, runs)
        lines.append(f"failed staff sign-in, {label}: median {median:.1f} ms over {runs} runs, "
                     f"{queries.count} database queries")
    lines.append(_ratelimit_verdict())
    return lines


def _ratelimit_verdict() -> str:
    """django-ratelimit's own system check, run against the caches Heard can offer without a
    Redis or memcached server."""
    from django.test import override_settings

    try:
        from django_ratelimit.checks import check_caches  # type: ignore[import-untyped]
    except ImportError:
        return ("django-ratelimit is not installed (it is not a dependency); "
                "`pip install django-ratelimit==4.1.0` to repeat its check")

    verdicts = []
    for backend in ("django.core.cache.backends.locmem.LocMemCache",
                    "django.core.cache.backends.db.DatabaseCache"):
        with override_settings(CACHES={"default": {"BACKEND": backend}}):
            found = check_caches(None)
        verdicts.append(f"{backend.rsplit('.', 1)[-1]}: "
                        + (", ".join(f"{m.id} {m.msg}" for m in found) or "accepted"))
    return "django-ratelimit's check: " + "; ".join(verdicts)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        _setup(folder)
        print("\n".join(measure()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

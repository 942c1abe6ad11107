"""Real `heard worker` processes pointed at the test database, for kill and concurrency tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.db import connection
from django.utils import timezone

from heard.contributions.actions import NewContribution, do_submit_contribution
from heard.safety.models import SafeguardingAlert, SafeguardingFlag
from heard.tasks.models import Task
from heard.tasks.queue import ALERT_LANE, DEFAULT_LANE, run_pending

ROOT = Path(__file__).resolve().parents[2]
DISCLOSURE = "He hits me and I am not safe at home right now."


def worker_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, HEARD_TESTING="1", **extra)
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        env["HEARD_SQLITE_PATH"] = str(db["NAME"])
        env.pop("DATABASE_URL", None)
    else:
        host = f"{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}"
        env["DATABASE_URL"] = f"postgres://{db['USER']}:{db['PASSWORD']}@{host}/{db['NAME']}"
    return env


def start_worker(env: dict[str, str], *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "heard.cli", "worker", *args], cwd=ROOT,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def run_worker_once(env: dict[str, str]) -> None:
    done = subprocess.run([sys.executable, "-m", "heard.cli", "worker", "--once"], cwd=ROOT,
                          env=env, capture_output=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr.decode()


def raise_disclosure(activity) -> SafeguardingFlag:
    """An immediate-risk contribution, saved as the share journey saves it: flag, alert, task.
    Its redaction suggestions (the share journey's other task, on the default lane) are worked
    out here, before any `heard worker` starts: the worker processes these tests start are
    there to deliver alerts, and each one that found the suggestion task loaded the redaction
    engine (spaCy, Presidio, the context model: about 3 CPU-s a process, 4-8 processes a run of
    the kill tests; decision 0039). The alert lane never waited on it; the suggestion task is
    tested in test_redaction_review.py, and what a fresh process imports for it in
    test_presidio_import.py."""
    contribution, _ = do_submit_contribution(activity, NewContribution(
        kind="story", text=DISCLOSURE, consents={"analysis": True}), None)
    run_pending(lanes=[DEFAULT_LANE], periodic_checks=False)
    return contribution.safeguarding_flags.get()


def add_alerts(flag: SafeguardingFlag, count: int) -> list[SafeguardingAlert]:
    """More alerts for one flag, each with its delivery task, as the action writes them."""
    alerts = SafeguardingAlert.objects.bulk_create(
        [SafeguardingAlert(flag=flag, kind="escalation") for _ in range(count)])
    Task.objects.bulk_create([Task(name="safeguarding.deliver_alert", lane=ALERT_LANE,
                                   payload={"alert_id": a.pk}, run_after=timezone.now())
                              for a in alerts])
    return alerts

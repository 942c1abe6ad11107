"""The worker is killed while alerts are pending, restarted, and every alert is delivered
exactly once; no flag is lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from heard.contributions.actions import NewContribution, do_submit_contribution
from heard.safety.models import SafeguardingAlert, SafeguardingFlag
from heard.tasks.models import OutboxEmail, Task

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[1]
ALERTS = 400


def worker_env() -> dict[str, str]:
    """Point a separate worker process at this test's database."""
    env = dict(os.environ, HEARD_TESTING="1",
               EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        env["HEARD_SQLITE_PATH"] = str(db["NAME"])
        env.pop("DATABASE_URL", None)
    else:
        host = f"{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}"
        env["DATABASE_URL"] = f"postgres://{db['USER']}:{db['PASSWORD']}@{host}/{db['NAME']}"
    return env


def start_worker(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "heard.cli", "worker", *args], cwd=ROOT,
                            env=worker_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


def make_pending_alerts(activity) -> SafeguardingFlag:
    contribution, _ = do_submit_contribution(activity, NewContribution(
        kind="story", text="He hits me and I am not safe at home right now.",
        consents={"analysis": True}), None)
    flag = contribution.safeguarding_flags.get()
    # Many alerts for one flag, written as the action writes them, so the worker is busy
    # long enough to be killed half-way.
    from django.utils import timezone

    alerts = SafeguardingAlert.objects.bulk_create(
        [SafeguardingAlert(flag=flag, kind="escalation") for _ in range(ALERTS - 1)])
    Task.objects.bulk_create([Task(name="safeguarding.deliver_alert",
                                   payload={"alert_id": a.pk}, run_after=timezone.now())
                              for a in alerts])
    return flag


def test_killed_worker_restarts_and_every_alert_is_delivered_exactly_once(activity, settings):
    flag = make_pending_alerts(activity)
    assert SafeguardingAlert.objects.filter(delivered_at__isnull=True).count() == ALERTS

    worker = start_worker("--sleep", "0.1")
    deadline = time.monotonic() + 60
    while SafeguardingAlert.objects.filter(delivered_at__isnull=False).count() < 20:
        assert worker.poll() is None, worker.stderr.read().decode() if worker.stderr else ""
        assert time.monotonic() < deadline, "the worker delivered nothing"
        time.sleep(0.05)
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=10)

    pending_after_kill = SafeguardingAlert.objects.filter(delivered_at__isnull=True).count()
    assert pending_after_kill > 0, "the worker finished before it was killed; add alerts"

    restarted = start_worker("--once")
    _out, err = restarted.communicate(timeout=240)
    assert restarted.returncode == 0, err.decode()

    assert SafeguardingFlag.objects.filter(pk=flag.pk).exists()
    assert SafeguardingAlert.objects.count() == ALERTS
    assert SafeguardingAlert.objects.filter(delivered_at__isnull=True).count() == 0
    alert_ids = set(SafeguardingAlert.objects.values_list("pk", flat=True))
    emails = list(OutboxEmail.objects.filter(message_id__startswith="safeguarding-alert-")
                  .values_list("message_id", flat=True))
    assert len(emails) == ALERTS
    assert {int(m.rsplit("-", 1)[1]) for m in emails} == alert_ids
    assert not Task.objects.filter(name="safeguarding.deliver_alert",
                                   status=Task.Status.PENDING).exists()

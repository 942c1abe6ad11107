"""`make bench`: how soon an immediate-risk alert reaches the mail relay while the queue is busy.

For each mode a fresh SQLite database gets 1,000 contributions (so 1,000 redaction tasks wait in
the queue) and a theme run over 300 of them with the transformer embedder, queued ahead. A real
`heard worker` process starts; once the theme run is running, five disclosures are submitted a
second apart, and each alert is timed from the commit of the disclosure to the moment its email
has arrived at a real SMTP server on loopback. Printed: the median and the slowest of the five, with
the alert lane (a thread that serves only alerts) and, as the peer, the same worker without it.
Benchmarks print; they never assert.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

ALERTS = 5
CONTRIBUTIONS = 1_000
# Those the theme run reads (the rest did not consent to analysis, but still need redaction):
# enough for a run of half a minute or more on two cores, like the one that held alerts up.
ANALYSED = 300
SPACING_SECONDS = 1.0
ROOT = Path(__file__).resolve().parents[2]
DISCLOSURE = "I am going to kill myself tonight, I have the pills ready. Number {n}."


def main() -> int:
    print(f"alert delivery while a theme run and {CONTRIBUTIONS:,} redaction tasks are queued "
          f"({ALERTS} alerts, submitted {SPACING_SECONDS:.0f} s apart)")
    results = {mode: _in_child(mode) for mode in ("lane", "no-lane")}
    for mode, label in (("lane", "with the alert lane"), ("no-lane", "peer: one queue, no lane")):
        result = results[mode]
        waits = result["waits"]
        print(f"  {label:28} median {statistics.median(waits):6.2f} s, slowest {max(waits):6.2f} s"
              f"  (theme run busy for {result['busy']}/{len(waits)} alerts; "
              f"{result['redaction_waiting']:,} redaction tasks waiting at the first)")
    ratio = statistics.median(results["no-lane"]["waits"]) / max(
        statistics.median(results["lane"]["waits"]), 1e-6)
    print(f"  the lane delivers {ratio:.0f}x sooner (median); target: within 5 s")
    return 0


def _in_child(mode: str) -> dict[str, Any]:
    """Each mode in its own process, with its own database file."""
    done = subprocess.run(  # noqa: S603 - this module again, fixed arguments
        [sys.executable, "-m", "heard.tasks.alert_bench", "--child", mode],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"The {mode} run failed:\n{done.stderr[-4000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def child(mode: str) -> int:
    from heard.tasks.mail_sink import MailSink

    with tempfile.TemporaryDirectory() as tmp, MailSink() as sink:
        env = {**os.environ, **sink.env(), "HEARD_SQLITE_PATH": f"{tmp}/bench.sqlite3",
               "HEARD_SAFEGUARDING_EMAILS": "duty@example.org",
               "DJANGO_SETTINGS_MODULE": "heard.settings", "LOG_LEVEL": "ERROR"}
        os.environ.update(env)
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        _fill_queue()
        args = ["--sleep", "0.5"] + (["--no-alert-lane"] if mode == "no-lane" else [])
        worker = subprocess.Popen(  # noqa: S603 - our own worker command
            [sys.executable, "-m", "heard.cli", "worker", *args],
                                  cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE)
        try:
            result = _measure(sink, worker)
        finally:
            worker.terminate()
            worker.wait(timeout=30)
    print(json.dumps(result))
    return 0


def _fill_queue() -> None:
    from django.contrib.auth.models import User
    from django.db.models import Min

    from heard.activities.models import DEFAULT_ACTIVITY_SLUG, Activity
    from heard.contributions.actions import NewContribution, do_submit_contribution
    from heard.contributions.demo_corpus import generate_demo_contributions
    from heard.insight.actions import do_start_analysis
    from heard.tasks.models import Task

    activity = Activity.objects.get(slug=DEFAULT_ACTIVITY_SLUG)
    for n, demo in enumerate(generate_demo_contributions(seed=3, count=CONTRIBUTIONS)):
        do_submit_contribution(activity, NewContribution(
            kind=demo.kind, text=demo.text, perspectives=demo.perspectives,
            consents={"analysis": n < ANALYSED}), None)
    analyst = User.objects.create_user("bench-analyst")
    run = do_start_analysis(None, "transformer", None, analyst)
    # The theme run goes first, as when an analyst started one just before the backlog.
    first = Task.objects.aggregate(first=Min("run_after"))["first"]
    Task.objects.filter(name="insight.run", payload={"run_id": run.pk}).update(
        run_after=first - timedelta(seconds=1))


def _measure(sink: Any, worker: subprocess.Popen) -> dict[str, Any]:
    from heard.insight.models import AnalysisRun
    from heard.tasks.models import Task

    _wait_for(lambda: AnalysisRun.objects.filter(status=AnalysisRun.Status.RUNNING).exists(),
              worker, "the theme run to start", 300)
    submitted: list[tuple[str, float]] = []
    busy = 0
    waiting = Task.objects.filter(name="safety.suggest_redactions",
                                  status=Task.Status.PENDING).count()
    for n in range(ALERTS):
        busy += AnalysisRun.objects.filter(status=AnalysisRun.Status.RUNNING).exists()
        submitted.append(_submit_disclosure(n))
        time.sleep(SPACING_SECONDS)
    _wait_for(lambda: all(sink.handler.first_arrival(prefix) for prefix, _ in submitted),
              worker, "every alert to arrive", 900)
    waits = [sink.handler.first_arrival(prefix) - at for prefix, at in submitted]
    return {"waits": waits, "busy": busy, "redaction_waiting": waiting}


def _submit_disclosure(n: int) -> tuple[str, float]:
    from heard.activities.models import DEFAULT_ACTIVITY_SLUG, Activity
    from heard.contributions.actions import NewContribution, do_submit_contribution
    from heard.safety.models import SafeguardingAlert

    activity = Activity.objects.get(slug=DEFAULT_ACTIVITY_SLUG)
    contribution, _ = do_submit_contribution(activity, NewContribution(
        kind="story", text=DISCLOSURE.format(n=n)), None)
    at = time.monotonic()  # the transaction has committed: the person sees the next page now
    alert = SafeguardingAlert.objects.get(flag__contribution=contribution)
    return f"<{alert.outbox_key()}-", at


def _wait_for(condition: Any, worker: subprocess.Popen, what: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if worker.poll() is not None:
            raise SystemExit(f"The worker stopped while waiting for {what}: "
                             f"{worker.stderr.read().decode()[-3000:] if worker.stderr else ''}")
        if time.monotonic() > deadline:
            raise SystemExit(f"Gave up waiting for {what}.")
        time.sleep(0.02)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        sys.exit(child(sys.argv[2]))
    sys.exit(main())

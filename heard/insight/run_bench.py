"""Benchmark of an in-app theme run, as an analyst starts it from the Themes page. Prints
figures; never asserts times.

Builds, in a throw-away SQLite database, the demo's synthetic contributions (the same generator
`heard demo` uses) at two sizes, then times what happens after "Find themes": the action that
queues the run and the background task ``insight.run`` (gather the consented words, embed them
with the static embedder, cluster, label, store themes and assignments). The first run in a
worker also loads the model from disk; later runs reuse it, as a long-running worker does.

Run: python -m heard.insight.run_bench [count ...]   (default: 586 and 3000 contributions)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from heard.core.bench import start_on_throwaway_database

REPEATS = 3
DEFAULT_COUNTS = (586, 3000)


def _fill(count: int) -> None:
    """Rows as the share journey leaves them once triage has run: sent, consented to analysis,
    checked and found safe. Bulk-inserted, because submitting thousands one by one would time
    the redaction engine, not the theme run."""
    from django.utils import timezone

    from heard.activities.models import DEFAULT_ACTIVITY_SLUG, Activity
    from heard.contributions.demo_corpus import generate_demo_contributions
    from heard.contributions.models import Contribution

    missing = count - Contribution.objects.count()  # sizes grow: earlier rows stay
    activity = Activity.objects.get(slug=DEFAULT_ACTIVITY_SLUG)
    now = timezone.now()
    Contribution.objects.bulk_create([
        Contribution(activity=activity, kind=item.kind, title=item.title, text=item.text,
                     perspectives=list(item.perspectives), consent_analysis=True,
                     consent_quote=item.consent_quote, status=Contribution.Status.IN_MODERATION,
                     safety_level=Contribution.SafetyLevel.NONE, submitted_at=now,
                     redaction_suggestions=[])
        for item in generate_demo_contributions(seed=count, count=missing)], batch_size=1000)


def _time_one_run(analyst) -> tuple[float, int]:
    from heard.insight.actions import do_start_analysis
    from heard.insight.models import AnalysisRun
    from heard.tasks.queue import run_pending

    start = time.perf_counter()
    run = do_start_analysis(None, "static", None, analyst)
    run_pending(periodic_checks=False)
    seconds = time.perf_counter() - start
    run = AnalysisRun.objects.get(pk=run.pk)
    if run.status != AnalysisRun.Status.DONE:
        raise SystemExit(f"The run did not finish: {run.status} {run.message}")
    return seconds, run.themes.count()


def main(argv: list[str]) -> int:
    counts = sorted(int(a) for a in argv) or list(DEFAULT_COUNTS)
    with tempfile.TemporaryDirectory(prefix="heard-theme-run-bench-") as work:
        start_on_throwaway_database(Path(work) / "bench.sqlite3")
        from django.contrib.auth.models import User

        analyst = User.objects.create_user("bench-analyst")
        print(f"Load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs "
              "(a shared machine: figures are upper bounds)")
        for count in counts:
            _fill(count)
            seconds, themes = [], 0
            for _ in range(REPEATS):
                took, themes = _time_one_run(analyst)
                seconds.append(took)
            print(f"In-app theme run, static embedder, {count:,} contributions: first "
                  f"{seconds[0]:.1f} s, median of {REPEATS} {statistics.median(seconds):.1f} s "
                  f"(all: {', '.join(f'{s:.1f}' for s in seconds)}); {themes} themes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Benchmark of the app's background opinion-map update. Prints figures; never asserts times.

Builds, in a throw-away SQLite database, an opinion map with 10,000 voters, 300 accepted
statements and 60 votes from each voter (600,000 votes, three latent opinion groups), then
times the background task ``opinions.update`` (read the votes, compute the map, store the
result) three times and prints the median.

Run: python -m heard.activities.opinion_map.update_bench
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from heard.core.bench import start_on_throwaway_database

N_VOTERS = 10_000
N_STATEMENTS = 300
VOTES_EACH = 60
REPEATS = 3


def _fill() -> int:
    from heard.activities.opinion_map.actions import do_create_opinion_map
    from heard.activities.opinion_map.models import Statement, Vote, Voter
    from heard.analysis.opinion_bench import synthetic_votes

    opinion_map = do_create_opinion_map("Bench", "What would help?", None)
    Statement.objects.bulk_create(
        [Statement(opinion_map=opinion_map, text=f"Statement {i}",
                   origin=Statement.Origin.SEED, status=Statement.Status.ACCEPTED)
         for i in range(N_STATEMENTS)], batch_size=1000)
    Voter.objects.bulk_create([Voter(opinion_map=opinion_map) for _ in range(N_VOTERS)],
                              batch_size=2000)
    statement_pks = np.array(sorted(opinion_map.statements.values_list("pk", flat=True)))
    voter_pks = np.array(sorted(opinion_map.voters.values_list("pk", flat=True)))
    table = synthetic_votes(N_VOTERS, N_STATEMENTS, VOTES_EACH)
    Vote.objects.bulk_create(
        [Vote(statement_id=int(t), voter_id=int(v), value=int(x)) for v, t, x in zip(
            voter_pks[table.participant_index].tolist(),
            statement_pks[table.statement_index].tolist(), table.vote.tolist(), strict=True)],
        batch_size=5000)
    return int(opinion_map.pk)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="heard-update-bench-") as work:
        start_on_throwaway_database(Path(work) / "bench.sqlite3")
        from heard.activities.opinion_map.models import OpinionMap
        from heard.activities.opinion_map.updates import update_opinion_map

        start = time.perf_counter()
        pk = _fill()
        print(f"App opinion map: {N_VOTERS:,} voters x {N_STATEMENTS} statements, "
              f"{N_VOTERS * VOTES_EACH:,} votes in SQLite (built in "
              f"{time.perf_counter() - start:.0f} s); load average "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        seconds, cpu = [], []
        for _ in range(REPEATS):
            start, start_cpu = time.perf_counter(), time.process_time()
            update_opinion_map(pk)
            seconds.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        result = OpinionMap.objects.get(pk=pk).result or {}
        print("Background update (opinions.update task), "
              + ", ".join(f"{s:.2f}" for s in seconds)
              + f" s; median {statistics.median(seconds):.2f} s (CPU median "
              f"{statistics.median(cpu):.2f} s); "
              f"{result.get('k')} groups, {result.get('clustered')} voters placed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

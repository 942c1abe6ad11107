"""Benchmark of opinion maps at national scale. Prints figures; never asserts times.

1. Writes a deterministic Polis CSV export (100,000 participants x 2,000 statements,
   10 million votes, three latent opinion groups, votes in shuffled time order).
2. Runs the real CLI, ``heard opinion DIR --out OUT``, in a fresh process three times and
   prints the median wall-clock seconds, CPU seconds and the peak resident memory of the
   process (what the operating system had to give it, not just Python's own objects).
3. Writes a tenth of that export (10,000 participants, 1 million votes) and times both Heard's
   CLI and red-dwarf (the Python reimplementation of Polis's maths) on it in the same run,
   each in its own process (red-dwarf with a memory ceiling), and prints the ratio. red-dwarf
   is not run on the 10 million votes: it ran out of a 12 GiB ceiling there after 485 s
   (decision 0012), so a ratio at that size cannot be measured, and trying costs eight
   minutes of a two-core machine on every ``make bench``.
4. When the Polis open data is present, times both on each real conversation.

Wall-clock figures depend on the machine's load; the CPU seconds are the steadier measure.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from heard.analysis.opinion import VoteTable

N_PARTICIPANTS = 100_000
N_STATEMENTS = 2_000
VOTES_EACH = 100  # 100,000 x 100 = 10 million votes
N_LATENT_GROUPS = 3
CLI_REPEATS = 3
RED_DWARF_TIMEOUT_S = 1800
RED_DWARF_MEMORY_LIMIT = 12 * 2**30  # address-space ceiling so a peer cannot exhaust the box
EPOCH_MS = 1_600_000_000_000


def synthetic_votes(
    n_participants: int = N_PARTICIPANTS, n_statements: int = N_STATEMENTS,
    votes_each: int = VOTES_EACH, seed: int = 0,
) -> VoteTable:
    """Deterministic conversation with latent groups; each participant votes on distinct
    statements (an arithmetic walk with a stride coprime to the statement count)."""
    rng = np.random.default_rng(seed)
    group = rng.integers(0, N_LATENT_GROUPS, n_participants)
    leaning = rng.uniform(-0.9, 0.9, (N_LATENT_GROUPS, n_statements))
    strides = _coprime_strides(rng, n_participants, n_statements)
    offsets = rng.integers(0, n_statements, n_participants)
    steps = np.arange(votes_each)
    statement = ((offsets[:, None] + steps[None, :] * strides[:, None]) % n_statements).ravel()
    participant = np.repeat(np.arange(n_participants), votes_each)
    lean = leaning[group[participant], statement]
    draw = rng.random(participant.shape[0])
    vote = np.where(draw < (1 + lean) * 0.4, 1, np.where(draw < 0.8, -1, 0)).astype(np.int8)
    timestamp = rng.permutation(participant.shape[0]).astype(np.float64)
    return VoteTable(
        participant_ids=np.arange(n_participants, dtype=np.int64),
        statement_ids=np.arange(n_statements, dtype=np.int64),
        participant_index=participant.astype(np.int64),
        statement_index=statement.astype(np.int64),
        vote=vote,
        timestamp=timestamp,
    )


def _coprime_strides(rng: np.random.Generator, n: int, modulus: int) -> np.ndarray:
    candidates = np.array([s for s in range(1, modulus) if np.gcd(s, modulus) == 1])
    return candidates[rng.integers(0, candidates.shape[0], n)]


def write_export(votes: VoteTable, directory: Path) -> None:
    """The conversation in Polis's CSV export layout (votes.csv, comments.csv)."""
    directory.mkdir(parents=True, exist_ok=True)
    pl.DataFrame({
        "timestamp": (votes.timestamp if votes.timestamp is not None
                      else np.zeros(votes.n_votes)).astype(np.int64) + EPOCH_MS,
        "datetime": pl.Series([None] * 0, dtype=pl.String).extend_constant(None, votes.n_votes),
        "comment-id": votes.statement_ids[votes.statement_index],
        "voter-id": votes.participant_ids[votes.participant_index],
        "vote": votes.vote,
    }).write_csv(directory / "votes.csv")
    pl.DataFrame({
        "timestamp": np.full(len(votes.statement_ids), EPOCH_MS // 1000),
        "datetime": [""] * len(votes.statement_ids),
        "comment-id": votes.statement_ids,
        "author-id": np.zeros(len(votes.statement_ids), dtype=np.int64),
        "agrees": np.zeros(len(votes.statement_ids), dtype=np.int64),
        "disagrees": np.zeros(len(votes.statement_ids), dtype=np.int64),
        "moderated": np.ones(len(votes.statement_ids), dtype=np.int64),
        "comment-body": [f"Synthetic statement number {t}." for t in votes.statement_ids],
    }).write_csv(directory / "comments.csv")


@dataclass(frozen=True)
class ProcessRun:
    wall_s: float
    cpu_s: float
    peak_mib: float
    returncode: int
    output: str


def run_measured(command: list[str], timeout: float | None = None,
                 memory_limit: int | None = None) -> ProcessRun:
    """Run ``command`` in a new process; its own wall time, CPU time and peak RSS (wait4)."""
    def limit() -> None:
        if memory_limit is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))

    with tempfile.TemporaryFile("w+") as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,  # noqa: S603
                                   preexec_fn=limit)  # noqa: PLW1509
        timer = threading.Timer(timeout, process.kill) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        if timer:
            timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read()
    return ProcessRun(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                      process.returncode, output)


def time_cli(export: Path, out: Path, repeats: int = CLI_REPEATS) -> list[ProcessRun]:
    command = [sys.executable, "-m", "heard.cli", "opinion", str(export), "--out", str(out)]
    return [run_measured(command) for _ in range(repeats)]


RED_DWARF_SCRIPT = """
import json, sys, time, resource
import polars as pl
frame = pl.read_csv(sys.argv[1] + "/votes.csv", columns=["timestamp", "comment-id", "voter-id",
                    "vote"])
start = time.perf_counter()
votes = [{"participant_id": p, "statement_id": t, "vote": v, "modified": m}
         for m, t, p, v in frame.iter_rows()]
del frame
built = time.perf_counter() - start
from reddwarf.implementations.polis import run_pipeline
start = time.perf_counter()
result = run_pipeline(votes=votes, random_state=0)
seconds = time.perf_counter() - start
groups = result.participants_df["cluster_id"].dropna().nunique()
print(json.dumps({"input_s": built, "pipeline_s": seconds, "groups": int(groups)}))
"""


def time_red_dwarf(export: Path) -> tuple[ProcessRun, dict[str, float] | None]:
    run = run_measured([sys.executable, "-c", RED_DWARF_SCRIPT, str(export)],
                       timeout=RED_DWARF_TIMEOUT_S, memory_limit=RED_DWARF_MEMORY_LIMIT)
    last = run.output.strip().splitlines()[-1] if run.output.strip() else ""
    try:
        return run, json.loads(last)
    except json.JSONDecodeError:
        return run, None


def _default_opendata() -> Path:
    return Path(__file__).resolve().parents[2].parent / "shared" / "data" / "polis" / "opendata"


def compare_with_red_dwarf(opendata: Path) -> None:
    from heard.analysis.opinion_eval import red_dwarf_available, run_opendata

    if not red_dwarf_available() or not opendata.is_dir():
        print("red-dwarf comparison on open data skipped (not installed or no open data).")
        return
    print("Real conversations (maths only, same votes):")
    for name in sorted(p.name for p in opendata.iterdir() if p.is_dir()):
        result = run_opendata(opendata / name, with_red_dwarf=True)
        ratio = result["red_dwarf_seconds"] / max(result["seconds"], 1e-9)
        print(f"  {name:32s} heard {result['seconds']:.3f}s  red-dwarf "
              f"{result['red_dwarf_seconds']:.3f}s  (red-dwarf/heard = {ratio:.1f}x)")


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.1f} {five:.1f} {fifteen:.1f} on {os.cpu_count()} CPUs"


def national_scale(work: Path, n_participants: int = N_PARTICIPANTS,
                   red_dwarf: bool = True) -> None:
    export, out = work / "export", work / "out"
    write_export(synthetic_votes(n_participants), export)
    print(f"Synthetic Polis export: {n_participants:,} participants x {N_STATEMENTS:,} "
          f"statements, {n_participants * VOTES_EACH:,} votes "
          f"({(export / 'votes.csv').stat().st_size / 2**20:.0f} MiB votes.csv); {_load()}")
    runs = time_cli(export, out)
    if any(r.returncode for r in runs):
        print("heard opinion failed:\n" + runs[-1].output)
        return
    wall = statistics.median(r.wall_s for r in runs)
    print(f"heard opinion (CLI, read + maths + report), {len(runs)} runs: wall "
          + ", ".join(f"{r.wall_s:.1f}" for r in runs) + f" s; median {wall:.1f} s; CPU median "
          f"{statistics.median(r.cpu_s for r in runs):.1f} s; peak memory "
          f"{max(r.peak_mib for r in runs):.0f} MiB")
    if not red_dwarf:
        print("red-dwarf not run at this size: on 10 million votes it ran out of a 12 GiB "
              "memory ceiling after 485 s (decision 0012); the ratio is measured on the "
              "1-million-vote export below, in this same run.")
        return
    rd_run, rd = time_red_dwarf(export)
    if rd is None and "No module named 'reddwarf'" in rd_run.output:
        # Not a failure of red-dwarf: a ratio against a missing package means nothing.
        print("red-dwarf is not installed (it is in the eval extra: pip install -e '.[eval]'); "
              "no ratio measured.")
        return
    if rd is None:
        print(f"red-dwarf on the same votes did not finish ({rd_run.wall_s:.0f} s, peak "
              f"{rd_run.peak_mib:.0f} MiB): {rd_run.output.strip().splitlines()[-1:]}; "
              f"red-dwarf/heard > {rd_run.wall_s / wall:.1f}x")
        return
    print(f"red-dwarf 0.4.0 run_pipeline on the same votes: {rd['pipeline_s']:.1f} s "
          f"(+{rd['input_s']:.1f} s to build its list of vote records), {rd['groups']} groups, "
          f"peak memory {rd_run.peak_mib:.0f} MiB; red-dwarf/heard = "
          f"{rd['pipeline_s'] / wall:.1f}x (red-dwarf's maths alone against Heard's whole CLI "
          f"run); whole processes (read + maths): red-dwarf {rd_run.wall_s:.1f} s wall, "
          f"{rd_run.cpu_s:.1f} s CPU, red-dwarf/heard = {rd_run.wall_s / wall:.1f}x wall, "
          f"{rd_run.cpu_s / statistics.median(r.cpu_s for r in runs):.1f}x CPU")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    opendata = Path(args[0]) if args else _default_opendata()
    # 10 million votes (Heard only); then a tenth of that, where red-dwarf finishes, both
    # timed on the same export for the ratio.
    for participants, red_dwarf in ((N_PARTICIPANTS, False), (N_PARTICIPANTS // 10, True)):
        with tempfile.TemporaryDirectory(prefix="heard-opinion-bench-") as work:
            national_scale(Path(work), participants, red_dwarf=red_dwarf)
    compare_with_red_dwarf(opendata)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

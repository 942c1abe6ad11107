"""Benchmark of a full opinion-map update. Prints figures; never asserts times.

Builds a deterministic synthetic conversation (100,000 participants x 2,000 statements,
10 million votes, three latent opinion groups, votes arriving in shuffled time order), times
three full updates of :func:`heard.analysis.opinion.compute_opinion_map` and reports the
median, the peak traced memory, and - when red-dwarf is installed and the Polis open data is
present - the time ratio against red-dwarf on each open-data conversation.
"""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

from heard.analysis.opinion import VoteTable, compute_opinion_map

N_PARTICIPANTS = 100_000
N_STATEMENTS = 2_000
VOTES_EACH = 100  # 100,000 x 100 = 10 million votes
N_LATENT_GROUPS = 3


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


def time_updates(votes: VoteTable, repeats: int = 3) -> list[float]:
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        compute_opinion_map(votes, seed=0)
        seconds.append(time.perf_counter() - start)
    return seconds


def peak_memory_mib(votes: VoteTable) -> float:
    tracemalloc.start()
    compute_opinion_map(votes, seed=0)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def _default_opendata() -> Path:
    return Path(__file__).resolve().parents[2].parent / "shared" / "data" / "polis" / "opendata"


def compare_with_red_dwarf(opendata: Path) -> None:
    from heard.analysis.opinion_eval import red_dwarf_available, run_opendata

    if not red_dwarf_available() or not opendata.is_dir():
        print("red-dwarf comparison skipped (red-dwarf not installed or no open data).")
        return
    for name in sorted(p.name for p in opendata.iterdir() if p.is_dir()):
        result = run_opendata(opendata / name, with_red_dwarf=True)
        ratio = result["red_dwarf_seconds"] / max(result["seconds"], 1e-9)
        print(f"  {name:32s} heard {result['seconds']:.3f}s  red-dwarf "
              f"{result['red_dwarf_seconds']:.3f}s  (red-dwarf/heard = {ratio:.1f}x)")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    opendata = Path(args[0]) if args else _default_opendata()
    votes = synthetic_votes()
    print(f"synthetic conversation: {N_PARTICIPANTS:,} participants x {N_STATEMENTS:,} "
          f"statements, {votes.n_votes:,} votes")
    seconds = time_updates(votes)
    print("full update seconds: " + ", ".join(f"{s:.2f}" for s in seconds)
          + f"; median {statistics.median(seconds):.2f}")
    print(f"peak traced memory during one update: {peak_memory_mib(votes):.0f} MiB")
    compare_with_red_dwarf(opendata)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

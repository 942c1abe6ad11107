"""`make bench`: redaction + safeguarding triage throughput on 300-word contributions.

Prints the median of 5 runs, in one process and in one process per core (how the worker scales
on a 2-core machine), the CPU time per contribution (steadier than wall-clock rates when
others share the machine), then triage alone: the rules, and rules plus the semantic model. The load
average is printed too: on a shared machine the figures are upper bounds on the time taken.
Benchmarks print; they never assert.
"""

from __future__ import annotations

import os
import statistics
import time
from concurrent.futures import ProcessPoolExecutor

from heard.contributions.demo_corpus import generate_demo_contributions

from .redaction import detect_many
from .triage import classify, classify_rules, model_status

RUNS = 5
TEXTS = 100
PERSONAL = ("My worker Siobhan Kelly at Oakfield Academy said to ring 07700 900123 or email "
            "siobhan.kelly@example.org, and I live at 14 Mill Lane, Leeds LS6 2AB.")


def contributions_of_300_words(count: int = TEXTS) -> list[str]:
    pieces = [c.text for c in generate_demo_contributions(seed=11, count=count * 5)]
    texts: list[str] = []
    words: list[str] = []
    for piece in pieces:
        words += piece.split()
        if len(words) >= 280:
            texts.append(" ".join(words[:280]) + " " + PERSONAL)
            words = []
        if len(texts) == count:
            break
    return texts


def check(texts: list[str]) -> int:
    """What arrival costs one contribution: triage, then redaction suggestions."""
    for text in texts:
        classify(text)
    return sum(len(spans) for spans in detect_many(texts))


def _median_rate(run_once: object, texts: list[str]) -> tuple[float, list[float]]:
    rates = []
    for _ in range(RUNS):
        started = time.perf_counter()
        run_once(texts)  # type: ignore[operator]
        rates.append(len(texts) / (time.perf_counter() - started))
    return statistics.median(rates), rates


def _median_cpu_ms(run_once: object, texts: list[str]) -> float:
    """Median CPU time of this process per text over the runs (threads included)."""
    costs = []
    for _ in range(RUNS):
        started = time.process_time()
        run_once(texts)  # type: ignore[operator]
        costs.append(1000 * (time.process_time() - started) / len(texts))
    return statistics.median(costs)


def triage_only(texts: list[str]) -> int:
    return sum(len(classify(text).triggers) for text in texts)


def rules_only(texts: list[str]) -> int:
    return sum(len(classify_rules(text).triggers) for text in texts)


def main() -> int:
    texts = contributions_of_300_words()
    words = statistics.median(len(t.split()) for t in texts)
    check(texts[:2])  # load the models once, outside the timing
    if model_status():
        print(f"WARNING: triage is degraded to rules only ({model_status()})")
    print(f"load average before: {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} cores")
    single, runs = _median_rate(check, texts)
    print(f"redaction + triage, {len(texts)} contributions of ~{words:.0f} words")
    print(f"  1 process:  median {single:.1f} contributions/s  (runs: "
          f"{', '.join(f'{r:.1f}' for r in runs)})")
    cpu = _median_cpu_ms(check, texts)
    print(f"  CPU time:   median {cpu:.1f} ms per contribution, {1000 / cpu:.1f} "
          "contributions per CPU-second (what one free core would do; less moved by other "
          "work on a shared machine than the wall-clock rates)")
    cores = os.cpu_count() or 1
    with ProcessPoolExecutor(max_workers=cores) as pool:
        list(pool.map(check, [texts[:2]] * cores))  # warm each process's model

        def parallel(batch: list[str]) -> None:
            chunks = [batch[i::cores] for i in range(cores)]
            list(pool.map(check, chunks))

        multi, runs = _median_rate(parallel, texts)
    print(f"  {cores} processes: median {multi:.1f} contributions/s  (runs: "
          f"{', '.join(f'{r:.1f}' for r in runs)})")
    for name, run_once in (("triage, rules alone", rules_only),
                           ("triage, rules + model", triage_only)):
        rate, _ = _median_rate(run_once, texts)
        print(f"{name}, 1 process: median {1000 / rate:.2f} ms per contribution")
    print(f"load average after: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

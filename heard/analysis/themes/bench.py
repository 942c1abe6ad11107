"""Benchmark of the theme pipeline. Prints figures; never asserts times.

End to end (embed, cluster, label, quotes, perspective lens) on 10,000 and 100,000 synthetic
contributions of 20 to 150 words with the static embedder: median of 3 runs and the peak
traced memory (Python and NumPy allocations; tracemalloc does not see the tokenizer's Rust
heap). Then BERTopic (optional, ``pip install bertopic``), default settings, is given the same
10,000 texts and the same embeddings, and the time ratio is printed.
"""

from __future__ import annotations

import statistics
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np

from heard.analysis.themes.embedders import StaticEmbedder
from heard.analysis.themes.pipeline import run_themes
from heard.analysis.themes.synthetic import SyntheticCorpus, synthetic_contributions

SIZES = (10_000, 100_000)
REPEATS = 3


def _median_seconds(task: Callable[[], Any], repeats: int = REPEATS) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        task()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def _cpu_seconds(task: Callable[[], Any]) -> float:
    """CPU time of this process (all threads): steadier than wall time on a shared machine."""
    start = time.process_time()
    task()
    return time.process_time() - start


def _peak_mib(task: Callable[[], Any]) -> float:
    tracemalloc.start()
    try:
        task()
        return tracemalloc.get_traced_memory()[1] / 1024 / 1024
    finally:
        tracemalloc.stop()


def heard_run(corpus: SyntheticCorpus, embedder: StaticEmbedder) -> Callable[[], Any]:
    return lambda: run_themes(
        corpus.texts, embedder, quotable=corpus.quotable, perspectives=corpus.perspectives
    )


def bertopic_seconds(texts: list[str], embeddings: np.ndarray) -> float | str:
    """One BERTopic fit with default settings on precomputed embeddings, or why not."""
    try:
        from bertopic import BERTopic
    except ImportError:
        return "BERTopic is not installed (pip install bertopic==0.17.4)"
    # A first small fit compiles UMAP's and HDBSCAN's numba code, so the timing is of the
    # fit itself and not of one-off compilation.
    BERTopic().fit_transform(texts[:2_000], embeddings[:2_000])
    start = time.perf_counter()
    BERTopic().fit_transform(texts, embeddings)
    return time.perf_counter() - start


def bench_main() -> None:
    embedder = StaticEmbedder()
    embedder.embed(["warm up: load the model once, outside the timings"])
    corpora = {}
    for size in SIZES:
        corpora[size] = synthetic_contributions(size)
        median, times = _median_seconds(heard_run(corpora[size], embedder))
        peak = _peak_mib(heard_run(corpora[size], embedder))
        cpu = _cpu_seconds(heard_run(corpora[size], embedder))
        print(f"Heard themes, {size:>7,} texts: median {median:6.2f} s "
              f"(runs {', '.join(f'{t:.2f}' for t in times)}; one run {cpu:.1f} s of CPU), "
              f"peak traced memory {peak:,.0f} MiB", flush=True)
    corpus = corpora[SIZES[0]]
    heard_median, _ = _median_seconds(heard_run(corpus, embedder))
    embeddings = embedder.embed(corpus.texts)
    peer = bertopic_seconds(corpus.texts, embeddings)
    if isinstance(peer, str):
        print(f"BERTopic: {peer}")
        return
    # BERTopic is given the embeddings, so it is timed without embedding; so is Heard here.
    heard_no_embed, _ = _median_seconds(
        lambda: run_themes(corpus.texts, embedder, quotable=corpus.quotable,
                           perspectives=corpus.perspectives, embeddings=embeddings),
    )
    print(f"BERTopic (defaults, same embeddings), {SIZES[0]:,} texts: {peer:.2f} s")
    print(f"Heard with the same embeddings: {heard_no_embed:.2f} s -> "
          f"Heard is {peer / heard_no_embed:.1f}x faster "
          f"({peer / heard_median:.1f}x counting Heard's own embedding)")


if __name__ == "__main__":
    bench_main()

"""Embedding throughput of the transformer embedder (CUDA in fp16 when present, else CPU).

    python -m heard.analysis.themes.gpu_bench [N]

Prints texts per second over N synthetic contributions (default 20,000) after a warm-up.
"""

from __future__ import annotations

import sys
import time

from heard.analysis.themes.embedders import StaticEmbedder, TransformerEmbedder
from heard.analysis.themes.synthetic import synthetic_contributions


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    count = int(args[0]) if args else 20_000
    texts = synthetic_contributions(count).texts
    embedder = TransformerEmbedder()
    embedder.embed(texts[:256])
    start = time.perf_counter()
    embedder.embed(texts)
    seconds = time.perf_counter() - start
    print(f"transformer on {embedder.device}: {count:,} texts in {seconds:.2f} s = "
          f"{count / seconds:,.0f} texts/s")
    static = StaticEmbedder()
    static.embed(texts[:256])
    start = time.perf_counter()
    static.embed(texts)
    seconds = time.perf_counter() - start
    print(f"static on CPU: {count:,} texts in {seconds:.2f} s = {count / seconds:,.0f} texts/s")


if __name__ == "__main__":
    main()

"""Words that are data, kept as plain text files in ``data/`` so a reviewer can read them.

Each file has one entry per line; ``#`` starts a comment. Entries are compared in lower case.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@cache
def word_list(name: str) -> frozenset[str]:
    """The entries of ``data/<name>.txt``, lower-cased; a missing file raises."""
    lines = (DATA / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(
        entry for entry in (line.split("#", 1)[0].strip().lower() for line in lines) if entry
    )

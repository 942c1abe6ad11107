"""spaCy, loaded without the libraries Heard never uses through it. Pure: no Django.

Two imports happen behind spaCy's back, and each costs every process that reads text with
spaCy (web and task workers that redact or name themes, `heard` commands, test workers)
seconds of CPU and hundreds of megabytes it gets nothing for:

* thinc, under spaCy, imports PyTorch whenever it is installed, for models that run on it.
  Heard's pipelines (en_core_web_sm and the redaction model fine-tuned from it) run on NumPy.
* Loading any pipeline loads every installed spaCy plug-in (``Language.__init__`` reads the
  ``spacy_factories`` entry points). Presidio registers one, for Hugging Face models, whose
  module imports transformers.

So while spaCy, Presidio and a pipeline load, both libraries are marked missing (a ``None``
entry in ``sys.modules`` makes ``import`` raise ImportError, which thinc and Presidio expect
and handle) and the marks are removed straight after: anything that imports them later (the
transformer embedder, triage fine-tuning) gets the real packages. Loading en_core_web_sm in a
fresh process took 6.7 CPU-s with both, 1.8 without (decision 0045). If a library is already
loaded, spaCy simply sees it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

UNUSED_THROUGH_SPACY = ("torch", "transformers")


@contextmanager
def without_unused_libraries() -> Iterator[None]:
    """While the block runs, importing a library of UNUSED_THROUGH_SPACY not yet loaded fails."""
    hidden = [name for name in UNUSED_THROUGH_SPACY if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        for name in hidden:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]


def import_spacy() -> ModuleType:
    """The spaCy package, imported (the first time) without PyTorch."""
    with without_unused_libraries():
        import spacy
    return spacy


def load_pipeline(name: str | Path, **options: Any) -> Any:
    """``spacy.load(name, **options)``, its plug-ins loaded without transformers or PyTorch."""
    spacy = import_spacy()
    with without_unused_libraries():
        return spacy.load(name, **options)


def english_stop_words() -> frozenset[str]:
    """spaCy's English stop words (spaCy imported, the first time, without PyTorch)."""
    import_spacy()
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)

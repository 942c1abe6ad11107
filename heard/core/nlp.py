"""spaCy, loaded without the libraries Heard never uses through it. Pure: no Django.

Two imports happen behind spaCy's back, and each costs every process that reads text with
spaCy (web and task workers that redact or name themes, `heard` commands, test workers)
seconds of CPU and hundreds of megabytes it gets nothing for:

* thinc, under spaCy, imports PyTorch whenever it is installed, for models that run on it.
  Heard's pipelines (en_core_web_sm and the redaction model fine-tuned from it) run on NumPy.
* Loading any pipeline loads every installed spaCy plug-in (``Language.__init__`` reads the
  ``spacy_factories`` entry points). Presidio registers one, for Hugging Face models, whose
  module imports transformers.

So while spaCy, Presidio and a pipeline load, importing either library from the loading thread
raises ImportError, which thinc and Presidio expect and handle; other threads (a web server's
other requests, one of which may load the triage's MiniLM look) import them as usual, and
anything that imports them later (the transformer embedder, triage fine-tuning) gets the real
packages. If a library is already loaded, spaCy simply sees it. Loading en_core_web_sm in a fresh
process took 6.7 CPU-s with both libraries, 1.8 without (decision 0045).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType
from typing import Any

UNUSED_THROUGH_SPACY = ("torch", "transformers")


class _NotFromThisThread:
    """An import finder that refuses some top-level packages to one thread."""

    def __init__(self, packages: Sequence[str]) -> None:
        self.packages = frozenset(packages)
        self.thread = threading.get_ident()

    def find_spec(self, name: str, path: object = None, target: object = None) -> ModuleSpec | None:
        package = name.partition(".")[0]
        # A package already loaded (before, or by another thread meanwhile) is left alone,
        # submodules included: refusing torch.utils to a process that has torch would leave
        # thinc half-sure that it has PyTorch.
        if (package in self.packages and package not in sys.modules
                and threading.get_ident() == self.thread):
            raise ImportError(f"{name} is not loaded while spaCy loads (heard.core.nlp)", name=name)
        return None  # any other import: the usual finders


@contextmanager
def without_unused_libraries() -> Iterator[None]:
    """While the block runs, this thread cannot import a library of UNUSED_THROUGH_SPACY that is
    not loaded yet (one already loaded is simply there)."""
    finder = _NotFromThisThread(UNUSED_THROUGH_SPACY)
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)


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

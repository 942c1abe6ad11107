"""Presidio, imported in one place and without the Hugging Face engine Heard never uses.

Presidio's ``nlp_engine`` package imports ``transformers.pipeline`` at import time, for an
optional engine that runs Hugging Face models. Heard's engine is spaCy only (see
:mod:`.engine`), yet that one import costs every process that redacts about 3 CPU-seconds
(5.0 s against 2.0 s for ``import presidio_analyzer`` here) — each web worker, task worker,
``heard`` command and test worker. Presidio guards the import with ``except ImportError``, so
while Presidio loads, ``transformers`` is marked as missing (a ``None`` entry in
``sys.modules`` makes ``import`` raise ImportError), and the mark is removed straight after:
anything that imports transformers later (the transformer embedder) gets the real package.
If transformers is already loaded, Presidio simply uses it.

Every redaction module imports Presidio's names from here, never from ``presidio_analyzer``
directly, so the first import anywhere is this one.
"""

from __future__ import annotations

import sys

_HIDE = "transformers" not in sys.modules
if _HIDE:
    sys.modules["transformers"] = None  # type: ignore[assignment]
try:
    from presidio_analyzer import (
        AnalysisExplanation,
        AnalyzerEngine,
        EntityRecognizer,
        RecognizerRegistry,
        RecognizerResult,
    )
    from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
    from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine
    from presidio_analyzer.predefined_recognizers import (
        CreditCardRecognizer,
        IbanRecognizer,
        IpRecognizer,
        UsSsnRecognizer,
    )
finally:
    if _HIDE:
        del sys.modules["transformers"]

__all__ = [
    "AnalysisExplanation", "AnalyzerEngine", "ContextAwareEnhancer", "CreditCardRecognizer",
    "EntityRecognizer", "IbanRecognizer", "IpRecognizer", "NlpArtifacts", "NlpEngine",
    "RecognizerRegistry", "RecognizerResult", "UsSsnRecognizer",
]

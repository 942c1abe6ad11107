"""Presidio, imported in one place and without the libraries Heard never uses through it.

Presidio's ``nlp_engine`` package imports ``transformers.pipeline`` at import time, for an
optional engine that runs Hugging Face models, and the spaCy it imports brings PyTorch in
through thinc. Heard's engine is spaCy on NumPy only (see :mod:`.engine`), yet those imports
cost every process that redacts seconds of CPU (5.0 s against 2.0 s for ``import
presidio_analyzer`` with transformers alone left out) — each web worker, task worker, ``heard``
command and test worker. Both are imported under guards that expect ImportError, so Presidio
is imported with them marked missing (:func:`heard.core.nlp.without_unused_libraries`); the
marks are removed straight after, and anything that imports them later gets the real packages.

Every redaction module imports Presidio's names from here, never from ``presidio_analyzer``
directly, so the first import anywhere is this one (and with it spaCy's).
"""

from __future__ import annotations

from heard.core.nlp import without_unused_libraries

with without_unused_libraries():
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

__all__ = [
    "AnalysisExplanation", "AnalyzerEngine", "ContextAwareEnhancer", "CreditCardRecognizer",
    "EntityRecognizer", "IbanRecognizer", "IpRecognizer", "NlpArtifacts", "NlpEngine",
    "RecognizerRegistry", "RecognizerResult", "UsSsnRecognizer",
]

"""Presidio, imported in one place and without the libraries Heard never uses through it.

Presidio's ``nlp_engine`` package imports ``transformers.pipeline`` at import time, for an
optional engine that runs Hugging Face models, and the spaCy it imports brings PyTorch in
through thinc. Heard's engine is spaCy on NumPy only (see :mod:`.engine`). Both imports are
under guards that expect ImportError, so Presidio is imported with them marked missing
(:func:`heard.core.nlp.without_unused_libraries`); the marks are removed straight after, and
anything that imports them later gets the real packages. Leaving transformers out saved each
process that redacts (web and task workers, ``heard`` commands, test workers) about 3 CPU-s;
leaving PyTorch out too, a further second and 190 MB (decision 0045).

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

"""spaCy's pipelines load without PyTorch and transformers, which Heard never uses through
them (heard.core.nlp, decision 0045), and both stay importable for the code that does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from heard.core import nlp

ROOT = Path(__file__).resolve().parents[2]

# A fresh process, as a task worker or a `heard` command is: it names themes (spaCy parses the
# texts) and then redacts (Presidio, and the NER model behind it), then says what it loaded.
SCRIPT = """
import importlib.util, sys
from heard.analysis.themes import FakeEmbedder, run_themes
from heard.analysis.themes.names import _spacy
from heard.safety.redaction import detect

texts = ["my social worker keeps changing and nobody tells me why",
         "I never see my brother since I moved to the new foster home",
         "the review meeting was full of people I did not know"] * 6
run = run_themes(texts, FakeEmbedder())
assert run.themes and _spacy.cache_info().currsize == 1, "spaCy did not name the themes"
spans = detect("Last week Siobhan rang me from the office in Leeds.")
assert {span.entity_type for span in spans} >= {"PERSON"}, spans
print(sorted(name for name in ("torch", "transformers") if name in sys.modules))
print([importlib.util.find_spec(name) is not None for name in ("torch", "transformers")])
"""


def test_themes_and_redaction_load_neither_torch_nor_transformers() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    loaded, importable = done.stdout.strip().splitlines()[-2:]
    assert loaded == "[]"
    assert importable == "[True, True]"


def test_a_library_is_hidden_only_while_loading_and_only_if_not_loaded(monkeypatch) -> None:
    # Two standard-library modules stand in for PyTorch and transformers: one this process
    # has not imported (tabnanny), one it has (json).
    sys.modules.pop("tabnanny", None)
    monkeypatch.setattr(nlp, "UNUSED_THROUGH_SPACY", ("tabnanny", "json"))
    with nlp.without_unused_libraries():
        with pytest.raises(ImportError):
            import tabnanny  # noqa: F401
        import json  # a library already loaded is left as it is

        assert json.loads("[1]") == [1]
    import tabnanny

    assert callable(tabnanny.check)

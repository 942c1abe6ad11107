"""spaCy's pipelines load without PyTorch and transformers, which Heard never uses through
them (heard.core.nlp, decision 0045), and both stay importable for the code that does."""

from __future__ import annotations

import importlib
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from heard.core import nlp

ROOT = Path(__file__).resolve().parents[2]
HEARD = ROOT / "heard"
# Where spaCy may be imported or a pipeline loaded directly: the loader itself, and the
# redaction model's training and loading, which run after Presidio's import (itself done
# without both libraries) and whose source is part of the redaction model's cache key.
LOADS_SPACY_ITSELF = {"core/nlp.py", "safety/redaction/context_model.py"}

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
    sys.modules.pop("json.tool", None)
    monkeypatch.setattr(nlp, "UNUSED_THROUGH_SPACY", ("tabnanny", "json"))
    with nlp.without_unused_libraries():
        with pytest.raises(ImportError):
            import tabnanny  # noqa: F401
        import json  # a library already loaded is left as it is, its submodules too
        import json.tool

        assert json.loads("[1]") == [1] and callable(json.tool.main)
    import tabnanny

    assert callable(tabnanny.check)


def test_other_threads_import_as_usual_while_spacy_loads(monkeypatch) -> None:
    # A web server's other requests go on while one loads spaCy: one of them may need the
    # library (the triage's MiniLM look needs PyTorch), and must get it.
    sys.modules.pop("tabnanny", None)
    monkeypatch.setattr(nlp, "UNUSED_THROUGH_SPACY", ("tabnanny",))
    found: list[object] = []
    with nlp.without_unused_libraries():
        other = threading.Thread(target=lambda: found.append(importlib.import_module("tabnanny")))
        other.start()
        other.join()
        assert found and callable(found[0].check)  # type: ignore[attr-defined]


def test_no_other_module_imports_spacy_or_loads_a_pipeline_itself() -> None:
    # `from spacy.lang... import` (a word list) is fine once spaCy is loaded; `import spacy`
    # and spacy.load are what would load it, and its plug-ins, first.
    direct = sorted(
        str(path.relative_to(HEARD)) for path in HEARD.rglob("*.py")
        if str(path.relative_to(HEARD)) not in LOADS_SPACY_ITSELF
        and any(needle in path.read_text(encoding="utf-8")
                for needle in ("import spacy\n", "spacy.load(", "spacy.blank("))
    )
    assert direct == []

"""Presidio is imported in one place, and without the Hugging Face engine Heard never uses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import heard

REDACTION = Path(heard.__file__).parent / "safety" / "redaction"


def test_only_the_one_module_imports_presidio() -> None:
    importers = sorted(
        str(path.relative_to(REDACTION.parent.parent))
        for path in Path(heard.__file__).parent.rglob("*.py")
        if "presidio_analyzer" in path.read_text(encoding="utf-8")
    )
    assert importers == ["safety/redaction/presidio.py"]


def test_redaction_loads_without_transformers_and_leaves_it_importable() -> None:
    # "Importable" is checked as the import system sees it: no mark left in sys.modules (a
    # None entry makes `import transformers` raise) and the package found where `import` would
    # find it. Importing transformers for real here cost this fresh process about 3 CPU-s of
    # the test's 6 (decision 0039); importlib.util.find_spec returns None while the mark is
    # there, so the check fails if the mark is left behind.
    script = (
        "import importlib.util, sys\n"
        "from heard.safety.redaction import engine\n"
        "assert engine.AnalyzerEngine is not None\n"
        "print('transformers' in sys.modules)\n"
        "spec = importlib.util.find_spec('transformers')\n"
        "print(spec is not None and spec.origin is not None)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300,
    )
    assert done.stdout.split() == ["False", "True"]

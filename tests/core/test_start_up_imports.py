"""Setting Django up loads no machine-learning library: every process pays for what it
imports at start-up (each test worker, `heard check`, `heard serve`, each `heard worker` the
alert tests start), and these load on first use instead (decisions 0020 and 0032)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# scikit-learn is about 0.85 CPU-seconds to import, spaCy with torch about 1.7, Presidio more.
LOADED_ON_FIRST_USE = ("sklearn", "torch", "spacy", "thinc", "presidio_analyzer",
                       "transformers", "sentence_transformers", "model2vec", "weasyprint")


def test_django_set_up_with_its_urls_imports_no_model_library() -> None:
    script = (
        "import sys, django\n"
        "django.setup()\n"
        "import heard.urls\n"
        f"print(sorted(set({LOADED_ON_FIRST_USE!r}) & set(sys.modules)))\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "heard.settings", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


# scipy's parts that the themes and opinion-map maths use: about 0.6 s of every process's start
# when the task handlers imported that maths with them (decision 0050). numpy may load.
MATHS_ON_FIRST_USE = ("scipy.sparse", "scipy.spatial", "scipy.optimize", "scipy.cluster",
                      "heard.analysis.opinion", "heard.analysis.themes.pipeline")


def test_django_set_up_registers_every_task_without_importing_the_maths_they_run() -> None:
    """As a task worker or a `heard` command starts: Django set up, no page served."""
    script = (
        "import sys, django\n"
        "django.setup()\n"
        "import json\n"
        "from heard.tasks.queue import HANDLERS\n"
        f"print(sorted(set({MATHS_ON_FIRST_USE!r}) & set(sys.modules)))\n"
        "print(json.dumps(sorted(HANDLERS)))\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "heard.settings", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    loaded, handlers = done.stdout.strip().splitlines()[-2:]
    assert loaded == "[]"
    assert {"insight.run", "insight.refresh_stale", "opinions.update"} <= set(json.loads(handlers))

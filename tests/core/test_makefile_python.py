"""The Python that `make` builds the virtual environment from (decision 0059): the operating
system's optimised python3.11 where it can make one, and a venv made from any other Python is
made again."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SYSTEM_PYTHON = Path("/usr/bin/python3.11")

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="GNU make is not installed")


def _make_variables(*overrides: str, environment: dict[str, str] | None = None) -> dict[str, str]:
    """The Makefile's variables as make works them out, without running anything (`-n -p`)."""
    done = subprocess.run(["make", "-n", "-p", "--no-print-directory", *overrides, "setup"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60,
                          env=environment or os.environ.copy(), check=False)
    variables = {}
    for line in done.stdout.splitlines():
        name, sep, value = line.partition(" := ")
        if sep and name in ("PYTHON", "VENV_STALE"):
            variables[name] = value
    return variables


def _venv_from(python: str, where: Path) -> Path:
    subprocess.run([python, "-m", "venv", "--without-pip", str(where)], check=True, timeout=60)
    return where


def _pretend_python(tmp_path: Path, executable: str) -> Path:
    """A stand-in for another Python: it answers `-c` with the path of its executable."""
    script = tmp_path / "other-python"
    script.write_text(f"#!/bin/sh\necho {executable}\n", encoding="utf-8")
    script.chmod(0o755)
    return script


def test_a_venv_made_from_another_python_is_made_again(tmp_path: Path) -> None:
    base = os.path.realpath(sys._base_executable)
    venv = _venv_from(base, tmp_path / "venv")
    same = _make_variables(f"VENV={venv}", f"PYTHON={base}")
    assert same["VENV_STALE"] == ""
    other = _pretend_python(tmp_path, "/opt/another/bin/python3.11")
    assert _make_variables(f"VENV={venv}", f"PYTHON={other}")["VENV_STALE"] == "yes"
    # A venv whose Python no longer runs is made again too.
    (venv / "bin" / "python").unlink()
    (venv / "bin" / "python").write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    (venv / "bin" / "python").chmod(0o755)
    assert _make_variables(f"VENV={venv}", f"PYTHON={base}")["VENV_STALE"] == "yes"


def test_no_venv_yet_is_not_stale_but_simply_made(tmp_path: Path) -> None:
    assert _make_variables(f"VENV={tmp_path / 'none'}")["VENV_STALE"] == ""


@pytest.mark.skipif(not SYSTEM_PYTHON.exists(), reason="no system python3.11 on this machine")
def test_the_systems_python_is_chosen_where_it_can_make_a_venv() -> None:
    usable = subprocess.run([str(SYSTEM_PYTHON), "-c", "import ensurepip, venv"],
                            capture_output=True, check=False).returncode == 0
    environment = {k: v for k, v in os.environ.items() if k != "PYTHON"}
    chosen = _make_variables(environment=environment)["PYTHON"]
    if usable:
        assert chosen == str(SYSTEM_PYTHON)
    else:
        assert chosen != str(SYSTEM_PYTHON)

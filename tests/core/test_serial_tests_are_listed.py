"""The serial runs of `make test` and `make check` collect only the files the Makefile lists
in SERIAL_TESTS; a test marked serial anywhere else would be left out of both runs (the
parallel run deselects it), so the list must name every file that has one."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_file_with_a_serial_test_is_in_the_makefile_list():
    listed = re.search(r"^SERIAL_TESTS\s*:=\s*(.*)$", (ROOT / "Makefile").read_text(), re.M)
    assert listed is not None, "the Makefile has no SERIAL_TESTS line"
    marked = {str(path.relative_to(ROOT)) for path in (ROOT / "tests").rglob("test_*.py")
              if re.search(r"\bmark\.serial\b", path.read_text(encoding="utf-8"))}
    assert marked, "no test is marked serial: the serial runs would collect nothing"
    assert set(listed.group(1).split()) == marked

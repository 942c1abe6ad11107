"""`pytest --cpu-log DIR` and `python -m tests.cpu_report DIR`: the CPU seconds speed work
compares on a busy machine (decision 0032, round three)."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from ..conftest import pytest_runtest_protocol
from ..cpu_report import main


def test_the_report_sums_by_file_and_ranks_tests(tmp_path, capsys):
    (tmp_path / "cpu-gw0.jsonl").write_text(
        json.dumps({"test": "tests/a.py::one", "cpu": 2.0, "children": 0.5}) + "\n"
        + json.dumps({"test": "tests/b.py::two", "cpu": 1.0, "children": 0.0}) + "\n")
    (tmp_path / "cpu-gw1.jsonl").write_text(
        json.dumps({"test": "tests/b.py::three", "cpu": 4.0, "children": 0.0}) + "\n")
    assert main([str(tmp_path), "--top", "2"]) == 0
    out = capsys.readouterr().out
    assert "3 tests: 7.0 CPU-s in the test processes, 0.5 in child processes" in out
    files = out.split("costliest files")[1].split("costliest tests")[0]
    assert files.index("tests/b.py") < files.index("tests/a.py")  # 5.0 before 2.5
    assert "     5.0     2  tests/b.py" in files
    tests = out.split("costliest tests")[1]
    assert tests.index("tests/b.py::three") < tests.index("tests/a.py::one")
    assert "tests/b.py::two" not in tests  # only the top two


def test_an_empty_directory_says_what_to_run(tmp_path, capsys):
    assert main([str(tmp_path)]) == 1
    assert "run pytest with --cpu-log" in capsys.readouterr().out


def test_the_hook_writes_one_line_per_test_with_its_cpu(tmp_path, monkeypatch):
    """The --cpu-log hook itself, driven as pytest drives a hook wrapper, with a stand-in for
    the test item (a real pytest run inside a test would cost more than the rest of this file)."""
    monkeypatch.delenv("PYTEST_XDIST_WORKER", raising=False)  # as in a run without workers
    cleanups: list = []
    config = SimpleNamespace(getoption=lambda name: str(tmp_path / "cpu"), stash=pytest.Stash(),
                             add_cleanup=cleanups.append)
    for name, work in (("tests/x.py::test_busy", 3_000_000), ("tests/x.py::test_idle", 0)):
        wrapper = pytest_runtest_protocol(SimpleNamespace(config=config, nodeid=name), None)
        next(wrapper)
        sum(range(work))  # the test's own work, between set-up and the report
        with pytest.raises(StopIteration):
            next(wrapper)
    for cleanup in cleanups:
        cleanup()
    rows = [json.loads(line) for line in (tmp_path / "cpu" / "cpu-main.jsonl").read_text()
            .splitlines()]
    assert [row["test"] for row in rows] == ["tests/x.py::test_busy", "tests/x.py::test_idle"]
    assert rows[0]["cpu"] > rows[1]["cpu"] >= 0
    assert all(row["children"] >= 0 for row in rows)


def test_without_the_option_nothing_is_written(tmp_path):
    config = SimpleNamespace(getoption=lambda name: None, stash=pytest.Stash(),
                             add_cleanup=lambda f: None)
    wrapper = pytest_runtest_protocol(SimpleNamespace(config=config, nodeid="t"), None)
    next(wrapper)
    with pytest.raises(StopIteration):
        next(wrapper)
    assert list(tmp_path.iterdir()) == []

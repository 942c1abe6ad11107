"""The national-scale bench's plan: red-dwarf beside Heard on the same export only where it can
finish, and both ratios printed. Processes are faked; no time is asserted."""

from __future__ import annotations

from pathlib import Path

import pytest

from heard.analysis import opinion_bench
from heard.analysis.opinion_bench import ProcessRun


@pytest.fixture
def faked(monkeypatch):
    calls: dict[str, list[Path]] = {"red_dwarf": []}
    monkeypatch.setattr(opinion_bench, "synthetic_votes", lambda n: n)

    def write_export(_votes, directory: Path) -> None:
        directory.mkdir(parents=True)
        (directory / "votes.csv").write_text("x")

    def time_red_dwarf(export: Path):
        calls["red_dwarf"].append(export)
        return (ProcessRun(20.0, 8.0, 900.0, 0, ""),
                {"input_s": 1.0, "pipeline_s": 16.0, "groups": 3})

    monkeypatch.setattr(opinion_bench, "write_export", write_export)
    monkeypatch.setattr(opinion_bench, "time_cli", lambda export, out: [
        ProcessRun(2.0, 1.0, 200.0, 0, "")] * 3)
    monkeypatch.setattr(opinion_bench, "time_red_dwarf", time_red_dwarf)
    return calls


def test_red_dwarf_is_not_started_on_the_size_it_cannot_finish(faked, tmp_path, capsys):
    opinion_bench.national_scale(tmp_path, 100_000, red_dwarf=False)
    out = capsys.readouterr().out
    assert faked["red_dwarf"] == []
    assert "heard opinion (CLI" in out
    assert "red-dwarf not run at this size" in out


def test_red_dwarf_runs_on_the_same_export_as_heard_and_both_ratios_print(
        faked, tmp_path, capsys):
    opinion_bench.national_scale(tmp_path, 10_000, red_dwarf=True)
    out = capsys.readouterr().out
    assert faked["red_dwarf"] == [tmp_path / "export"]
    # 20 s / 2 s wall and 8 s / 1 s CPU for the whole processes; 16 s of maths / 2 s.
    assert "red-dwarf/heard = 10.0x wall, 8.0x CPU" in out
    assert "red-dwarf/heard = 8.0x (red-dwarf's maths alone" in out


def test_the_bench_times_ten_million_votes_without_red_dwarf_then_one_million_with_it(
        monkeypatch, tmp_path):
    sizes: list[tuple[int, bool]] = []
    monkeypatch.setattr(opinion_bench, "national_scale",
                        lambda work, n, red_dwarf: sizes.append((n, red_dwarf)))
    monkeypatch.setattr(opinion_bench, "compare_with_red_dwarf", lambda opendata: None)
    opinion_bench.main([str(tmp_path)])
    assert sizes == [(100_000, False), (10_000, True)]


def test_a_missing_red_dwarf_is_said_plainly_with_no_ratio(faked, monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(opinion_bench, "time_red_dwarf", lambda export: (ProcessRun(
        0.5, 0.4, 50.0, 1, "ModuleNotFoundError: No module named 'reddwarf'\n"), None))
    opinion_bench.national_scale(tmp_path, 10_000, red_dwarf=True)
    out = capsys.readouterr().out
    assert "red-dwarf is not installed" in out
    assert "red-dwarf/heard" not in out

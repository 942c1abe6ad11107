"""The demo sentence pools are data files a writer can edit; the reader keeps their order and
says clearly where a file is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from heard.contributions import demo_corpus


def test_pools_keep_file_order_and_skip_notes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sample.txt").write_text(
        "# a note\n\n[leaving_care teen]\nFirst.\n  Second.  \n[young]\nThird.\n", "utf-8")
    monkeypatch.setattr(demo_corpus, "_DATA", tmp_path)
    assert demo_corpus.read_pools("sample") == {
        ("leaving_care", "teen"): ("First.", "Second."), ("young",): ("Third.",)}


def test_a_sentence_before_any_pool_names_the_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "broken.txt").write_text("# note\nA stray sentence.\n", "utf-8")
    monkeypatch.setattr(demo_corpus, "_DATA", tmp_path)
    with pytest.raises(ValueError, match=r"broken\.txt line 2"):
        demo_corpus.read_pools("broken")


def test_every_theme_has_lived_experience_ideas_and_titles() -> None:
    assert set(demo_corpus.LIVED) == set(demo_corpus.THEMES) == set(demo_corpus._TITLES)
    assert set(demo_corpus.IDEAS) <= set(demo_corpus.THEMES)
    assert all(pool for by_voice in demo_corpus.LIVED.values() for pool in by_voice.values())

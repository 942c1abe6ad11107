"""`run_themes_cli` on good and bad CSV files (fake embedder: no model needed)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from heard.analysis.themes import FakeEmbedder, ThemesInputError
from heard.analysis.themes import command as command_module
from heard.analysis.themes.command import run_themes_cli
from heard.analysis.themes.report import render_report

WORDS = {
    "moves": ["placement", "moved", "house", "foster", "carers", "new", "school", "packed", "bags"],
    "workers": ["social", "worker", "changed", "again", "caseload", "visits", "trust", "agency"],
}


@pytest.fixture(autouse=True)
def fake_models(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI names embedders by string; map every name to the fake one for these tests."""
    monkeypatch.setattr("heard.analysis.themes.pipeline.get_embedder",
                        lambda name: FakeEmbedder())


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def contributions(count_each: int = 15) -> list[dict[str, str]]:
    rows = []
    for topic, words in WORDS.items():
        for i in range(count_each):
            text = " ".join(words[(i + j) % len(words)] for j in range(6))
            who = "social_worker" if topic == "workers" else "child_in_care;care_leaver"
            if i < 2:
                who = "parent_father"  # two fathers: a count that must be suppressed
            rows.append({"ref": f"{topic}-{i}", "text": text, "who": who,
                         "quote_ok": "yes" if i % 2 else "no", "redacted": f"Q: {text}"})
    return rows


def test_writes_themes_assignments_and_report(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", contributions())
    progress: list[float] = []
    summary = run_themes_cli(source, "text", "who", "ref", "static", 2, tmp_path / "out",
                             quotable_column="quote_ok", quote_column="redacted",
                             progress=lambda f, m: progress.append(f))
    assert summary["themes"] == 2 and progress[-1] == 1.0
    themes = json.loads((tmp_path / "out" / "themes.json").read_text())
    assert {"id", "label", "key_words", "size", "quotes", "perspectives"} <= set(
        themes["themes"][0])
    for theme in themes["themes"]:
        assert all(q.startswith("Q: ") for q in theme["quotes"])
        family = next(g for g in theme["perspectives"]["groups"] if g["group"] == "family")
        assert family["count"] in ("0", "fewer than 5")
        if family["count"] == "fewer than 5":
            assert family["share"] is None and family["ratio"] is None
    with (tmp_path / "out" / "assignments.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 30 and {r["id"] for r in rows} == {r["ref"] for r in contributions()}
    assert {r["theme_id"] for r in rows} == {t["id"] for t in themes["themes"]}
    html = (tmp_path / "out" / "report.html").read_text()
    assert "<svg" in html and "<table" in html and "fewer than 5" in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "<script" not in html and 'lang="en"' in html


def test_row_number_is_the_id_without_an_id_column(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", contributions(5))
    run_themes_cli(source, "text", out_dir=tmp_path / "out")
    with (tmp_path / "out" / "assignments.csv").open() as handle:
        ids = [row["id"] for row in csv.DictReader(handle)]
    assert ids == [str(n) for n in range(1, 11)]
    themes = json.loads((tmp_path / "out" / "themes.json").read_text())
    assert all(theme["quotes"] == [] for theme in themes["themes"])
    assert any("who agreed to be quoted" in note for note in themes["notes"])


def test_previous_run_keeps_ids_and_edits(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", contributions())
    run_themes_cli(source, "text", k=2, out_dir=tmp_path / "one")
    first = json.loads((tmp_path / "one" / "themes.json").read_text())["themes"]
    (tmp_path / "one" / "edits.json").write_text(
        json.dumps({first[0]["id"]: {"label": "Our label", "locked": True}}))
    run_themes_cli(source, "text", k=2, out_dir=tmp_path / "two", previous_dir=tmp_path / "one")
    second = json.loads((tmp_path / "two" / "themes.json").read_text())["themes"]
    edited = next(t for t in second if t["id"] == first[0]["id"])
    assert edited["label"] == "Our label" and edited["locked"]


def test_missing_column_names_the_columns_there_are(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", contributions(3))
    with pytest.raises(ThemesInputError, match="no column called 'story'.*'text'"):
        run_themes_cli(source, "story", out_dir=tmp_path / "out")


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_bytes(b"")
    with pytest.raises(ThemesInputError, match="empty"):
        run_themes_cli(tmp_path / "in.csv", "text", out_dir=tmp_path / "out")


def test_header_only_and_blank_texts(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("text,who\n")
    with pytest.raises(ThemesInputError, match="no data rows"):
        run_themes_cli(tmp_path / "a.csv", "text", out_dir=tmp_path / "out")
    (tmp_path / "b.csv").write_text("text,who\n ,x\n,y\n")
    with pytest.raises(ThemesInputError, match="empty in every row"):
        run_themes_cli(tmp_path / "b.csv", "text", out_dir=tmp_path / "out")


def test_one_row_gives_one_theme(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text("text\nNobody told me my social worker had left.\n")
    summary = run_themes_cli(tmp_path / "in.csv", "text", out_dir=tmp_path / "out")
    assert summary["themes"] == 1
    themes = json.loads((tmp_path / "out" / "themes.json").read_text())
    assert themes["themes"][0]["size"] == "fewer than 5"


def test_all_identical_texts_give_one_theme(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text("text\n" + "same words here\n" * 40)
    assert run_themes_cli(tmp_path / "in.csv", "text", out_dir=tmp_path / "out")["themes"] == 1


def test_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_bytes("text\ncaf\xe9 in the care home\n".encode("latin-1"))
    with pytest.raises(ThemesInputError, match="not UTF-8.*CSV UTF-8"):
        run_themes_cli(tmp_path / "in.csv", "text", out_dir=tmp_path / "out")


def test_binary_file(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_bytes(b"text\n\x00\x01\x02")
    with pytest.raises(ThemesInputError, match="binary"):
        run_themes_cli(tmp_path / "in.csv", "text", out_dir=tmp_path / "out")


def test_file_over_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A real 50 MB file themes fine (see the benchmark); the limit is checked before reading.
    monkeypatch.setattr(command_module, "MAX_FILE_BYTES", 1_000)
    (tmp_path / "in.csv").write_text("text\n" + "a long line of words\n" * 100)
    with pytest.raises(ThemesInputError, match="limit is"):
        run_themes_cli(tmp_path / "in.csv", "text", out_dir=tmp_path / "out")


def test_a_very_long_field_is_read(tmp_path: Path) -> None:
    long_text = "word " * 60_000  # 300 KB: over the csv module's default field limit
    (tmp_path / "in.csv").write_text(f'text\n"{long_text}"\nshort one\nanother short one\n')
    assert run_themes_cli(tmp_path / "in.csv", "text", out_dir=tmp_path / "out")["items"] == 3


def test_bad_k(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", contributions(3))
    with pytest.raises(ThemesInputError, match="1 or more"):
        run_themes_cli(source, "text", k=0, out_dir=tmp_path / "out")


def test_unknown_embedder(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "in.csv", contributions(3))
    with pytest.raises(ThemesInputError, match="Unknown embedder"):
        run_themes_cli(source, "text", embedder="bert", out_dir=tmp_path / "out")


def test_report_escapes_text() -> None:
    payload = {"items": "12", "notes": [], "themes": [{
        "id": "T1", "label": "<script>alert(1)</script>", "label_source": "automatic",
        "locked": False, "key_words": ["<b>"], "size": "12", "share": 1.0,
        "quotes": ["a & b <i>"], "perspectives": None}]}
    html = render_report(payload)
    assert "<script>" not in html and "&lt;script&gt;" in html and "a &amp; b &lt;i&gt;" in html

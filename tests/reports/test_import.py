"""The import action: one transaction, replaces the same files' figures, audited."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from heard.audit.models import AuditEvent
from heard.cli import build_parser
from heard.reports import dfe
from heard.reports.actions import (
    ReferenceImportError,
    default_dfe_directory,
    do_import_dfe,
    run_import_dfe,
)
from heard.reports.models import ReferenceFigure


def args(*argv: str) -> argparse.Namespace:
    """Parsed exactly as `heard import-dfe ...` parses them."""
    return build_parser().parse_args(["import-dfe", *argv])


def test_import_replaces_and_audits(db, sample_dir: Path) -> None:
    first = do_import_dfe(sample_dir, None)
    assert first.created == ReferenceFigure.objects.count() > 0
    assert ReferenceFigure.objects.filter(value__isnull=True).count() == first.suppressed > 0
    second = do_import_dfe(sample_dir, None)
    assert second.replaced == first.created
    assert ReferenceFigure.objects.count() == first.created
    events = AuditEvent.objects.filter(action="reference.imported")
    assert events.count() == 2
    assert events.last().details["created"] == first.created


def test_import_keeps_only_named_areas(db, sample_dir: Path) -> None:
    report = do_import_dfe(sample_dir, None, ["hartlepool"])
    names = set(ReferenceFigure.objects.filter(geography_level="local_authority")
                .values_list("geography_name", flat=True))
    assert names == {"Hartlepool"} and report.areas == ("hartlepool",)


def test_unknown_area_changes_nothing(db, sample_dir: Path, capsys) -> None:
    do_import_dfe(sample_dir, None)
    before = ReferenceFigure.objects.count()
    with pytest.raises(ReferenceImportError, match="Did you mean 'Hartlepool'"):
        do_import_dfe(sample_dir, None, ["Hartlepol"])
    assert run_import_dfe(args(str(sample_dir), "--la", "Hartlepol")) == 2
    assert "Nothing was changed" in capsys.readouterr().out
    assert ReferenceFigure.objects.count() == before


@pytest.mark.parametrize("damage", ["missing_file", "missing_column", "not_utf8"])
def test_bad_input_exits_2_and_changes_nothing(db, sample_dir: Path, capsys, damage) -> None:
    do_import_dfe(sample_dir, None)
    before = ReferenceFigure.objects.count()
    path = sample_dir / dfe.CIN_FILE
    if damage == "missing_file":
        path.unlink()
    elif damage == "missing_column":
        path.write_text(path.read_text(encoding="utf-8").replace("At31_episodes", "at31"),
                        encoding="utf-8")
    else:
        path.write_bytes(path.read_bytes().replace(b"Children in Need", b"Ni\xf1os"))
    assert run_import_dfe(args(str(sample_dir))) == 2
    out = capsys.readouterr().out
    assert dfe.CIN_FILE in out and "Nothing was changed" in out
    assert ReferenceFigure.objects.count() == before
    assert AuditEvent.objects.filter(action="reference.imported").count() == 1


def test_missing_folder_exits_2(db, tmp_path: Path, capsys) -> None:
    assert run_import_dfe(args(str(tmp_path / "nowhere"))) == 2
    assert "is not a folder" in capsys.readouterr().out


def test_cli_prints_report(db, sample_dir: Path, capsys) -> None:
    assert run_import_dfe(args(str(sample_dir))) == 0
    out = capsys.readouterr().out
    assert "Imported" in out and dfe.CLA_FILE in out and "latest 2025" in out


def test_default_directory_is_shared_data() -> None:
    assert default_dfe_directory().parts[-3:] == ("shared", "data", "dfe")


def test_real_import(db, shared_dfe: Path) -> None:
    report = run_import_dfe(args(str(shared_dfe), "--la", "Leeds", "--la", "Bradford"))
    assert report == 0
    assert ReferenceFigure.objects.filter(geography_name="Leeds", measure="cla_31_march",
                                          year=2025).get().value == 1498

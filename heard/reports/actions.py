"""Writes for reports: importing the official reference figures. One transaction, audited."""

from __future__ import annotations

import argparse
import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

import heard
from heard.audit.log import record

from . import dfe
from .models import ReferenceFigure

Actor = AbstractBaseUser | AnonymousUser | None


def default_dfe_directory() -> Path:
    """The shared reference data beside the repository: ../shared/data/dfe."""
    return Path(heard.__file__).resolve().parents[2] / "shared" / "data" / "dfe"


class ReferenceImportError(ValueError):
    """Input that cannot be imported; the message says what to change. Nothing was changed."""


@dataclass(frozen=True)
class ImportReport:
    directory: Path
    files: dict[str, int]  # file -> figures imported from it
    replaced: int  # figures from the same files that were there before
    created: int
    suppressed: int  # figures the publisher held back (stored as "not published")
    skipped_files: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    latest: dict[str, str] = field(default_factory=dict)  # source line -> latest period

    def lines(self) -> list[str]:
        lines = [f"Imported {self.created:,} reference figures from {self.directory}."]
        if self.areas:
            lines.append(f"Local authorities kept: {', '.join(self.areas)} "
                         "(and England and its regions).")
        for name, count in self.files.items():
            lines.append(f"  {name}: {count:,} figures, latest {self.latest.get(name, '-')}")
        for name in self.skipped_files:
            lines.append(f"  {name}: not there, left out (optional)")
        lines.append(f"Replaced {self.replaced:,} figures from the same files.")
        lines.append(f"{self.suppressed:,} figures were not published by their source "
                     "(c, x, z, low) and are kept as 'not published'.")
        return lines


@transaction.atomic
def do_import_dfe(directory: Path | str, actor: Actor,
                  la_names: Sequence[str] = ()) -> ImportReport:
    """Read every source file, then replace the figures from those files in one transaction.
    Raises ReferenceDataError or ReferenceImportError before anything is changed."""
    directory = Path(directory)
    result = dfe.read_reference_figures(directory)
    figures = result.figures
    areas = tuple(dict.fromkeys(n.strip() for n in la_names if n.strip()))
    if areas:
        unknown = dfe.unknown_areas(figures, areas)
        if unknown:
            raise ReferenceImportError(_unknown_message(unknown, figures))
        figures = dfe.only_areas(figures, areas)
    files = list(result.files)
    replaced, _ = ReferenceFigure.objects.filter(source_file__in=files).delete()
    ReferenceFigure.objects.bulk_create(
        [ReferenceFigure.from_parsed(f) for f in figures], batch_size=2000
    )
    kept = {name: 0 for name in files}
    latest: dict[str, str] = {}
    for f in figures:
        kept[f.source_file] += 1
        latest[f.source_file] = max(latest.get(f.source_file, ""), f.time_period)
    suppressed = sum(f.value is None for f in figures)
    record(actor, "reference.imported", object_type="reference_figures",
           directory=str(directory), files=kept, created=len(figures), replaced=replaced,
           suppressed=suppressed, areas=list(areas))
    return ImportReport(directory, kept, replaced, len(figures), suppressed,
                        result.skipped, areas, latest)


def _unknown_message(unknown: list[str], figures: list[dfe.ReferenceFigure]) -> str:
    known = sorted({f.geography_name for f in figures if f.geography_level == "local_authority"})
    parts = []
    for name in unknown:
        close = difflib.get_close_matches(name, known, n=3)
        hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        parts.append(f"There is no local authority called {name!r} in the DfE files.{hint}")
    return " ".join(parts) + " Use the name as the Department for Education spells it."


def run_import_dfe(args: argparse.Namespace) -> int:
    """`heard import-dfe [DIR] [--la NAME ...]`. Exit code 2 on bad input, with nothing
    changed."""
    directory = Path(getattr(args, "directory", None) or default_dfe_directory())
    la_names = list(getattr(args, "la", None) or [])
    try:
        report = do_import_dfe(directory, None, la_names)
    except (dfe.ReferenceDataError, ReferenceImportError) as error:
        print(f"Import stopped: {error} Nothing was changed.")
        return 2
    print("\n".join(report.lines()))
    return 0

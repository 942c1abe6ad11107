"""`heard import-csv`: rows taken and refused are reported; a broken file changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from heard.audit.models import AuditEvent
from heard.cli import main
from heard.contributions.models import Contribution

pytestmark = pytest.mark.django_db


def write(tmp_path: Path, content: bytes | str, name: str = "export.csv") -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def run(path: Path, *extra: str) -> int:
    return main(["import-csv", str(path), "--text-column", "response", *extra])


GOOD = (
    "id,response,respondent type\n"
    "1,My worker changed every few months.,Care leaver\n"
    "2,,Social worker\n"
    "3,\"Dads are left out of meetings, always.\",father\n"
    "4,Kinship carers get no money.,Special guardian; astronaut\n"
)


def test_good_file_imports_rows_and_reports_refusals(tmp_path, capsys):
    assert run(write(tmp_path, GOOD), "--perspective-column", "respondent type") == 0
    out = capsys.readouterr().out
    assert "Took 3 row(s). Refused 1 row(s)." in out
    assert "line 3: refused, the text is empty" in out
    assert "perspective not recognised: astronaut" in out
    rows = {c.text: c for c in Contribution.objects.all()}
    assert rows["Dads are left out of meetings, always."].perspectives == ["parent_father"]
    assert rows["Kinship carers get no money."].perspectives == ["kinship_carer"]
    assert all(c.channel == "import" and c.consent_analysis and not c.consent_publish
               for c in rows.values())
    assert AuditEvent.objects.filter(action="contributions.imported").count() == 1


def test_dry_run_changes_nothing(tmp_path, capsys):
    assert run(write(tmp_path, GOOD), "--dry-run") == 0
    assert "Would take 3 row(s)" in capsys.readouterr().out
    assert Contribution.objects.count() == 0


@pytest.mark.parametrize("content, message", [
    ("id,answer\n1,hello\n", "There is no column called 'response'"),
    ("id,response\n1,hello,extra\n", "has 3 cells but the header has 2"),
    ("id,response,x\n1,hello\n", "has 2 cells but the header has 3"),
    (b"id,response\n1,caf\xe9 \xff\n", "not UTF-8"),
    ("", "The file is empty"),
])
def test_broken_files_stop_with_a_clear_message_and_change_nothing(tmp_path, capsys, content,
                                                                  message):
    assert run(write(tmp_path, content)) == 2
    assert message in capsys.readouterr().out
    assert Contribution.objects.count() == 0


def test_unknown_activity_and_missing_file(tmp_path, capsys):
    assert run(write(tmp_path, GOOD), "--activity", "nope") == 2
    assert "There is no activity called 'nope'" in capsys.readouterr().out
    assert run(tmp_path / "missing.csv") == 2
    assert "There is no file" in capsys.readouterr().out
    assert Contribution.objects.count() == 0


def test_utf8_with_bom_and_unicode_text_is_fine(tmp_path):
    content = "\ufeffresponse\nMy nan looks after me 💛 and it's hard.\n"
    assert run(write(tmp_path, content)) == 0
    assert Contribution.objects.get().text == "My nan looks after me 💛 and it's hard."

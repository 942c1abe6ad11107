"""Backup, erase, restore: people erased after a backup was taken stay erased when it is
restored, because the erasure ledger (outside the database) is applied again. Runs on SQLite
by default and on PostgreSQL with DATABASE_URL set."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

from heard.audit.models import AuditEvent
from heard.cli import main
from heard.contributions.actions import (
    do_set_update_email,
    do_withdraw_contribution,
)
from heard.contributions.models import Contribution
from heard.people.erasure import Subject, do_erase_person

from ..conftest import ALL_CONSENTS, submitted
from .privacy_scan import scan_database, scan_sqlite_files

pytestmark = pytest.mark.django_db(transaction=True)
ERASED_WORDS = "quibbleton"
WITHDRAWN_WORDS = "frondlemark"
EMAIL = "quibbleton@example.org"


def share(activity, text: str):
    return submitted(activity, "story", text, ("care_leaver",), ALL_CONSENTS)


def private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) == 0o600


def test_backup_erase_restore_and_the_erased_stay_erased(activity, tmp_path, capsys):
    kept, _ = share(activity, "The advocate listened to me and things changed.")
    erased, _ = share(activity, f"Please keep this private {ERASED_WORDS} forever.")
    do_set_update_email(erased.receipt, EMAIL, True, None)
    withdrawn, _ = share(activity, f"I changed my mind about this {WITHDRAWN_WORDS} story.")
    backup_file = tmp_path / "heard.backup"
    assert main(["backup", str(backup_file)]) == 0
    assert private(backup_file)
    # The copy is in the log: when, where and how big, with no one's words.
    made = AuditEvent.objects.get(action="backup.made")
    assert made.details == {"path": str(backup_file.resolve()), "tables": made.details["tables"],
                            "size": backup_file.stat().st_size}
    assert made.details["tables"] > 20 and made.actor_label == "system"

    do_erase_person(Subject(receipt_ids={erased.receipt_id}), None, reason="asked")
    do_withdraw_contribution(withdrawn, None)
    needles = [ERASED_WORDS, WITHDRAWN_WORDS, EMAIL]
    assert scan_database(needles).hits == []

    assert main(["restore", str(backup_file)]) == 2  # refuses without --yes
    assert main(["restore", str(backup_file), "--yes"]) == 0
    output = capsys.readouterr().out
    assert "Erasures applied again from the ledger: 2" in output

    after = scan_database(needles)
    assert after.hits == [], after.hits
    assert Contribution.objects.get(pk=kept.pk).text.startswith("The advocate")
    assert Contribution.objects.get(pk=erased.pk).status == "withdrawn"
    assert Contribution.objects.get(pk=withdrawn.pk).status == "withdrawn"
    assert AuditEvent.objects.filter(action="erasures.reapplied").exists()
    # The restored log ends where the backup was taken; one row says why it jumps.
    restored = AuditEvent.objects.get(action="backup.restored")
    assert restored.details == {"path": str(backup_file.resolve()), "erasures_reapplied": 2,
                                "removed_by_retention": 0}
    assert not AuditEvent.objects.filter(action="backup.made").exists()
    if connection.vendor == "sqlite":
        files = scan_sqlite_files(needles)
        assert files.hits == [], files.hits
    with capsys.disabled():
        print(f"\n[{connection.vendor}] after restore: {after.summary()}")


def test_a_person_erased_after_the_backup_cannot_come_back_with_their_code(activity, tmp_path):
    contribution, code = share(activity, f"Words {ERASED_WORDS} to take back.")
    backup_file = tmp_path / "heard.backup"
    assert main(["backup", str(backup_file)]) == 0
    visitor = Client()
    visitor.post("/receipt/", {"code": code})
    visitor.post("/receipt/yours/delete-everything/", {"confirm": "yes"})
    assert main(["restore", str(backup_file), "--yes"]) == 0
    back = Client()
    back.post("/receipt/", {"code": code})
    page = back.get("/receipt/yours/").content.decode()
    assert ERASED_WORDS not in page and "Withdrawn" in page


def test_bad_backups_are_refused_and_change_nothing(activity, tmp_path, capsys):
    share(activity, "Still here after a refused restore.")
    junk = tmp_path / "junk.backup"
    junk.write_bytes(b"this is not a database at all" * 100)
    assert main(["restore", str(junk), "--yes"]) == 2
    assert main(["restore", str(tmp_path / "missing.backup"), "--yes"]) == 2
    assert "Restore stopped" in capsys.readouterr().out
    assert Contribution.objects.filter(text__startswith="Still here").exists()
    existing = tmp_path / "exists.backup"
    existing.write_text("keep me")
    assert main(["backup", str(existing)]) == 2
    assert existing.read_text() == "keep me"


def test_the_sqlite_files_are_private(activity):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's files belong to the database server, not to Heard.")
    share(activity, "Anything, so the write-ahead log exists.")
    database = Path(connection.settings_dict["NAME"])
    for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
        assert path.exists() and private(path), path

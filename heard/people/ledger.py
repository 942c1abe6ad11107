"""The erasure ledger: what lets an erased person stay erased after a backup is restored.

Every erasure writes one entry of keyed hashes (HMAC-SHA256) of the rows it reached: a receipt's
code hash, or a row's id together with the moment it was made (ids are reused after a restore;
id and moment together are not). No words, codes, names or addresses are in it. Entries go to a
table (so a backup carries its own) and to an append-only file outside the database (so a
restore cannot take them away). After a restore, every entry in either place is applied again.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Model, QuerySet

from heard.audit.log import record

from .erasure import Subject, before_erasure, erase_subject
from .models import ErasureRecord, Receipt


def ledger_path() -> Path:
    return Path(settings.HEARD_ERASURE_LEDGER)


def _key() -> bytes:
    """The key lives beside the ledger file, never in the database or its backups."""
    path = ledger_path().with_suffix(".key")
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process made it first
        else:
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(secrets.token_hex(32))
    return bytes.fromhex(path.read_text(encoding="ascii").strip())


def fingerprint(key: bytes, kind: str, *parts: object) -> str:
    message = ":".join([kind, *[_stable(p) for p in parts]]).encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _stable(part: object) -> str:
    return part.isoformat() if isinstance(part, datetime) else str(part)


@dataclass(frozen=True)
class Candidate:
    """A row the ledger can point at: which subject field it fills, and its id."""

    field: str
    value: int | str
    fingerprint: str


# Tables whose rows an entry can name: (subject field, kind, model with pk and created_at).
# Apps above this layer register theirs, so the ledger never imports upwards.
LEDGER_TABLES: list[tuple[str, str, type[Model]]] = []


def register_ledger_table(field: str, kind: str, model: type[Model]) -> None:
    LEDGER_TABLES.append((field, kind, model))


def _rows(key: bytes, only: Subject | None = None) -> Iterator[Candidate]:
    """Rows an entry could name, fingerprinted the same way as when they were erased: all of
    them (to re-apply the ledger), or only the subject's (to write an entry)."""
    def pick(queryset: QuerySet, ids: set) -> QuerySet:
        return queryset if only is None else queryset.filter(pk__in=ids)

    receipts = pick(Receipt.objects.all(), only.receipt_ids if only else set())
    for pk, code_hash in receipts.values_list("pk", "code_hash"):
        yield Candidate("receipt_ids", pk, fingerprint(key, "receipt", code_hash))
    users = pick(User.objects.all(), only.user_ids if only else set())
    for pk, joined in users.values_list("pk", "date_joined"):
        yield Candidate("user_ids", pk, fingerprint(key, "user", pk, joined))
    for field, kind, model in LEDGER_TABLES:
        rows = pick(model._default_manager.all(), getattr(only, field) if only else set())
        for pk, made in rows.values_list("pk", "created_at"):
            yield Candidate(field, pk, fingerprint(key, kind, pk, made))
    emails = only.emails if only else {e.strip().lower() for e in Receipt.objects.exclude(
        email="").values_list("email", flat=True)}
    for email in emails:
        yield Candidate("emails", email, fingerprint(key, "email", email))
    labels = only.supporter_labels if only else set(_supporter_labels())
    for label in labels:
        yield Candidate("supporter_labels", label, fingerprint(key, "supporter", label))


def _supporter_labels() -> Iterator[str]:
    for field, model in SUPPORTER_TABLES:
        yield from model._default_manager.values_list(field, flat=True).distinct()


# Columns holding supporter labels ("account:1", "session:ab..."), registered by their apps.
SUPPORTER_TABLES: list[tuple[str, type[Model]]] = []


def register_supporter_table(field: str, model: type[Model]) -> None:
    SUPPORTER_TABLES.append((field, model))


def fingerprints_of(subject: Subject, key: bytes | None = None) -> list[str]:
    return sorted({c.fingerprint for c in _rows(key or _key(), subject)})


@before_erasure
def write_entry(subject: Subject) -> None:
    """Written before the erasure commits: an entry for an erasure that then failed would only
    erase, on a later restore, data its owner had asked to erase."""
    prints = fingerprints_of(subject)
    if not prints:
        return
    ErasureRecord.objects.create(whole_person=subject.whole_person, fingerprints=prints)
    _append({"at": datetime.now().astimezone().isoformat(), "whole_person":
             subject.whole_person, "fingerprints": prints})


def _append(entry: dict[str, object]) -> None:
    path = ledger_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, sort_keys=True) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def entries() -> list[tuple[bool, frozenset[str]]]:
    """Every entry from the file and the table, each once."""
    found: set[tuple[bool, frozenset[str]]] = set()
    path = ledger_path()
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                data = json.loads(line)
                found.add((bool(data["whole_person"]), frozenset(data["fingerprints"])))
    for record_ in ErasureRecord.objects.all():
        found.add((record_.whole_person, frozenset(record_.fingerprints)))
    return sorted(found, key=lambda e: sorted(e[1]))


def subjects_to_reapply(key: bytes | None = None) -> list[Subject]:
    key = key or _key()
    index: dict[str, Candidate] = {c.fingerprint: c for c in _rows(key)}
    subjects = []
    for whole_person, prints in entries():
        subject = Subject(whole_person=whole_person)
        for match in (index[p] for p in prints if p in index):
            getattr(subject, match.field).add(match.value)
        if subject.size():
            subjects.append(subject)
    return subjects


@transaction.atomic
def do_reapply_erasures(actor: User | None = None) -> int:
    """Apply every ledger entry again (after a restore). Erasing what is already erased changes
    nothing, so this is safe to run at any time. Returns how many entries still matched rows."""
    subjects = subjects_to_reapply()
    total: dict[str, int] = {}
    for subject in subjects:
        for store, count in erase_subject(subject, replaying=True).items():
            total[store] = total.get(store, 0) + count
    _copy_file_entries_into_table()
    record(actor, "erasures.reapplied", object_type="people.erasurerecord",
           entries=len(subjects), stores=total)
    return len(subjects)


def _copy_file_entries_into_table() -> None:
    """A restored table lacks entries made after its backup; the next backup should have them."""
    known = {(r.whole_person, frozenset(r.fingerprints)) for r in ErasureRecord.objects.all()}
    for whole_person, prints in entries():
        if (whole_person, prints) not in known:
            ErasureRecord.objects.create(whole_person=whole_person, fingerprints=sorted(prints))

"""After a transactional test, the database goes back to exactly what the migrations left.

A transactional test (the browser tests, the alert worker tests) commits, so Django cannot roll
it back: it empties every table (`flush`) and then sends post_migrate, which makes the content
types, the permissions and the staff roles again by querying what is missing and creating it,
about 0.1 CPU-s a test on its own and a third of a second in a busy run. It does not bring back
what a data migration made (the default activity), which needed a fixture of its own.

Here a copy of every table the migrations filled is kept when the worker's database is ready,
in the database server itself: SQLite copies the whole file aside once (``VACUUM INTO``) and
attaches it for the copy back; PostgreSQL keeps the filled tables in a schema of their own,
outside the search path, so nothing that lists the tables sees it. After each transactional
test the tables are emptied as before (post_migrate not sent) and the kept rows copied back
with one ``INSERT ... SELECT`` a table: the same rows, with the same keys, as the migrations
made them. Sequences are not reset (as before), so new rows never reuse a kept row's key.

A test that asks for Django's own ``serialized_rollback`` or ``available_apps`` gets Django's
teardown unchanged. With ``--reuse-db`` the copy is of the database as it was found.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.db import connections, transaction
from django.test import TransactionTestCase

KEPT_SCHEMA = "heard_test_migrated"  # PostgreSQL
ATTACHED_AS = "migrated"  # SQLite


@dataclass(frozen=True)
class KeptRows:
    """Where one database's migrated rows are kept, and which tables had any."""

    vendor: str
    tables: tuple[tuple[str, str], ...]  # (quoted table, its quoted columns joined by commas)
    sqlite_copy: Path | None = None


def keep_migrated_rows(connection: Any) -> KeptRows:
    """Copies aside every table the migrations put rows in; call it before any test writes."""
    quote = connection.ops.quote_name
    tables = connection.introspection.django_table_names(only_existing=True,
                                                         include_views=False)
    with connection.cursor() as cursor:
        filled = tuple((quote(t), _columns(cursor, quote(t), quote)) for t in sorted(tables)
                       if _has_rows(cursor, quote(t)))
        if connection.vendor == "sqlite":
            copy = Path(f"{connection.settings_dict['NAME']}.migrated")
            copy.unlink(missing_ok=True)
            cursor.execute("VACUUM INTO %s", [str(copy)])
            return KeptRows("sqlite", filled, copy)
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP SCHEMA IF EXISTS {KEPT_SCHEMA} CASCADE")
            cursor.execute(f"CREATE SCHEMA {KEPT_SCHEMA}")
            for table, _ in filled:
                cursor.execute(f"CREATE TABLE {KEPT_SCHEMA}.{table} AS TABLE {table}")
            return KeptRows("postgresql", filled)
    raise NotImplementedError(f"no copy of the migrated rows for {connection.vendor}")


def restore_migrated_rows(connection: Any, kept: KeptRows) -> None:
    """Copies the kept rows back into the (emptied) tables, in one transaction: the foreign
    keys Django makes are checked at its end, so the order of the tables does not matter."""
    source = ATTACHED_AS if kept.vendor == "sqlite" else KEPT_SCHEMA
    with connection.cursor() as cursor:
        if kept.sqlite_copy is not None:  # outside a transaction, as SQLite requires
            cursor.execute(f"ATTACH DATABASE %s AS {ATTACHED_AS}", [str(kept.sqlite_copy)])
        try:
            with transaction.atomic(using=connection.alias):
                for table, columns in kept.tables:
                    # Columns named: a test that restores a backup may make a table again
                    # with its columns in another order.
                    cursor.execute(f"INSERT INTO {table} ({columns}) "
                                   f"SELECT {columns} FROM {source}.{table}")
        finally:
            if kept.sqlite_copy is not None:
                cursor.execute(f"DETACH DATABASE {ATTACHED_AS}")


def forget_migrated_rows(kept: KeptRows) -> None:
    """The SQLite copy is a file beside the test database; PostgreSQL's goes with the database."""
    if kept.sqlite_copy is not None:
        kept.sqlite_copy.unlink(missing_ok=True)


def teardown_back_to_migrated(kept_by_alias: dict[str, KeptRows]) -> Any:
    """A replacement for ``TransactionTestCase._fixture_teardown`` that empties the tables and
    copies the kept rows back (tests/conftest.py's ``django_db_setup`` puts it in place)."""
    django_teardown = TransactionTestCase._fixture_teardown  # type: ignore[attr-defined]

    def _fixture_teardown(self: TransactionTestCase) -> None:
        if self.serialized_rollback or self.available_apps is not None:
            django_teardown(self)
            return
        for alias in self._databases_names(include_mirrors=False):  # type: ignore[attr-defined]
            call_command("flush", verbosity=0, interactive=False, database=alias,
                         reset_sequences=False, inhibit_post_migrate=True)
            restore_migrated_rows(connections[alias], kept_by_alias[alias])

    return _fixture_teardown


def _columns(cursor: Any, quoted_table: str, quote: Any) -> str:
    cursor.execute(f"SELECT * FROM {quoted_table} LIMIT 0")
    return ", ".join(quote(column[0]) for column in cursor.description)


def _has_rows(cursor: Any, quoted_table: str) -> bool:
    cursor.execute(f"SELECT 1 FROM {quoted_table} LIMIT 1")
    return cursor.fetchone() is not None

"""After a transactional test every table holds exactly what the migrations left: the same rows
with the same keys, the default activity and the staff roles included, and nothing the test
wrote (tests/migrated_state.py, decision 0051)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import TransactionTestCase

from heard.activities.models import Activity


def _every_row() -> dict[str, list[tuple[Any, ...]]]:
    quote = connection.ops.quote_name
    tables = connection.introspection.django_table_names(only_existing=True,
                                                         include_views=False)
    with connection.cursor() as cursor:
        rows = {}
        for table in sorted(tables):
            cursor.execute(f"SELECT * FROM {quote(table)}")
            rows[table] = sorted(cursor.fetchall(), key=repr)
    return rows


@pytest.mark.django_db(transaction=True)
def test_a_transactional_tests_teardown_puts_back_every_migrated_row_and_nothing_else():
    migrated = _every_row()
    assert Activity.objects.exists() and Group.objects.exists() and Permission.objects.exists()
    # What a test might do: delete what migrations made, change it, and add its own rows.
    Group.objects.get(name="moderator").permissions.clear()
    Group.objects.filter(name="analyst").delete()
    Activity.objects.update(title="Renamed by a test")
    ContentType.objects.create(app_label="made_by", model="a_test")
    User.objects.create_user("someone", password="not kept")
    assert _every_row() != migrated

    # The teardown pytest-django runs after such a test (a class made here, so that pytest
    # does not collect it as a unittest case of its own).
    finished = type("FinishedTest", (TransactionTestCase,), {"runTest": lambda self: None})
    finished()._fixture_teardown()

    assert _every_row() == migrated

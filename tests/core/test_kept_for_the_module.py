"""`kept_for_the_module` (tests/conftest.py): data built once for a module's tests is there for
every test, each test's own writes are undone before the next, and a test changing one of the
shared objects in memory changes only its own copy (decision 0032, round three)."""

from __future__ import annotations

from copy import deepcopy

import pytest

from heard.activities.models import Activity

from ..conftest import kept_for_the_module

pytestmark = pytest.mark.django_db

SHARED = "kept-for-the-module"


@pytest.fixture(scope="module")
def _shared_once(django_db_setup, django_db_blocker):
    with kept_for_the_module(django_db_blocker):
        with django_db_blocker.unblock():
            shared = Activity.objects.create(slug=SHARED, title="Built once", purpose="A test.")
        yield shared


@pytest.fixture
def shared(_shared_once, db) -> Activity:
    return deepcopy(_shared_once)


@pytest.mark.parametrize("mine, theirs", [("written-by-one", "written-by-two"),
                                          ("written-by-two", "written-by-one")])
def test_each_test_sees_the_shared_data_and_not_the_other_tests_writes(shared, mine, theirs):
    assert Activity.objects.get(slug=SHARED).title == "Built once"
    assert shared.title == "Built once"  # the other test's change in memory did not reach it
    assert not Activity.objects.filter(slug=theirs).exists()
    Activity.objects.create(slug=mine, title="One test's own", purpose="A test.")
    shared.title = f"Changed by {mine}"
    shared.save(update_fields=["title"])
    assert Activity.objects.get(slug=SHARED).title == f"Changed by {mine}"

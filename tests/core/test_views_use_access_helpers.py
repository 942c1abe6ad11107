"""Views reach personal data only through the access helpers (DESIGN.md: thin views, one access
helper per object type). A view module fails here when it queries a model the erasure registry
says holds personal data directly: `<Model>.objects`, `get_object_or_404(<Model>, ...)`, or a
related manager that leads to one (`activity.contributions.filter(...)`,
`user.moderationdecision_set.all()`), so a new direct query cannot slip in."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.apps import apps

from heard.people.erasure import STORES

HEARD = Path(__file__).resolve().parents[2] / "heard"

# Direct queries still allowed in views. Empty since stop 29 (the audit log, the analysts' runs
# and themes, the safeguarding alerts and the share journey's own session state each have their
# helper now); the set stays so that an exception, if one is ever needed, is written down with
# its reason. It may only shrink: a direct query in a view fails the test below.
KNOWN: set[tuple[str, str]] = set()


def personal_data_models() -> set[str]:
    """Models whose fields the erasure registry lists: they hold something about a person."""
    return {held.split(".")[1] for store in STORES.values() for held in store.holds
            if held.count(".") >= 2 and not held.startswith(("auth.", "sessions."))}


def related_managers(models: set[str]) -> set[str]:
    """The names of the managers that lead from any model to a personal-data one: the reverse
    side of a foreign key or many-to-many (`activity.contributions`, `user.receipts`,
    `x.<model>_set`) and a many-to-many field itself. One-to-one sides are single objects,
    not queries, so they are not listed."""
    names = set()
    for model in apps.get_models():
        for related in model._meta.related_objects:
            if related.related_model.__name__ in models and related.multiple:
                names.add(related.get_accessor_name())
        for field in model._meta.many_to_many:
            if field.related_model.__name__ in models:
                names.add(field.name)
    return names


def view_modules() -> list[Path]:
    return sorted(p for p in HEARD.rglob("*.py") if p.name == "views.py"
                  or p.name.endswith("_views.py") or p.name == "staff_dashboard.py")


def direct_queries(path: Path, models: set[str], root: Path = HEARD) -> set[tuple[str, str]]:
    found = set()
    where = path.relative_to(root).as_posix()
    for node in ast.walk(ast.parse(path.read_text())):
        if (isinstance(node, ast.Attribute) and node.attr == "objects"
                and isinstance(node.value, ast.Name) and node.value.id in models):
            found.add((where, node.value.id))
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in ("get_object_or_404", "get_list_or_404") and node.args
                and isinstance(node.args[0], ast.Name) and node.args[0].id in models):
            found.add((where, node.args[0].id))
    return found


def related_queries(path: Path, managers: set[str], root: Path = HEARD) -> list[str]:
    """`<anything>.<manager>.<method>`: a query through a related manager. A bare
    `x.contributions` passed on is not one; a method on it is."""
    where = path.relative_to(root).as_posix()
    return [f"{where}:{node.lineno}: {ast.unparse(node)}"
            for node in ast.walk(ast.parse(path.read_text()))
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute)
            and node.value.attr in managers]


@pytest.mark.django_db
def test_the_registry_names_the_personal_data_models() -> None:
    # Without this the scan below could pass by finding no models at all.
    assert {"Contribution", "Receipt", "SafeguardingFlag", "Profile"} <= personal_data_models()


@pytest.mark.django_db
def test_views_query_personal_data_only_through_access_helpers() -> None:
    models = personal_data_models()
    found = set().union(*(direct_queries(p, models) for p in view_modules()))
    new = sorted(found - KNOWN)
    assert not new, f"Views query personal-data models directly; use an access helper: {new}"


def test_the_scan_finds_a_direct_query(tmp_path: Path) -> None:
    view = tmp_path / "views.py"
    view.write_text("def v(request):\n    return Contribution.objects.get(pk=1)\n"
                    "def w(request):\n    return get_contribution_for(request.user, 1)\n")
    found = {name for _, name in direct_queries(view, {"Contribution"}, root=tmp_path)}
    assert found == {"Contribution"}


@pytest.mark.django_db
def test_the_related_managers_include_the_ones_views_used() -> None:
    # Without this the scan below could pass by knowing no managers.
    managers = related_managers(personal_data_models())
    assert {"contributions", "registrations", "statements", "themes",
            "moderation_decisions", "moderationdecision_set"} <= managers
    assert "profile" not in managers  # one-to-one: a single object, not a query


@pytest.mark.django_db
def test_views_query_related_personal_data_only_through_access_helpers() -> None:
    managers = related_managers(personal_data_models())
    found = [hit for p in view_modules() for hit in related_queries(p, managers)]
    assert not found, f"Views query personal data through a related manager: {found}"


def test_the_scan_finds_related_manager_queries(tmp_path: Path) -> None:
    view = tmp_path / "views.py"
    view.write_text("def v(request, activity, user):\n"
                    "    a = activity.contributions.filter(status='published')\n"
                    "    b = user.moderationdecision_set.all()\n"
                    "    c = get_object_or_404(Contribution, pk=1)\n"
                    "    return published_in(activity), activity.contributions\n")
    hits = related_queries(view, {"contributions", "moderationdecision_set"}, root=tmp_path)
    assert [int(hit.split(":")[1]) for hit in sorted(hits)] == [2, 3]
    assert direct_queries(view, {"Contribution"}, root=tmp_path) == {("views.py", "Contribution")}

"""Views reach personal data only through the access helpers (DESIGN.md: thin views, one access
helper per object type). A view module fails here when it queries a personal-data model
directly: `<Model>.objects`, `get_object_or_404(<Model>, ...)`, or a related manager that leads
to one (`activity.contributions.filter(...)`, `user.moderationdecision_set.all()`), so a new
direct query cannot slip in.

A personal-data model is one the erasure registry lists a field of, one of the tables that
stand for a person (accounts, receipts, and the rows the erasure ledger can name: a
contribution, a consultation response, a voter, an event sign-up), or a row that records
what one of those people did (a vote, a dot, a session place, a closing answer: a foreign key
to a person's row). A view module is any module a URL route's view is written in, as well as
every file named like one."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.apps import apps

from heard.people.erasure import STORES
from heard.people.ledger import LEDGER_TABLES

from .source_scan import syntax_tree
from .test_every_route_names_its_verbs import heard_routes, innermost_module

HEARD = Path(__file__).resolve().parents[2] / "heard"

# Direct queries still allowed in views. Empty since stop 29 (the audit log, the analysts' runs
# and themes, the safeguarding alerts and the share journey's own session state each have their
# helper now); the set stays so that an exception, if one is ever needed, is written down with
# its reason. It may only shrink: a direct query in a view fails the test below.
KNOWN: set[tuple[str, str]] = set()


def person_models() -> set[str]:
    """The tables whose one row stands for one person: accounts and receipts, and whatever
    the erasure ledger can name (a contribution, a response, a voter, a sign-up)."""
    return {"User", "Receipt"} | {model.__name__ for _, _, model in LEDGER_TABLES}


def rows_about_a_person() -> set[str]:
    """Models with a foreign key to a participant's row: what that person did (a vote, a dot,
    a place in a session, a closing answer, a moderation decision on their words). A key to a
    staff account (`created_by`, `updated_by`) marks who wrote a staff row, so it is not one."""
    people = person_models() - {"User"}
    return {model.__name__ for model in apps.get_models()
            if any(field.many_to_one or field.one_to_one for field in model._meta.get_fields()
                   if field.concrete and field.related_model is not None
                   and field.related_model.__name__ in people)}


def erasure_models() -> set[str]:
    """Models whose fields the erasure registry lists: they hold something about a person."""
    return {held.split(".")[1] for store in STORES.values() for held in store.holds
            if held.count(".") >= 2 and not held.startswith("sessions.")}


def personal_data_models() -> set[str]:
    return erasure_models() | person_models() | rows_about_a_person()


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
    """Files named like views, every module a route's view is written in (a kind's shared
    flow steps, the exit page, the paper form), whatever it is called, and the JSON API's
    modules that declare its routes (`@router.get`, `@router.post`)."""
    routed = {HEARD.parent / (innermost_module(view).replace(".", "/") + ".py")
              for _, view in heard_routes()}
    named = {p for p in HEARD.rglob("*.py") if p.name == "views.py"
             or p.name.endswith("_views.py") or p.name == "staff_dashboard.py"}
    api = {p for p in (HEARD / "api").glob("*.py") if "@router." in p.read_text()}
    return sorted(routed | named | api)


def direct_queries(path: Path, models: set[str], root: Path = HEARD) -> set[tuple[str, str]]:
    found = set()
    where = path.relative_to(root).as_posix()
    for node in ast.walk(syntax_tree(path)):
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
            for node in ast.walk(syntax_tree(path))
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute)
            and node.value.attr in managers]


@pytest.mark.django_db
def test_the_registry_names_the_personal_data_models() -> None:
    # Without this the scan below could pass by finding no models at all.
    assert {"Contribution", "Receipt", "SafeguardingFlag", "Profile"} <= personal_data_models()
    # ...nor miss the people themselves, or what they did.
    assert {"User", "Registration", "Voter", "ConsultationResponse"} <= personal_data_models()
    assert {"Vote", "SolutionVote", "SessionMembership", "ClosingAnswer",
            "TopicInterest", "SessionNote"} <= rows_about_a_person()
    # Rows staff wrote, with only a staff account's key, are not about a participant.
    assert not {"Code", "LundyAnswer", "RetentionRule", "ActionUpdate"} & personal_data_models()


@pytest.mark.django_db
def test_view_modules_include_those_not_named_views() -> None:
    names = {p.relative_to(HEARD).as_posix() for p in view_modules()}
    assert {"activities/steps.py", "people/sessions.py", "reports/paper_form.py",
            "views.py", "staff_dashboard.py", "api/public.py", "api/staff.py"} <= names


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

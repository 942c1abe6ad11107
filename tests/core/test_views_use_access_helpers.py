"""Views reach personal data only through the access helpers (DESIGN.md: thin views, one access
helper per object type). A view module that writes `<Model>.objects` for a model the erasure
registry says holds personal data fails here, so a new direct query cannot slip in."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from heard.people.erasure import STORES

HEARD = Path(__file__).resolve().parents[2] / "heard"

# Direct queries still in views, each with why it is there and whose work removes it. The
# list may only shrink: a new line fails the test below.
KNOWN = {
    # Staff pages over staff-side records the registry lists because they can quote a person:
    # the audit log (administrators), analysis runs and themes (analysts), the alert outbox
    # (safeguarding leads). Each view checks its permission first; access helpers for them are
    # left for the insight views' split into one view per verb.
    ("audit/views.py", "AuditEvent"),
    ("insight/views.py", "AnalysisRun"),
    ("insight/views.py", "Theme"),
    ("safety/safeguarding_views.py", "OutboxEmail"),
    # The share journey's own session state: the held disclosure and the receipt code a person
    # types; both are looked up by what this person's session holds, never by a staff choice.
    ("contributions/views.py", "Contribution"),
    ("contributions/views.py", "Receipt"),
    ("contributions/views.py", "Profile"),
}


def personal_data_models() -> set[str]:
    """Models whose fields the erasure registry lists: they hold something about a person."""
    return {held.split(".")[1] for store in STORES.values() for held in store.holds
            if held.count(".") >= 2 and not held.startswith(("auth.", "sessions."))}


def view_modules() -> list[Path]:
    return sorted(p for p in HEARD.rglob("*.py") if p.name == "views.py"
                  or p.name.endswith("_views.py") or p.name == "staff_dashboard.py")


def direct_queries(path: Path, models: set[str], root: Path = HEARD) -> set[tuple[str, str]]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if (isinstance(node, ast.Attribute) and node.attr == "objects"
                and isinstance(node.value, ast.Name) and node.value.id in models):
            found.add((path.relative_to(root).as_posix(), node.value.id))
    return found


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

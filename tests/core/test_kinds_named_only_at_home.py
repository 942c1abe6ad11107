"""An activity kind is named only in its own package (issue 13: one home for each kind). Code
elsewhere asks the registry what a kind does (`kind_of(activity).has_questions`, `own_rows()`,
`ActivityKind.journey`) rather than naming one. A module fails here when, outside the kind's
own sub-package of heard/activities/, it names the kind as `Activity.Kind.<NAME>`, or uses the
kind's stored value ("open_space") in a comparison, as `kind=` or in `select_related` /
`prefetch_related` (the kind's own row, fetched by its name)."""

from __future__ import annotations

import ast
from pathlib import Path

from . import source_scan as scan
from .source_scan import HEARD, Parents

ACTIVITIES = HEARD / "activities"
KINDS = {p.parent.name for p in ACTIVITIES.glob("*/kind.py")}

ALLOWED = {
    # The demo consultation, Call for Ideas and knowledge event share a facilitator, a
    # moderator and one loader; each kind's kind.py names the loader as its demo_loader.
    "activities/demo.py",
}


def _home(path: Path, root: Path) -> str | None:
    """The kind whose package the module is in, if it is in one."""
    parts = path.relative_to(root).parts
    return parts[1] if len(parts) > 2 and parts[0] == "activities" else None


def _named_kinds(node: ast.AST, parents: Parents, kinds: set[str]) -> set[str]:
    if (isinstance(node, ast.Attribute) and ast.unparse(node.value) == "Activity.Kind"
            and node.attr.lower() in kinds):
        return {node.attr.lower()}
    if not (isinstance(node, ast.Constant) and node.value in kinds):
        return set()
    parent = parents.get(node)
    while isinstance(parent, ast.Tuple | ast.List | ast.Set):
        parent = parents.get(parent)
    used = (isinstance(parent, ast.Compare)
            or (isinstance(parent, ast.keyword) and parent.arg == "kind")
            or (isinstance(parent, ast.Call) and isinstance(parent.func, ast.Attribute)
                and parent.func.attr in ("select_related", "prefetch_related")))
    return {str(node.value)} if used else set()


def kind_names(path: Path, root: Path = HEARD, kinds: set[str] = KINDS) -> list[str]:
    home = _home(path, root)
    return scan.places(path, root, lambda node, parents: bool(
        _named_kinds(node, parents, kinds) - {home}))


def test_no_module_names_a_kind_outside_its_home() -> None:
    assert {"consultation", "open_space", "opinion_map"} <= KINDS  # the glob found the kinds
    modules = (p for p in sorted(HEARD.rglob("*.py")) if "migrations" not in p.parts)
    scan.assert_no_places(modules, kind_names, allowed=ALLOWED, at_least=100,
                          rule="Ask the kind registry, not a kind by name")


def test_the_allow_list_names_files_that_still_need_it() -> None:
    scan.assert_allow_list_needed(ALLOWED, kind_names)


def test_the_scan_finds_a_kind_named_away_from_home(tmp_path: Path) -> None:
    (tmp_path / "activities" / "open_space").mkdir(parents=True)
    home = tmp_path / "activities" / "open_space" / "actions.py"
    home.write_text("a = Activity.objects.filter(kind=Activity.Kind.OPEN_SPACE)\n"
                    "b = activity.kind == 'open_space'\n"
                    "c = activity.kind == Activity.Kind.CONSULTATION\n")
    away = tmp_path / "views.py"
    away.write_text("a = kind_of(activity).has_questions\n"
                    "b = activity.kind == Activity.Kind.OPEN_SPACE\n"
                    "c = activity.kind in ('consultation', 'call_for_ideas')\n"
                    "d = Activity.objects.select_related('open_space', 'opinion_map')\n"
                    "e = Activity.objects.filter(kind='opinion_map')\n"
                    "f = {'consultation': 'a page title'}\n")
    kinds = {"open_space", "consultation", "call_for_ideas", "opinion_map"}
    assert [hit.rsplit(":", 1)[1] for hit in kind_names(home, tmp_path, kinds)] == ["3"]
    found = {int(hit.rsplit(":", 1)[1]) for hit in kind_names(away, tmp_path, kinds)}
    assert found == {2, 3, 4, 5}

"""The shape every "no view does X" scan shares: read a module's syntax tree, name each place a
rule is broken as `path:line`, and fail with the list. A scan only says which nodes break its
rule; how files are read and how places are named is one thing, here."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

HEARD = Path(__file__).resolve().parents[2] / "heard"


def is_request_attr(node: ast.AST, name: str) -> bool:
    """`request.<name>` (`request.method`, `request.POST`, `request.GET`)."""
    return (isinstance(node, ast.Attribute) and node.attr == name
            and isinstance(node.value, ast.Name) and node.value.id == "request")


Parents = dict[ast.AST, ast.AST]


def syntax_tree(path: Path) -> ast.Module:
    """The module's syntax tree. Every scan reads every module of heard/, so a worker parsed
    each one once per scan; trees are parsed once per source text instead (a file changed
    under a test gets its own tree). Scans only read the trees, never change them."""
    return _parse(path.read_text())


@cache
def _parse(source: str) -> ast.Module:
    return ast.parse(source)


@cache
def _parents(tree: ast.Module) -> Parents:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def places(path: Path, root: Path, breaks: Callable[[ast.AST, Parents], bool]) -> list[str]:
    """`path:line` (relative to root) of every node of the module that breaks the rule; a rule
    that depends on where a node stands (an argument of a form's call) reads its parents."""
    tree = syntax_tree(path)
    parents = _parents(tree)
    where = path.relative_to(root).as_posix()
    return [f"{where}:{node.lineno}" for node in ast.walk(tree) if breaks(node, parents)]


def assert_no_places(modules: Iterable[Path], find: Callable[[Path], list[str]], *,
                     allowed: set[str], at_least: int, rule: str) -> None:
    """Fail with every place found outside the allow-list (names relative to heard/); and fail
    when the scan read too few files to mean anything (a moved folder would pass it empty)."""
    modules = [p for p in modules if p.relative_to(HEARD).as_posix() not in allowed]
    assert len(modules) > at_least, f"the scan found {len(modules)} modules: check its folder"
    found = [hit for path in modules for hit in find(path)]
    assert not found, f"{rule}: {found}"


def assert_allow_list_needed(allowed: set[str], find: Callable[[Path], list[str]]) -> None:
    """An allow-list entry whose file no longer breaks the rule is stale and must go."""
    stale = sorted(name for name in allowed if not find(HEARD / name))
    assert not stale, f"no longer need their allow-list entry: {stale}"

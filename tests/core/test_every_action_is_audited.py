"""Every action writes its audit row (DESIGN.md: "Actions for every write (`do_<verb>_<noun>`),
each atomic and audited"). A function named `do_*` anywhere in heard/ must call the audit log's
`record`, itself or through the functions of heard it calls. Calls are followed by name: a
module's own functions, the names it imports from heard (relative imports included) and
`module.function` where the module is one of heard's. Joining an opinion map and starting an
authenticator were the two actions found without their row (decision 0055).

ALLOWED names the actions that write no audit row of their own, each with its reason."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .source_scan import HEARD, syntax_tree

RECORD = ("heard.audit.log", "record")
ALLOWED = {
    # A vote is one of three numbers with no words, cast many times by one person: auditing
    # each would grow the log by every click. Votes are erased with their voter, whose joining
    # and withdrawal are audited (heard/activities/opinion_map/models.py).
    "heard.activities.opinion_map.actions.do_cast_vote",
}

Target = tuple[str, str]  # (module, function)


@dataclass
class Module:
    name: str
    functions: dict[str, ast.FunctionDef] = field(default_factory=dict)
    imported: dict[str, Target] = field(default_factory=dict)  # local name -> its target
    modules: dict[str, str] = field(default_factory=dict)  # local name -> a heard module


def _module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _absolute(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The module an import names, with a relative import resolved against its own module."""
    if not node.level:
        return node.module or ""
    base = module.split(".")
    base = base if is_package else base[:-1]
    base = base[:len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def read_modules(root: Path) -> dict[str, Module]:
    paths = [p for p in root.rglob("*.py") if "migrations" not in p.parts]
    names = {_module_name(p, root) for p in paths}
    found = {}
    for path in paths:
        module = Module(_module_name(path, root))
        tree = syntax_tree(path)
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                module.functions.setdefault(node.name, node)
            elif isinstance(node, ast.ImportFrom):
                source = _absolute(module.name, path.name == "__init__.py", node)
                for alias in node.names:
                    local = alias.asname or alias.name
                    if f"{source}.{alias.name}" in names:
                        module.modules[local] = f"{source}.{alias.name}"
                    elif source in names or source == root.name:
                        module.imported[local] = (source, alias.name)
        found[module.name] = module
    return found


def _calls(module: Module, function: ast.FunctionDef) -> Iterator[Target]:
    for node in ast.walk(function):
        if not isinstance(node, ast.Call):
            continue
        if isinstance(node.func, ast.Name):
            name = node.func.id
            if name in module.functions:
                yield module.name, name
            elif name in module.imported:
                yield module.imported[name]
        elif (isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name)
              and node.func.value.id in module.modules):
            yield module.modules[node.func.value.id], node.func.attr


def unaudited_actions(root: Path = HEARD) -> list[str]:
    modules = read_modules(root)

    @cache
    def audits(target: Target, seen: frozenset[Target] = frozenset()) -> bool:
        if target == RECORD:
            return True
        module = modules.get(target[0])
        if module is None or target in seen or target[1] not in module.functions:
            return False
        return any(audits(called, seen | {target})
                   for called in _calls(module, module.functions[target[1]]))

    return sorted(f"{module.name}.{name}" for module in modules.values()
                  for name in module.functions
                  if name.startswith("do_") and not audits((module.name, name)))


def test_every_action_writes_an_audit_row() -> None:
    found = unaudited_actions()
    assert sorted(set(found) - ALLOWED) == [], "add the action's record(...) call"
    assert sorted(ALLOWED - set(found)) == [], "audited now: take it off ALLOWED"


def test_the_scan_follows_calls_across_modules(tmp_path: Path) -> None:
    root = tmp_path / "heard"
    (root / "audit").mkdir(parents=True)
    (root / "thing").mkdir()
    for package in (root, root / "audit", root / "thing"):
        (package / "__init__.py").write_text("")
    (root / "audit" / "log.py").write_text("def record(actor, action):\n    pass\n")
    (root / "thing" / "helpers.py").write_text(
        "from heard.audit.log import record\n"
        "def noted(actor):\n    record(actor, 'x')\n")
    (root / "thing" / "actions.py").write_text(
        "from ..audit.log import record as log\n"
        "from . import helpers\n"
        "from .helpers import noted\n"
        "def do_direct(actor):\n    log(actor, 'x')\n"
        "def do_through_a_helper(actor):\n    noted(actor)\n"
        "def do_through_a_module(actor):\n    helpers.noted(actor)\n"
        "def do_through_another_action(actor):\n    do_direct(actor)\n"
        "def do_silent(actor):\n    print(actor)\n"
        "def do_round(actor):\n    do_and_back(actor)\n"
        "def do_and_back(actor):\n    do_round(actor)\n")
    assert unaudited_actions(root) == ["heard.thing.actions.do_and_back",
                                       "heard.thing.actions.do_round",
                                       "heard.thing.actions.do_silent"]

"""One view per HTTP verb (issue 13: views only translate HTTP). A view that compares
`request.method` by hand mixes showing a page with acting on it; each verb is its own view
(`require_GET` / `require_POST`) and `heard.core.verbs.by_verb` puts the two at one address.
This scan fails on any `request.method` comparison in a views module."""

from __future__ import annotations

import ast
from pathlib import Path

from . import source_scan as scan
from .source_scan import HEARD, Parents

# Where a view truly cannot be split. Keep this short and say why for each. (Empty now: the
# places that do read the method, heard/core/verbs.py and heard/middleware.py, are not views.)
ALLOWED: set[str] = set()


def _compares_method(node: ast.AST, _parents: Parents) -> bool:
    return isinstance(node, ast.Compare) and any(
        scan.is_request_attr(side, "method") for side in [node.left, *node.comparators])


def method_checks(path: Path, root: Path = HEARD) -> list[str]:
    """Every comparison (`==`, `!=`, `in`, `not in`) with `request.method` on either side."""
    return scan.places(path, root, _compares_method)


def view_modules(root: Path = HEARD) -> list[Path]:
    return sorted(p for p in root.rglob("*.py")
                  if p.name.startswith("views") or p.name.endswith("_views.py")
                  or p.name == "steps.py")


def test_no_view_compares_request_method_by_hand() -> None:
    scan.assert_no_places(view_modules(), method_checks, allowed=ALLOWED, at_least=20,
                     rule="One view per verb (heard.core.verbs.by_verb), not a method check")


def test_the_allow_list_names_files_that_still_need_it() -> None:
    scan.assert_allow_list_needed(ALLOWED, method_checks)


def test_the_scan_finds_every_kind_of_method_check(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    view = tmp_path / "app" / "staff_views.py"
    view.write_text(
        "def fine(request):\n"
        "    form = NameForm(request.POST)\n"
        "    return render(request, 't.html', {'method': request.method})\n"
        "def mixed(request):\n"
        "    if request.method == 'POST':\n"
        "        pass\n"
        "    if 'GET' != request.method:\n"
        "        pass\n"
        "    if request.method in ('GET', 'HEAD'):\n"
        "        pass\n"
        "    return request.method not in {'POST'}\n")
    (tmp_path / "app" / "helpers.py").write_text("x = request.method == 'POST'\n")
    assert [p.name for p in view_modules(tmp_path)] == ["staff_views.py"]
    found = {int(hit.rsplit(":", 1)[1]) for hit in method_checks(view, root=tmp_path)}
    assert found == {5, 7, 9, 11}

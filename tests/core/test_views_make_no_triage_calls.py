"""Views make no triage calls (issue 13: no business rule in a view). Which safety level gets
help at once, which is urgent, which of several is the most worrying: that rule lives in
`heard.contributions.help_now` (and the triage itself in `heard.safety`), where it is tested
without a request. Five views had written it out for themselves (decision 0037). A view module
fails here when it compares a safety level (`x.safety_level == ...`, `level in ("immediate",
"concern")`, `... == Contribution.SafetyLevel.IMMEDIATE`) or filters on one (`safety_level=`)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from . import source_scan as scan
from .source_scan import HEARD, Parents
from .test_views_use_access_helpers import view_modules

LEVELS = {"immediate", "concern"}


def _is_level(node: ast.AST) -> bool:
    return ((isinstance(node, ast.Attribute)
             and (node.attr == "safety_level"
                  or (node.attr.isupper() and ast.unparse(node.value).endswith("SafetyLevel"))))
            or (isinstance(node, ast.Constant) and node.value in LEVELS)
            or (isinstance(node, ast.Tuple | ast.List | ast.Set)
                and any(_is_level(item) for item in node.elts)))


def _triage_call(node: ast.AST, _parents: Parents) -> bool:
    if isinstance(node, ast.Compare):
        return any(_is_level(side) for side in [node.left, *node.comparators])
    return isinstance(node, ast.keyword) and node.arg == "safety_level"


def triage_calls(path: Path, root: Path = HEARD) -> list[str]:
    return scan.places(path, root, _triage_call)


@pytest.mark.django_db
def test_no_view_decides_what_a_safety_level_means() -> None:
    scan.assert_no_places(view_modules(), triage_calls, allowed=set(), at_least=25,
                          rule="Ask heard.contributions.help_now, not a level by hand")


def test_the_scan_finds_every_kind_of_level_test(tmp_path: Path) -> None:
    view = tmp_path / "views.py"
    view.write_text(
        "def fine(request, c):\n"
        "    HELP.remember(request, c.safety_level)\n"
        "    return help_now.is_urgent(c.safety_level), c.kind == 'idea'\n"
        "def by_hand(request, c, level):\n"
        "    a = c.safety_level == 'immediate'\n"
        "    b = level in ('immediate', 'concern')\n"
        "    d = c.level == Contribution.SafetyLevel.IMMEDIATE\n"
        "    e = rows.filter(safety_level=URGENT).exists()\n"
        "    return 'concern' != level\n")
    found = {int(hit.rsplit(":", 1)[1]) for hit in triage_calls(view, root=tmp_path)}
    assert found == {5, 6, 7, 8, 9}

"""A length limit is written once (issue 13: the 20,000-character limit stood in five places).
A column's limit is its model field's `max_length`; a form, an action or the API reads it with
`heard.core.model_parts.longest(Model, "field")`, and a limit with no column (a note kept in a
text column, a code typed at sign-in) is a named constant. So:

- outside `models.py` and migrations, `max_length=` and `min_length=` (above 1) are never a
  number written in place;
- an action never compares `len(...)` with a number written in place, and never cuts what a
  person typed (`text.strip()[:200]`): it refuses a text that is too long, with a message that
  says how long it may be (`heard.core.limits.refuse_long`), so nothing typed is lost.
- no module hands a row or a record a text cut at a number written in place (`label=label[:200]`,
  `theme.label = ...[:200]`): a text the code makes (an error, a generated name) is cut at its
  column's limit read from the field, or at a named length; one a record keeps whole (a reason,
  a file's name, a label erasure looks for) is not cut at all (decision 0057).

Drift is what this prevents: a form that lets 300 characters through to a 200-character column
is cut without a word on SQLite and fails on PostgreSQL."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from heard.core.limits import refuse_long

from . import source_scan as scan
from .source_scan import HEARD, Parents

ALLOWED: set[str] = set()


def _whole(node: ast.AST, above: int) -> bool:
    return (isinstance(node, ast.Constant) and type(node.value) is int
            and node.value > above)


def _limit_written_in_place(node: ast.AST, parents: Parents) -> bool:
    return (isinstance(node, ast.keyword) and node.arg in ("max_length", "min_length")
            and _whole(node.value, 1))


def _length_compared_in_place(node: ast.AST, parents: Parents) -> bool:
    return (isinstance(node, ast.Compare) and isinstance(node.left, ast.Call)
            and isinstance(node.left.func, ast.Name) and node.left.func.id == "len"
            and any(isinstance(op, ast.Gt | ast.GtE) for op in node.ops)
            and any(_whole(value, 1) for value in node.comparators))


def _typed_text_cut(node: ast.AST, parents: Parents) -> bool:
    return (isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice)
            and node.slice.lower is None and node.slice.upper is not None
            and _whole(node.slice.upper, 1)
            and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Attribute)
            and node.value.func.attr == "strip")


def _kept_text_cut_in_place(node: ast.AST, parents: Parents) -> bool:
    """`x[:200]` handed to a row or a record (a keyword argument, or an attribute set): the
    column's limit written again, or a cut that loses what the record should keep."""
    if not (isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice)
            and node.slice.lower is None and node.slice.upper is not None
            and _whole(node.slice.upper, 1)):
        return False
    parent = parents.get(node)
    return isinstance(parent, ast.keyword) or (
        isinstance(parent, ast.Assign) and parent.value is node
        and any(isinstance(target, ast.Attribute) for target in parent.targets))


def find(path: Path, root: Path = HEARD) -> list[str]:
    if path.name == "models.py" or "migrations" in path.parts:
        return []
    found = scan.places(path, root, _limit_written_in_place)
    found += scan.places(path, root, _kept_text_cut_in_place)
    if path.name.endswith("actions.py"):
        found += scan.places(path, root, _length_compared_in_place)
        found += scan.places(path, root, _typed_text_cut)
    return found


def _find(path: Path) -> list[str]:
    return find(path)


def test_every_length_limit_is_read_from_where_it_is_defined():
    scan.assert_no_places(sorted(HEARD.rglob("*.py")), _find, allowed=ALLOWED, at_least=200,
                          rule="read a length limit with longest(Model, field) or a named "
                               "constant, and refuse a long text rather than cut it")


def test_the_scan_finds_each_way_a_limit_is_written_again(tmp_path):
    """The scan itself: each broken shape is found, and the allowed shapes are not."""
    (tmp_path / "forms.py").write_text(
        "title = forms.CharField(max_length=200)\n"
        "name = forms.CharField(max_length=NAME_LENGTH, min_length=1)\n")
    (tmp_path / "actions.py").write_text(
        "def f(title, label):\n"
        "    if len(label) > 80:\n"
        "        raise E()\n"
        "    if len(label) > LIMIT or len(label) < 3:\n"
        "        raise E()\n"
        "    return title.strip()[:200], title.strip()[:LIMIT], title[:1]\n")
    (tmp_path / "runs.py").write_text(
        "Theme.objects.create(label=label[:200], words=words[:LIMIT])\n"
        "theme.label = (label or 'none')[:200]\n"
        "first = rows[:10]\n"
        "shown = {'rows': rows[:300]}\n")
    (tmp_path / "models.py").write_text("title = models.CharField(max_length=200)\n")
    assert find(tmp_path / "forms.py", tmp_path) == ["forms.py:1"]
    assert find(tmp_path / "actions.py", tmp_path) == ["actions.py:2", "actions.py:6"]
    assert sorted(find(tmp_path / "runs.py", tmp_path)) == ["runs.py:1", "runs.py:2"]
    assert find(tmp_path / "models.py", tmp_path) == []


def test_a_text_over_its_limit_is_refused_with_how_long_it_may_be():
    class Refused(Exception):
        pass

    refuse_long(Refused, ("the title", "  " + "a" * 200 + "  ", 200))  # trimmed, it fits
    with pytest.raises(Refused, match="Keep the owner to 1,000 characters or fewer."):
        refuse_long(Refused, ("the title", "short", 200), ("the owner", "b" * 1_001, 1_000))

"""Every POST is read through a form (issue 13: views only translate HTTP). A module that
reads `request.POST` itself (`.get`, `[...]`, `.getlist`, `in`, passing it on to an action or a
template) fails here; handing it to a form's constructor is the one way in. A query string is
read through a form too: picking a value out of `request.GET` by hand (`.get`, `[...]`,
`.getlist`, `in`) fails here (`request.GET[...]` is a 500 on a missing key, and a hand read
decides by itself what a bad value means). Passing the whole query on whole, to a form, to
`paginate` or to a helper that keeps a list's filters in its links, is not a read."""

from __future__ import annotations

import ast
from pathlib import Path

from . import source_scan as scan
from .source_scan import HEARD, Parents

# Where a form truly cannot apply. Keep this short and say why for each.
ALLOWED = {
    # The null-character guard runs before any view, over every value of every post, including
    # names no form declares; it only refuses, it never reads a value to act on.
    "middleware.py",
}


def _reads_get_by_hand(node: ast.AST, parents: Parents) -> bool:
    """`request.GET[...]`, `request.GET.<method>(...)` or `... in request.GET`."""
    if not scan.is_request_attr(node, "GET"):
        return False
    parent = parents.get(node)
    return (isinstance(parent, ast.Subscript | ast.Attribute)
            or (isinstance(parent, ast.Compare) and node in parent.comparators
                and any(isinstance(op, ast.In | ast.NotIn) for op in parent.ops)))


def _into_a_form(post: ast.AST, parents: Parents) -> bool:
    """`SomeForm(request.POST)`, `SomeForm(request.POST or None)`, `SomeForm(x, request.POST)`,
    `SomeForm.for_thing(x, request.POST)`, `form_class(request.POST)`: a positional argument of
    a call whose callee is named as a form."""
    arg = post
    parent = parents.get(arg)
    if isinstance(parent, ast.BoolOp) and parent.values[0] is arg:
        arg, parent = parent, parents.get(parent)
    return (isinstance(parent, ast.Call) and arg in parent.args
            and "form" in ast.unparse(parent.func).lower())


def _hand_read(node: ast.AST, parents: Parents) -> bool:
    return ((scan.is_request_attr(node, "POST") and not _into_a_form(node, parents))
            or _reads_get_by_hand(node, parents))


def hand_read_posts(path: Path, root: Path = HEARD) -> list[str]:
    return scan.places(path, root, _hand_read)


def test_no_module_reads_request_post_outside_a_form() -> None:
    scan.assert_no_places((p for p in sorted(HEARD.rglob("*.py")) if "migrations" not in p.parts),
                     hand_read_posts, allowed=ALLOWED, at_least=100,
                     rule="Read request.POST and query values through a form, not by hand")


def test_the_allow_list_names_files_that_still_need_it() -> None:
    scan.assert_allow_list_needed(ALLOWED, hand_read_posts)


def test_the_scan_tells_a_form_from_a_hand_read(tmp_path: Path) -> None:
    view = tmp_path / "views.py"
    view.write_text(
        "def fine(request):\n"
        "    a = NameForm(request.POST)\n"
        "    b = NameForm(request.POST or None)\n"
        "    c = MergeForm(theme, request.POST)\n"
        "    d = ActivityForm.for_activity(activity, request.POST or None)\n"
        "    return form_class(request.POST)\n"
        "def hand(request):\n"
        "    a = request.POST.get('name', '')\n"
        "    b = request.POST['name']\n"
        "    c = request.POST.getlist('codes')\n"
        "    d = 'yes' in request.POST\n"
        "    e = do_save(thing, request.POST)\n"
        "    f = render(request, 't.html', {'typed': request.POST})\n"
        "    g = request.GET['page']\n"
        "    h = request.GET.get('page', '')\n"
        "    i = request.GET.getlist('codes')\n"
        "    j = 'page' in request.GET\n"
        "    return NameForm(data=request.POST)\n"
        "def query(request):\n"
        "    a = FilterForm(request.GET or None)\n"
        "    b = paginate(rows, request.GET, 50)\n"
        "    return ResponseForm(initial=request.GET), kept_query(request.GET)\n")
    found = {int(hit.rsplit(":", 1)[1]) for hit in hand_read_posts(view, root=tmp_path)}
    assert found == set(range(8, 19))

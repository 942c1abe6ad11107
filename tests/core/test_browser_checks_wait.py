"""Browser tests check what a page shows with Playwright's `expect(...)`, which waits for the page
to get there (issue 13: `assert locator.is_visible()` does not wait; one failed, then passed, on
the same code). An `assert` on a state method (`is_visible()`, `is_checked()` …) or on
`page.url` reads the page once, at whatever moment the browser has reached. A snapshot still has
its place after the page has loaded: a story's words checked absent from the whole HTML
(`page.content()`), or an attribute the server wrote."""

from __future__ import annotations

import ast
from pathlib import Path

from . import source_scan as scan
from .source_scan import Parents

BROWSER_TESTS = Path(__file__).resolve().parents[1] / "browser"
STATES = {"is_visible", "is_hidden", "is_checked", "is_enabled", "is_disabled", "is_editable"}


def _reads_once(node: ast.AST) -> bool:
    return any((isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute)
                and inner.func.attr in STATES)
               or (isinstance(inner, ast.Attribute) and inner.attr == "url"
                   and isinstance(inner.value, ast.Name) and inner.value.id == "page"
                   and not _only_a_key(inner, node))
               for inner in ast.walk(node))


def _only_a_key(url: ast.Attribute, test: ast.AST) -> bool:
    """`results[page.url]`: the address names what is checked; it is not the check."""
    return any(isinstance(n, ast.Subscript) and n.slice is url for n in ast.walk(test))


def _waitless_assert(node: ast.AST, _parents: Parents) -> bool:
    return isinstance(node, ast.Assert) and _reads_once(node.test)


def waitless_asserts(path: Path, root: Path = BROWSER_TESTS) -> list[str]:
    return scan.places(path, root, _waitless_assert)


def test_browser_tests_wait_for_what_they_check() -> None:
    modules = sorted(BROWSER_TESTS.glob("test_*.py"))
    assert len(modules) > 25, f"found {len(modules)} browser test modules: check the folder"
    found = [hit for path in modules for hit in waitless_asserts(path)]
    assert found == [], f"use expect(...) so the check waits: {found}"


def test_the_scan_finds_each_read_once(tmp_path: Path) -> None:
    module = tmp_path / "test_page.py"
    module.write_text(
        "def test_it(page, results):\n"
        "    expect(page.get_by_role('button')).to_be_visible()\n"
        "    assert results[page.url] == []\n"
        "    assert STORY not in page.content()\n"
        "    assert page.get_by_role('button').is_visible()\n"
        "    assert not page.locator('#x').is_checked()\n"
        "    assert page.url.endswith('/done/')\n"
        "    assert 'order=oldest' in page.url\n")
    found = {int(hit.rsplit(":", 1)[1]) for hit in waitless_asserts(module, root=tmp_path)}
    assert found == {5, 6, 7, 8}

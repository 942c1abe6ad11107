"""Each thing Heard remembers in a session has one key, defined once (issue 13: five helpers
remembered a participant in the session, each with its own copy). The receipt a browser holds
was `"receipt_id"` in three modules, and the share journey's hand-over to its "done" page was
written out in two; a copy that drifts reads nothing, silently. This scan fails when two
module-level `..._KEY = "<value>"` lines give the same value: import the one that exists."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from .source_scan import HEARD, syntax_tree


def session_keys(root: Path = HEARD) -> dict[str, list[str]]:
    """Each key's value -> where it is defined (`path:line`)."""
    found: dict[str, list[str]] = defaultdict(list)
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in syntax_tree(path).body:
            if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
                    and isinstance(node.value.value, str)
                    and any(isinstance(t, ast.Name) and t.id.endswith("_KEY")
                            for t in node.targets)):
                found[node.value.value].append(f"{path.relative_to(root).as_posix()}:"
                                               f"{node.lineno}")
    return found


def test_every_session_key_is_defined_once() -> None:
    keys = session_keys()
    # Send's hand-over keys are among them, or the scan is not reading heard/.
    assert {"new_receipt_code", "new_receipt_urgent"} <= keys.keys() and len(keys) >= 8, \
        f"the scan found {sorted(keys)}: check its folder"
    twice = {value: where for value, where in keys.items() if len(where) > 1}
    assert not twice, f"Session keys defined more than once; import the first: {twice}"


def test_the_scan_finds_a_key_written_twice(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text('RECEIPT_SESSION_KEY = "receipt_id"\nOTHER = "receipt_id"\n')
    (tmp_path / "b.py").write_text('MY_RECEIPT_KEY = "receipt_id"\n'
                                   'NEW_KEY = a.RECEIPT_SESSION_KEY\n'
                                   'def f():\n    LOCAL_KEY = "receipt_id"\n')
    assert session_keys(tmp_path) == {"receipt_id": ["a.py:1", "b.py:1"]}

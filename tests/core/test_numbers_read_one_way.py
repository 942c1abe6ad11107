"""A number is read from text one way: `heard.core.numbers.whole_number` (ASCII digits only).
`str.isdigit` says yes to "²", "①" and "٣": a module that tested a posted value with it and then
called `int` answered "²" with a server error (the wellbeing survey, the moderation queue's
pages, the influence question, Open Space's ids). So no module calls `.isdigit()` but the one
that reads numbers, and the redaction recognisers, which test the characters of a person's own
words (a phone or NHS number) rather than read a number someone chose."""

from __future__ import annotations

import ast
from pathlib import Path

from . import source_scan as scan
from .source_scan import HEARD, Parents

ALLOWED = {
    "core/numbers.py",  # the one reading
    # Characters of the words being redacted. The NHS check's `int(d)` reads digits that `\d`
    # has already kept to decimal ones, which `int` always reads.
    "safety/redaction/recognisers/identifiers.py",
    "safety/redaction/recognisers/contact.py",
    "safety/redaction/recognisers/address.py",
}


def _calls_isdigit(node: ast.AST, parents: Parents) -> bool:
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "isdigit")


def _find(path: Path) -> list[str]:
    return scan.places(path, HEARD, _calls_isdigit)


def test_no_module_reads_a_number_with_isdigit():
    scan.assert_no_places(sorted(HEARD.rglob("*.py")), _find, allowed=ALLOWED, at_least=200,
                          rule="read numbers with heard.core.numbers.whole_number, not isdigit")


def test_every_allowed_module_still_needs_it():
    scan.assert_allow_list_needed(ALLOWED, _find)

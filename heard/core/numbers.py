"""Whole numbers from what people type or send: ids, scores, answers, page numbers, counts.
Pure: no Django.

`str.isdigit` is not the test for them. It is true for superscripts and circled numbers ("²",
"①"), which `int` refuses with a ValueError, so a page that tested `isdigit` and then called
`int` answered a stray "²" with a server error. It is also true for other scripts' digits
("٣"), which `int` reads; no form of ours sends those, and a number we did not offer is
better refused than guessed at. So only the ASCII digits 0-9 count."""

from __future__ import annotations

# Nine digits stay below 2**31, the smallest integer column a database here may have: a larger
# id in a query is a database error (an overflow), where it should simply find nothing.
ID_DIGITS = 9


def whole_number(raw: object, most_digits: int = ID_DIGITS) -> int | None:
    """The whole number ``raw`` spells in the digits 0-9 (spaces around them ignored, as when a
    number is typed), or None for anything else: blank, signs, decimals, other digits, or more
    than ``most_digits`` digits."""
    text = str(raw).strip() if raw is not None else ""
    if not text or len(text) > most_digits or not (text.isascii() and text.isdigit()):
        return None
    return int(text)


def row_number(raw: object) -> int:
    """A row id from a form or query string, or 0 (which no row has) for anything else, so a
    lookup with it simply finds nothing."""
    return whole_number(raw) or 0

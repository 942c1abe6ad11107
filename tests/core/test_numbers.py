"""Whole numbers from what people type or send (heard/core/numbers.py): only the digits 0-9.
`str.isdigit` also says yes to "²" and "①", which `int` refuses: pages that trusted it answered
a stray superscript with a server error (tests/core/test_stray_digits.py)."""

from __future__ import annotations

import pytest

from heard.core.numbers import row_number, whole_number


@pytest.mark.parametrize("raw, expected", [
    ("0", 0), ("7", 7), ("007", 7), (" 12 ", 12), ("123456789", 123_456_789), (42, 42)])
def test_ascii_digits_are_read(raw, expected):
    assert whole_number(raw) == expected


@pytest.mark.parametrize("raw", [
    None, "", "  ", "-1", "+1", "1.5", "1e3", "x", "1 2", "²", "①", "٣", "１", "1234567890"])
def test_anything_else_is_no_number(raw):
    assert whole_number(raw) is None


def test_the_number_of_digits_allowed_can_be_set():
    assert whole_number("12345", most_digits=4) is None
    assert whole_number("1234", most_digits=4) == 1234
    assert whole_number("9" * 18, most_digits=18) == 10**18 - 1


def test_a_row_number_is_0_for_anything_that_is_no_id():
    assert row_number("12") == 12
    assert [row_number(raw) for raw in (None, "", "²", "-1", "9" * 30)] == [0] * 5

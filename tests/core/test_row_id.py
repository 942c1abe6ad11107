"""A posted row id (which statement, action or reference a button is about): a whole number from
1 up to the bound, so junk is refused by the form and never reaches a query."""

from __future__ import annotations

import pytest
from django import forms

from heard.core.posted import row_id


class _Form(forms.Form):
    row = row_id()


class _OptionalForm(forms.Form):
    row = row_id(required=False)


@pytest.mark.parametrize("posted, expected", [("1", 1), ("2147483647", 2**31 - 1)])
def test_an_id_in_range_is_read_as_a_number(posted, expected):
    form = _Form({"row": posted})
    assert form.is_valid() and form.cleaned_data["row"] == expected


@pytest.mark.parametrize("posted", ["0", "-3", "2147483648", "99999999999999999999999", "1.5",
                                    "x", ""])
def test_junk_or_a_number_out_of_range_is_refused(posted):
    assert not _Form({"row": posted}).is_valid()


def test_an_optional_id_may_be_left_out():
    form = _OptionalForm({})
    assert form.is_valid() and form.cleaned_data["row"] is None

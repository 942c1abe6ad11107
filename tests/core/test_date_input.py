"""Dates are typed the GOV.UK way everywhere: three boxes and precise messages."""

from __future__ import annotations

from datetime import date

import pytest
from django import forms

from heard.date_input import DateInputField, parse_date_parts


class DueForm(forms.Form):
    due = DateInputField(subject="The due date")


def _errors(day: str, month: str, year: str) -> list[str]:
    form = DueForm({"due-day": day, "due-month": month, "due-year": year})
    assert not form.is_valid()
    return form.errors["due"]


def test_three_boxes_make_a_date_and_month_names_are_accepted():
    form = DueForm({"due-day": "31", "due-month": "Mar", "due-year": "2027"})
    assert form.is_valid() and form.cleaned_data["due"] == date(2027, 3, 31)
    assert parse_date_parts("1", "12", "2027", subject="It") == date(2027, 12, 1)


def test_empty_is_none_when_optional():
    form = DueForm({"due-day": "", "due-month": "", "due-year": ""})
    assert form.is_valid() and form.cleaned_data["due"] is None


@pytest.mark.parametrize(("parts", "message"), [
    (("31", "", "2027"), "The due date must include a month."),
    (("", "", "2027"), "The due date must include a day and a month."),
    (("31", "2", "2027"), "The due date must be a real date."),
    (("x", "2", "2027"), "The due date must be a real date."),
    (("1", "²", "2027"), "The due date must be a real date."),
    (("1", "2", "²⁰²⁷"), "The due date must be a real date."),
    (("1", "2", "20271"), "The year must include 4 numbers."),
    (("1", "2", "27"), "The year must include 4 numbers."),
])
def test_each_mistake_gets_its_own_message(parts, message):
    assert _errors(*parts) == [message]

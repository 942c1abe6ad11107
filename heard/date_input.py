"""Dates typed the GOV.UK way: three boxes (day, month, year), one way everywhere.

GOV.UK's date input pattern asks for the parts separately, accepts month names as well as
numbers, and says exactly what is wrong ("must include a month", "must be a real date").
Render it with templates/includes/date_input.html.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from heard.core.numbers import whole_number

PARTS = ("day", "month", "year")
MONTH_NAMES = {name: number for number, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
    ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
    ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
    ("dec", "december")), start=1) for name in names}


class DateInputWidget(forms.MultiWidget):
    """Three text boxes named ``<name>-day``, ``<name>-month`` and ``<name>-year``."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()], attrs)
        self.widgets_names = [f"-{part}" for part in PARTS]

    def decompress(self, value: Any) -> list[str]:
        if isinstance(value, date):
            return [str(value.day), str(value.month), str(value.year)]
        return ["", "", ""]


class DateInputField(forms.MultiValueField):
    widget = DateInputWidget

    def __init__(self, *, subject: str, required: bool = False, **kwargs: Any) -> None:
        # ``subject`` names the date in messages, e.g. "The due date".
        self.subject = subject
        parts = (forms.CharField(required=False), forms.CharField(required=False),
                 forms.CharField(required=False))
        super().__init__(parts, required=required, require_all_fields=False,
                         error_messages={"required": f"Enter {subject[0].lower()}"
                                                     f"{subject[1:]}.",
                                         "incomplete": f"Enter {subject.lower()}."},
                         **kwargs)

    def compress(self, data_list: list[str]) -> date | None:
        if not data_list or not any((part or "").strip() for part in data_list):
            return None
        return parse_date_parts(*[(part or "").strip() for part in data_list],
                                subject=self.subject)


def parse_date_parts(day: str, month: str, year: str, *, subject: str) -> date:
    missing = [name for name, value in zip(PARTS, (day, month, year), strict=True) if not value]
    if missing:
        raise forms.ValidationError(f"{subject} must include a {' and a '.join(missing)}.")
    month_number = MONTH_NAMES.get(month.lower(), whole_number(month))
    # A year of any length is read, so a five-digit one gets the message about its length.
    day_number, year_number = whole_number(day), whole_number(year, most_digits=18)
    if month_number is None or day_number is None or year_number is None:
        raise forms.ValidationError(f"{subject} must be a real date.")
    if len(year.strip()) != 4:
        raise forms.ValidationError("The year must include 4 numbers.")
    try:
        return date(year_number, month_number, day_number)
    except ValueError:
        raise forms.ValidationError(f"{subject} must be a real date.") from None


def date_parts(value: Any) -> list[str]:
    """What to show in the three boxes: what was typed, or the stored date."""
    if isinstance(value, date):
        return [str(value.day), str(value.month), str(value.year)]
    if isinstance(value, list | tuple) and len(value) == 3:
        return ["" if part is None else str(part) for part in value]
    return ["", "", ""]

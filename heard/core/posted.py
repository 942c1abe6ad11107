"""Form fields for posts whose rules live in the audited actions, not in the form.

The form only turns what was posted into plain values; what may be written, when and by whom,
and the message when it may not, stay in the action, so a junk post reaches the same clear
refusal as a mistaken one and a form never invents a message of its own."""

from __future__ import annotations

from django import forms


class RawText(forms.CharField):
    """Text passed on as typed: not stripped and without the form's own null-character check,
    because the action decides what blank, too long and junk mean, in its own words."""

    def __init__(self) -> None:
        super().__init__(required=False, strip=False)
        self.validators = []


def row_id(*, required: bool = True) -> forms.IntegerField:
    """Which row a button is about (a statement, an action, a reference figure), by its id: a
    whole number from 1. The upper bound keeps a junk number out of the query, where one past
    the database's integer range is an error rather than "not found"; it is far above any id
    Heard gives out."""
    return forms.IntegerField(min_value=1, max_value=2**31 - 1, required=required)


class AnyChoices(forms.MultipleChoiceField):
    """Every posted value is passed on: the action refuses one that is not on its list."""

    def __init__(self) -> None:
        super().__init__(required=False)

    def valid_value(self, value: object) -> bool:
        return True


class PostedForm(forms.Form):
    """A form whose every field is optional, read back with ``value`` and ``values``."""

    def value(self, name: str) -> str:
        self.is_valid()
        return str(getattr(self, "cleaned_data", {}).get(name) or "")

    def given(self, name: str) -> bool:
        """Whether the field was sent at all: an empty answer can be a choice of its own."""
        return name in self.data

    def values(self, name: str) -> list[str]:
        self.is_valid()
        return list(getattr(self, "cleaned_data", {}).get(name) or [])


class TypedForm(forms.Form):
    """What was posted, only to put back in the boxes after a refusal. Nothing is read from it
    to decide or write anything: each step's own form does that."""

    def typed(self) -> dict[str, str]:
        # A box shows one value; for a repeated name that is the last one sent, as a QueryDict
        # gives it.
        return {name: str(value) for name, value in self.data.items()}


class ConfirmForm(forms.Form):
    """A destructive step the person must tick "yes" to."""

    confirm = forms.ChoiceField(choices=[("yes", "yes")])

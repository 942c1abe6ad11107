"""Forms for the analyst's theme edits: one per verb. They check the choice is real; the actions
check everything else and give the message the analyst sees."""

from __future__ import annotations

from typing import Any

from django import forms

from .models import Assignment, Theme

MERGE_CHOICE = "Choose a theme to merge into."
MOVE_CHOICE = "Choose a contribution and a theme to move it to."


def _choice(queryset: Any, message: str) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(queryset=queryset, error_messages={
        "required": message, "invalid_choice": message, "invalid": message})


class RenameForm(forms.Form):
    # The action decides what a usable name is (and says so), so the form takes any text.
    label = forms.CharField(required=False, strip=False)


class _Confirmable(forms.Form):
    confirm = forms.CharField(required=False)

    def confirmed(self) -> bool:
        """Merging and splitting are said yes to on a page of their own first."""
        return self.data.get("confirm") == "yes"


class MergeForm(_Confirmable):
    def __init__(self, theme: Theme, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"] = _choice(theme.run.themes.exclude(pk=theme.pk), MERGE_CHOICE)


class SplitForm(_Confirmable):
    pass


class MoveForm(forms.Form):
    def __init__(self, theme: Theme, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"] = _choice(theme.run.themes.exclude(pk=theme.pk), MOVE_CHOICE)
        self.fields["assignment"] = _choice(Assignment.objects.filter(theme=theme), MOVE_CHOICE)


def first_error(form: forms.Form) -> str:
    return str(next(iter(form.errors.values()))[0])

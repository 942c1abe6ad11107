"""Forms for the analyst's theme edits: one per verb. They check the choice is real; the actions
check everything else and give the message the analyst sees."""

from __future__ import annotations

from typing import Any

from django import forms

from heard.activities.models import Activity
from heard.contributions.models import Contribution
from heard.core.numbers import row_number, whole_number
from heard.core.posted import AnyChoices, PostedForm, RawText

from .codebook import codable
from .models import Assignment, Code, Theme

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


class RunForm(forms.Form):
    """What to analyse: all activities or one, which embedder, and how many themes (empty:
    let the clustering choose). The action checks the embedder and the number's range."""

    scope = forms.CharField(required=False, strip=False)
    embedder = RawText()
    k = forms.CharField(required=False)

    def clean_scope(self) -> Activity | None:
        # No scope sent is everything; an empty or unknown one is a choice not on the list.
        slug = self.cleaned_data["scope"] if "scope" in self.data else "all"
        if slug == "all":
            return None
        activity = Activity.objects.filter(slug=slug).first()
        if activity is None:
            raise forms.ValidationError("Choose what to analyse from the list.")
        return activity

    def clean_k(self) -> int | None:
        raw = self.cleaned_data["k"]
        k = whole_number(raw, most_digits=6)
        if raw and k is None:
            raise forms.ValidationError(
                "The number of themes must be a whole number, or left empty.")
        return k


class CodeForm(PostedForm):
    """A code's name, definition and examples; the codebook actions say what is missing."""

    name = RawText()
    definition = RawText()
    examples = RawText()

    def typed(self) -> dict[str, str]:
        return {field: self.value(field) for field in ("name", "definition", "examples")}


class CodingForm(forms.Form):
    """One contribution's ticked codes, and the list filters to go back to afterwards."""

    filters = RawText()
    contribution = RawText()
    codes = AnyChoices()

    def clean_contribution(self) -> Contribution:
        found = codable().filter(pk=row_number(self.cleaned_data["contribution"])).first()
        if found is None:
            raise forms.ValidationError(
                "This contribution cannot be coded: it has been withdrawn, "
                "or it is not shared for analysis.")
        return found

    def clean_codes(self) -> list[Code]:
        raw = self.cleaned_data["codes"]
        codes = list(Code.objects.filter(pk__in=[row_number(r) for r in raw]))
        if len(codes) != len(set(raw)):
            raise forms.ValidationError(
                "Choose codes from the list. One of them no longer exists.")
        return codes


def first_error(form: forms.Form) -> str:
    return str(next(iter(form.errors.values()))[0])


class CodingFilterForm(PostedForm):
    """The coding page's query: ?activity=<slug>, ?uncoded=1 for what this analyst has not
    coded yet, ?page= for the paginator."""

    activity = RawText()
    uncoded = forms.ChoiceField(choices=[("1", "1")], required=False)
    page = RawText()


class RunFormatForm(PostedForm):
    """?format=json asks a run's page for its progress alone, for the page that polls it."""

    format = forms.ChoiceField(choices=[("json", "json")], required=False)

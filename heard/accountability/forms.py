from __future__ import annotations

from typing import Any

from django import forms

from heard.core.limits import NOTE_MAX_LENGTH
from heard.core.model_parts import longest
from heard.core.posted import row_id
from heard.date_input import DateInputField

from . import subjects
from .models import BODY_MAX_LENGTH, Action, Response

RESPONSE_TITLE = longest(Response, "title")

SUBJECTS = [("activity", "An activity as a whole"), ("idea", "One idea"),
            ("theme", "A theme found in what people said")]


class ResponseForm(forms.Form):
    """What is being answered is chosen from lists: activities, ideas by their redacted words,
    themes by label and size. Nothing is typed, so nothing can be mistyped."""

    subject = forms.ChoiceField(choices=SUBJECTS, required=False, error_messages={
        "invalid_choice": "Choose what you are answering."})
    activity = forms.ChoiceField(required=False, error_messages={
        "invalid_choice": "Choose an activity from the list."})
    idea = forms.ChoiceField(required=False, error_messages={
        "invalid_choice": "Choose an idea from the list."})
    theme = forms.ChoiceField(required=False, error_messages={
        "invalid_choice": "Choose a theme from the list."})
    title = forms.CharField(max_length=RESPONSE_TITLE,
                            error_messages={"required": "Give it a title."})
    body = forms.CharField(max_length=BODY_MAX_LENGTH,
                           error_messages={"required": "Say what you heard and what you are "
                                                       "doing about it."})
    # Optional Welsh wording: Welsh pages and emails to people who used Welsh show it.
    title_cy = forms.CharField(max_length=RESPONSE_TITLE, required=False, error_messages={
        "max_length": f"Keep the Welsh title to {RESPONSE_TITLE} characters or fewer."})
    body_cy = forms.CharField(max_length=BODY_MAX_LENGTH, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.activities = subjects.answerable_activities()
        self.idea_groups = subjects.idea_choices()
        self.theme_groups = subjects.theme_choices()
        self.fields["activity"].choices = [  # type: ignore[attr-defined]
            ("", "Choose an activity"), *[(a.slug, a.title) for a in self.activities]]
        self.fields["idea"].choices = [("", "Choose an idea"), *self.idea_groups]  # type: ignore[attr-defined]
        self.fields["theme"].choices = [("", "Choose a theme"), *self.theme_groups]  # type: ignore[attr-defined]

    def clean(self) -> dict:
        data = super().clean() or {}
        subject = data.get("subject") or self._inferred_subject(data)
        data["subject"] = subject
        needed = {"activity": ("activity", "Choose an activity."),
                  "idea": ("idea", "Choose the idea you are answering."),
                  "theme": ("theme", "Choose the theme you are answering.")}[subject]
        if needed[0] not in self.errors and not data.get(needed[0]):
            self.add_error(needed[0], needed[1])
        return data

    @staticmethod
    def _inferred_subject(data: dict) -> str:
        return "theme" if data.get("theme") else "idea" if data.get("idea") else "activity"


class ActionForm(forms.Form):
    title = forms.CharField(label="Action", max_length=longest(Action, "title"),
                            error_messages={"required": "Name the action."})
    owner = forms.CharField(label="Owner (a team or role)", max_length=longest(Action, "owner"),
                            error_messages={"required": "Name the team or role that owns it."})
    # A new action starts as agreed unless the lead picks another status.
    status = forms.ChoiceField(choices=Action.Status.choices, initial=Action.Status.AGREED,
                               error_messages={"invalid_choice": "Choose a status from the list.",
                                               "required": "Choose a status."})
    due_date = DateInputField(subject="The due date")
    progress = forms.IntegerField(label="Progress (%)", min_value=0, max_value=100, initial=0,
                                  error_messages={"required": "Enter the progress, 0 to 100.",
                                                  "min_value": "Progress is 0 to 100.",
                                                  "max_value": "Progress is 0 to 100.",
                                                  "invalid": "Progress is 0 to 100."})
    reason = forms.CharField(label="Reason (if not taking it forward)", required=False,
                             max_length=NOTE_MAX_LENGTH)
    title_cy = forms.CharField(label="Action in Welsh (optional)",
                               max_length=longest(Action, "title_cy"),
                               required=False)
    owner_cy = forms.CharField(label="Owner in Welsh (optional)",
                               max_length=longest(Action, "owner_cy"),
                               required=False)
    reason_cy = forms.CharField(label="Reason in Welsh (optional)", required=False,
                                max_length=NOTE_MAX_LENGTH)


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(choices=Action.Status.choices,
                               error_messages={"invalid_choice": "Choose a status from the list.",
                                               "required": "Choose a status."})
    progress = forms.IntegerField(min_value=0, max_value=100,
                                  error_messages={"required": "Enter the progress, 0 to 100.",
                                                  "min_value": "Progress is 0 to 100.",
                                                  "max_value": "Progress is 0 to 100.",
                                                  "invalid": "Progress is 0 to 100."})
    note = forms.CharField(required=False, max_length=NOTE_MAX_LENGTH)
    reason = forms.CharField(required=False, max_length=NOTE_MAX_LENGTH)
    note_cy = forms.CharField(required=False, max_length=NOTE_MAX_LENGTH)
    reason_cy = forms.CharField(required=False, max_length=NOTE_MAX_LENGTH)


class ResponseWelshForm(forms.Form):
    """The Welsh wording of a published response, and one box per action (action_cy-<id>)."""
    title_cy = forms.CharField(required=False, max_length=RESPONSE_TITLE, error_messages={
        "max_length": f"Keep the Welsh title to {RESPONSE_TITLE} characters or fewer."})
    body_cy = forms.CharField(required=False, max_length=BODY_MAX_LENGTH)

    def action_titles(self, action_ids: list[int]) -> dict[int, str]:
        return self._per_action("action_cy", action_ids)

    def action_owners(self, action_ids: list[int]) -> dict[int, str]:
        """The owners' Welsh (owner_cy-<id>)."""
        return self._per_action("owner_cy", action_ids)

    def _per_action(self, name: str, action_ids: list[int]) -> dict[int, str]:
        return {pk: str(self.data.get(f"{name}-{pk}", "")) for pk in action_ids
                if f"{name}-{pk}" in self.data}


class ActionChoiceForm(forms.Form):
    """Which of the response's actions an update is for."""
    action = row_id()

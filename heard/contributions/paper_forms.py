"""The staff form for typing in a returned paper form. There is no file field, on purpose: a
scan or photo of a form is never taken in or stored."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from heard.activities.models import Activity
from heard.core.vocab import KINDS

from .actions import NewContribution
from .assisted import HOW_WORDS
from .models import Contribution
from .paper import activity_for_form_code, normalise_form_code, perspective_rows

# A form code is a few characters; this leaves room for what people type around it.
FORM_CODE_MAX_LENGTH = 20
TICKED = "Ticked on the form"


class PaperResponseForm(forms.Form):
    form_code = forms.CharField(
        max_length=FORM_CODE_MAX_LENGTH, label="Form code",
        error_messages={"required": "Enter the form code from the top of the paper form."},
    )
    kind = forms.ChoiceField(
        choices=[(code, label) for code, label, _ in KINDS], widget=forms.RadioSelect,
        initial="story", label="What is it about?",
        error_messages={"required": "Choose what the form is about.",
                        "invalid_choice": "Choose what the form is about."},
    )
    perspectives = forms.MultipleChoiceField(
        choices=perspective_rows(), required=False, widget=forms.CheckboxSelectMultiple,
        label="Who they are",
        error_messages={"invalid_choice": "Choose who they are from the list on the form."},
    )
    text = forms.CharField(
        strip=False, widget=forms.Textarea, label="Their words",
        error_messages={"required": "Type the words written on the form."},
    )
    helper_role = forms.ChoiceField(
        choices=Contribution.HelperRole.choices, required=False, label="Who helped",
        error_messages={"invalid_choice": "Choose who helped from the list."},
    )
    capture_mode = forms.ChoiceField(
        choices=list(HOW_WORDS), required=False, label="How the helper wrote it",
        error_messages={"invalid_choice": "Choose how the helper wrote it from the list."},
    )
    consent_analysis = forms.BooleanField(required=False, label="Read it with what others said")
    consent_quote = forms.BooleanField(required=False, label="Use some words in reports")
    consent_publish = forms.BooleanField(required=False, label="Put the words on the website")
    wants_code = forms.BooleanField(required=False, label="They asked for a code")

    def clean_form_code(self) -> Activity:
        typed = self.cleaned_data["form_code"]
        code = normalise_form_code(typed)
        activity = activity_for_form_code(code) if code else None
        if activity is None:
            raise forms.ValidationError(
                f"No activity has the form code “{typed.strip()[:20]}”. Check the code at the "
                "top of the paper form: it has 6 letters and numbers, like KD4TXA.")
        return activity

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        limit = settings.HEARD_MAX_TEXT_LENGTH
        if not text.strip():
            raise forms.ValidationError("Type the words written on the form.")
        if len(text) > limit:
            raise forms.ValidationError(f"The words must be {limit:,} characters or fewer. "
                                        f"They are {len(text):,} characters now.")
        return text

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("helper_role") and not data.get("capture_mode"):
            self.add_error("capture_mode", "Choose how the helper wrote it.")
        if data.get("capture_mode") and not data.get("helper_role"):
            self.add_error("helper_role", "Choose who helped, or leave how they wrote it empty.")
        return data

    def activity(self) -> Activity:
        activity: Activity = self.cleaned_data["form_code"]
        return activity

    def new_contribution(self) -> NewContribution:
        data = self.cleaned_data
        return NewContribution(
            kind=data["kind"], text=data["text"], perspectives=tuple(data["perspectives"]),
            consents={p: bool(data[f"consent_{p}"]) for p in ("analysis", "quote", "publish")},
            helper_role=data["helper_role"] or Contribution.HelperRole.NONE,
            capture_mode=data["capture_mode"] or Contribution.CaptureMode.OWN_WORDS,
        )

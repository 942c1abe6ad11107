from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from heard.core.vocab import (
    AGE_BANDS,
    AGE_JOURNEYS,
    DISABILITY,
    ETHNICITIES,
    GENDERS,
    KINDS,
    PERSPECTIVE_ROWS,
)
from heard.people.local_authorities import LOCAL_AUTHORITIES
from heard.people.models import normalise_receipt_code

# The empty choice means "skipped"; "Prefer not to say" is an answer of its own, worded the
# same on every page.
NOT_ANSWERED = ("", "Choose an answer, or leave this")


class AgeForm(forms.Form):
    """The share journey's first question; the answer picks the wording of the rest."""
    age_journey = forms.ChoiceField(
        choices=[(band, band) for band in AGE_JOURNEYS], widget=forms.RadioSelect,
        error_messages={"required": _("Choose how old you are, or 'I'd rather not say'."),
                        "invalid_choice": _("Choose how old you are, or 'I'd rather not say'.")},
    )


class WhoForm(forms.Form):
    perspectives = forms.MultipleChoiceField(
        choices=[(code, label) for code, label, _ in PERSPECTIVE_ROWS],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one, or choose 'Prefer not to say'."},
        required=False,
    )
    rather_not_say = forms.BooleanField(required=False)

    def clean(self) -> dict:
        data = super().clean() or {}
        if not data.get("perspectives") and not data.get("rather_not_say"):
            raise forms.ValidationError(
                "Choose at least one, or choose 'Prefer not to say'.", code="required"
            )
        if data.get("perspectives") and data.get("rather_not_say"):
            raise forms.ValidationError(
                "Choose who you are, or 'Prefer not to say', but not both.", code="both"
            )
        return data


class WhatForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[(code, label) for code, label, _ in KINDS],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what you want to share.",
                        "invalid_choice": "Choose what you want to share."},
    )


class WriteForm(forms.Form):
    title = forms.CharField(
        required=False, max_length=200,
        error_messages={"max_length": "The title must be 200 characters or fewer."},
    )
    text = forms.CharField(
        strip=False,
        error_messages={"required": "Write what you want to share."},
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        limit = settings.HEARD_MAX_TEXT_LENGTH
        if not text.strip():
            raise forms.ValidationError("Write what you want to share.")
        if len(text) > limit:
            raise forms.ValidationError(
                f"What you write must be {limit:,} characters or fewer. "
                f"It is {len(text):,} characters now."
            )
        return text


class ShareWriteForm(WriteForm):
    """The share journey's words, and for the age bands that are asked it, the five faces."""
    home_feeling = forms.TypedChoiceField(
        choices=[(str(n), str(n)) for n in range(1, 6)], coerce=int, empty_value=None,
        required=False, widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the faces, or skip the question.")},
    )


def _consent_question(which: str) -> forms.ChoiceField:
    """Each unanswered question says which one it is, so the error summary never repeats the
    same words three times."""
    return forms.ChoiceField(
        choices=[("yes", "Yes"), ("no", "No")], widget=forms.RadioSelect,
        error_messages={"required": f"Choose yes or no: {which}",
                        "invalid_choice": f"Choose yes or no: {which}"},
    )


class ConsentForm(forms.Form):
    consent_analysis = _consent_question("can we read it together with what other people said?")
    consent_quote = _consent_question("can we quote some of your words in reports?")
    consent_publish = _consent_question("can we show what you wrote on this website?")

    def consents(self) -> dict[str, bool]:
        return {
            purpose: self.cleaned_data[f"consent_{purpose}"] == "yes"
            for purpose in ("analysis", "quote", "publish")
        }


def _optional(choices: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    return [NOT_ANSWERED, *choices]


class AboutYouForm(forms.Form):
    age_band = forms.ChoiceField(choices=_optional(AGE_BANDS), required=False)
    gender = forms.ChoiceField(choices=_optional(GENDERS), required=False)
    ethnicity = forms.ChoiceField(choices=_optional(ETHNICITIES), required=False)
    disability = forms.ChoiceField(choices=_optional(DISABILITY), required=False)
    local_authority = forms.ChoiceField(
        choices=[NOT_ANSWERED, *[(name, name) for name in LOCAL_AUTHORITIES],
                 ("prefer_not_to_say", "Prefer not to say")],
        required=False,
    )

    def answers(self) -> dict[str, str]:
        return {key: value for key, value in self.cleaned_data.items() if value}


class ReceiptForm(forms.Form):
    code = forms.CharField(
        max_length=60,
        error_messages={"required": "Enter your receipt code.",
                        "max_length": "Enter your receipt code as it was shown to you."},
    )

    def clean_code(self) -> str:
        code = normalise_receipt_code(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                "That does not look like a receipt code. It has 20 letters and numbers, "
                "like ABCD-1234-EFGH-5678-JKMN."
            )
        return code


class ChangeConsentForm(forms.Form):
    purpose = forms.ChoiceField(choices=[(p, p) for p in ("analysis", "quote", "publish")])
    given = forms.ChoiceField(choices=[("yes", "Yes"), ("no", "No")])

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from heard.core.model_parts import longest
from heard.core.posted import PostedForm, RawText
from heard.core.vocab import AGE_JOURNEYS, KINDS, PERSPECTIVE_ROWS
from heard.people.local_authorities import COUNCILS, council_name
from heard.people.models import RECEIPT_LENGTH, normalise_receipt_code

from .labels import EQUALITY_CHOICES, Label
from .models import Contribution

# The empty choice means "skipped"; "Prefer not to say" is an answer of its own, worded the
# same on every page.
NOT_ANSWERED = ("", _("Choose an answer, or leave this"))
# Django fills in the limit (the column's) when the title is too long.
TITLE_TOO_LONG = _("The title must be %(limit_value)s characters or fewer.")
# Room for the spaces and dashes people type between a receipt code's groups; a pasted
# paragraph is refused before it is read.
RECEIPT_CODE_MAX_LENGTH = 3 * RECEIPT_LENGTH


class AgeForm(forms.Form):
    """The share journey's first question; the answer picks the wording of the rest."""
    age_journey = forms.ChoiceField(
        choices=[(band, band) for band in AGE_JOURNEYS], widget=forms.RadioSelect,
        error_messages={"required": _("Choose how old you are, or 'I'd rather not say'."),
                        "invalid_choice": _("Choose how old you are, or 'I'd rather not say'.")},
    )


class WhoForm(forms.Form):
    perspectives = forms.MultipleChoiceField(
        choices=[(code, _(label)) for code, label, _group in PERSPECTIVE_ROWS],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one, or choose 'Prefer not to say'.")},
        required=False,
    )
    rather_not_say = forms.BooleanField(required=False)

    def clean(self) -> dict:
        data = super().clean() or {}
        if not data.get("perspectives") and not data.get("rather_not_say"):
            raise forms.ValidationError(
                _("Choose at least one, or choose 'Prefer not to say'."), code="required"
            )
        if data.get("perspectives") and data.get("rather_not_say"):
            raise forms.ValidationError(
                _("Choose who you are, or 'Prefer not to say', but not both."), code="both"
            )
        return data


class WhatForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[(code, _(label)) for code, label, _hint in KINDS],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what you want to share."),
                        "invalid_choice": _("Choose what you want to share.")},
    )


class WriteForm(forms.Form):
    title = forms.CharField(
        required=False, max_length=longest(Contribution, "title"),
        error_messages={"max_length": TITLE_TOO_LONG},
    )
    text = forms.CharField(
        strip=False,
        error_messages={"required": _("Write what you want to share.")},
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        limit = settings.HEARD_MAX_TEXT_LENGTH
        if not text.strip():
            raise forms.ValidationError(_("Write what you want to share."))
        if len(text) > limit:
            raise forms.ValidationError(
                _("What you write must be %(limit)s characters or fewer. "
                  "It is %(length)s characters now.")
                % {"limit": f"{limit:,}", "length": f"{len(text):,}"}
            )
        return text


class ShareWriteForm(WriteForm):
    """The share journey's words, and for the age bands that are asked it, the five faces."""
    home_feeling = forms.TypedChoiceField(
        choices=[(str(n), str(n)) for n in range(1, 6)], coerce=int, empty_value=None,
        required=False, widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the faces, or skip the question.")},
    )


def _consent_question(which: Promise) -> forms.ChoiceField:
    """Each unanswered question says which one it is, so the error summary never repeats the
    same words three times."""
    message = format_lazy("{} {}", _("Choose yes or no:"), which)
    return forms.ChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))], widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
    )


class ConsentForm(forms.Form):
    consent_analysis = _consent_question(
        _("can we read it together with what other people said?"))
    consent_quote = _consent_question(_("can we quote some of your words in reports?"))
    consent_publish = _consent_question(_("can we show what you wrote on this website?"))

    def consents(self) -> dict[str, bool]:
        return {
            purpose: self.cleaned_data[f"consent_{purpose}"] == "yes"
            for purpose in ("analysis", "quote", "publish")
        }


def _optional(question: str) -> list[tuple[str, Label]]:
    return [NOT_ANSWERED, *EQUALITY_CHOICES[question]]


class AboutYouForm(forms.Form):
    age_band = forms.ChoiceField(choices=_optional("age_band"), required=False)
    gender = forms.ChoiceField(choices=_optional("gender"), required=False)
    ethnicity = forms.ChoiceField(choices=_optional("ethnicity"), required=False)
    disability = forms.ChoiceField(choices=_optional("disability"), required=False)
    # Stored by English name; Welsh councils show their Welsh name on Welsh pages.
    local_authority = forms.ChoiceField(
        choices=[NOT_ANSWERED, *[(name, council_name(name)) for name in COUNCILS],
                 ("prefer_not_to_say", _("Prefer not to say"))],
        required=False,
    )

    def answers(self) -> dict[str, str]:
        return {key: value for key, value in self.cleaned_data.items() if value}


class ReceiptForm(forms.Form):
    code = forms.CharField(
        max_length=RECEIPT_CODE_MAX_LENGTH,
        error_messages={"required": _("Enter your receipt code."),
                        "max_length": _("Enter your receipt code as it was shown to you.")},
    )

    def clean_code(self) -> str:
        code = normalise_receipt_code(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                _("That does not look like a receipt code. It has 20 letters and numbers, "
                  "like ABCD-1234-EFGH-5678-JKMN.")
            )
        return code


class ChangeConsentForm(forms.Form):
    purpose = forms.ChoiceField(choices=[(p, p) for p in ("analysis", "quote", "publish")])
    given = forms.ChoiceField(choices=[("yes", "Yes"), ("no", "No")])


class UpdateEmailForm(PostedForm):
    """The receipt page's "email me when something changes": the action checks the address
    and the consent in its own words, so the form only passes them on."""

    email = RawText()
    consent = RawText()

    def consented(self) -> bool:
        return self.value("consent") == "yes"


class EraseForm(PostedForm):
    """Staff erasure: the action says when the reason is missing or too long."""

    reason = RawText()


class ExportWordsForm(PostedForm):
    """?words=raw on an export asks for the words as written (the access helper checks the
    permission); anything else is the checked words."""

    words = forms.ChoiceField(choices=[("raw", "raw")], required=False)


class ReadingForm(PostedForm):
    """?read= on the consent page: the link that switches between easy read and standard."""

    read = forms.ChoiceField(choices=[("easy", "easy"), ("standard", "standard")],
                             required=False)

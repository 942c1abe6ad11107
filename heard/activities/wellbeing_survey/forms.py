"""Facilitators' forms: a new wave's dates, one reference figure, a CSV of them."""

from __future__ import annotations

from django import forms

from heard.core.model_parts import longest
from heard.core.posted import PostedForm, RawText, row_id
from heard.date_input import DateInputField

from .models import WellbeingReference
from .questions import ALL_QUESTIONS

MAX_UPLOAD_BYTES = 200_000
# A typed share or year: enough for any way of writing one, checked as a number after.
NUMBER_MAX_LENGTH = 20


class WaveForm(forms.Form):
    opens_on = DateInputField(subject="The day the wave opens", required=True)
    closes_on = DateInputField(subject="The last day of the wave", required=True)


class ReferenceForm(forms.Form):
    question = forms.ChoiceField(label="Question",
                                 choices=[(q.key, str(q.text)) for q in ALL_QUESTIONS])
    share_positive = forms.CharField(label="Share answering positively (%)",
                                     max_length=NUMBER_MAX_LENGTH)
    source = forms.CharField(label="Source", max_length=longest(WellbeingReference, "source"),
                             help_text='For example, "Bright Spots 2023 national"')
    year = forms.CharField(label="Year of the figure", max_length=NUMBER_MAX_LENGTH)


class ReferenceUploadForm(forms.Form):
    file = forms.FileField(label="A CSV file of reference figures")

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The file must be smaller than {MAX_UPLOAD_BYTES // 1000} KB.")
        try:
            return str(upload.read().decode("utf-8"))
        except UnicodeDecodeError:
            raise forms.ValidationError(
                "The file must be a CSV saved as UTF-8 (in Excel: Save As, CSV UTF-8).") from None


class RemoveReferenceForm(forms.Form):
    reference = row_id()


class WhoForm(PostedForm):
    """Who is answering (age band, and who they are if they like), with the comment and the
    token that stops a double send. Checked against the survey's own lists in the views."""

    band = RawText()
    perspective = RawText()
    comment = RawText()
    send_token = RawText()

"""Facilitators' forms. They only turn typed text into values; the actions decide what is
allowed."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django import forms
from django.utils import timezone

from heard.activities.actions import ActivityFields, kinds_set_up_here
from heard.activities.consultation.actions import QuestionFields
from heard.contributions.models import Contribution
from heard.core.limits import NOTE_MAX_LENGTH
from heard.core.model_parts import longest
from heard.core.posted import PostedForm, RawText, row_id
from heard.date_input import DateInputField

from .models import Activity, KeyMessage, Material, Presenter, Question


def _text(label: str, limit: int, *, required: bool = True) -> forms.CharField:
    """A one-line box whose limit is the column's (`longest`), said in the message."""
    return forms.CharField(label=label, required=required, max_length=limit,
                           error_messages={"required": f"Enter {label.lower()}.",
                                           "max_length": f"{label} is too long: keep it to "
                                                         f"{limit:,} characters or fewer."})


class ActivityForm(forms.Form):
    title = _text("Title", longest(Activity, "title"))
    purpose = forms.CharField(label="The question asked, or what the activity is for",
                              widget=forms.Textarea,
                              error_messages={"required": "Say what the activity is for."})
    title_cy = _text("Title in Welsh (optional)", longest(Activity, "title_cy"), required=False)
    purpose_cy = forms.CharField(label="What the activity is for, in Welsh (optional)",
                                 widget=forms.Textarea, required=False)
    audience = _text("Who it is for", longest(Activity, "audience"), required=False)
    run_by = _text("Who runs it (a team, not a person)", longest(Activity, "run_by"),
                   required=False)
    outputs_go_to = _text("Where what people say goes", longest(Activity, "outputs_go_to"),
                          required=False)
    opens_on = DateInputField(subject="The opening date", label="Opens on (optional)")
    closes_on = DateInputField(subject="The closing date",
                               label="Closes at the end of (optional)")

    @classmethod
    def for_activity(cls, activity: Activity, data: Any = None) -> ActivityForm:
        local = timezone.localtime
        return cls(data, initial={
            "title": activity.title, "purpose": activity.purpose,
            "title_cy": activity.title_cy, "purpose_cy": activity.purpose_cy,
            "audience": activity.audience,
            "run_by": activity.run_by, "outputs_go_to": activity.outputs_go_to,
            "opens_on": local(activity.opens_at).date() if activity.opens_at else None,
            "closes_on": local(activity.closes_at).date() if activity.closes_at else None})

    def fields_value(self) -> ActivityFields:
        data = self.cleaned_data
        return ActivityFields(
            title=data["title"], purpose=data["purpose"], audience=data["audience"],
            title_cy=data["title_cy"], purpose_cy=data["purpose_cy"],
            run_by=data["run_by"], outputs_go_to=data["outputs_go_to"],
            opens_at=_at(data["opens_on"], time.min), closes_at=_at(data["closes_on"], time.max))


def _at(day: date | None, moment: time) -> datetime | None:
    return timezone.make_aware(datetime.combine(day, moment)) if day else None


def _kinds_set_up_here() -> list[tuple[str, str]]:
    # Asked when the form is built, so every kind has registered by then.
    return [(key, Activity.Kind(key).label) for key in kinds_set_up_here()]


class NewActivityForm(ActivityForm):
    kind = forms.ChoiceField(
        label="Type of activity", widget=forms.RadioSelect,
        choices=_kinds_set_up_here,
        error_messages={"required": "Choose the type of activity.",
                        "invalid_choice": "Choose the type of activity."})


class QuestionForm(forms.Form):
    text = _text("Question", longest(Question, "text"))
    help = _text("Hint (optional)", longest(Question, "help"), required=False)
    kind = forms.ChoiceField(label="How people answer", choices=Question.Kind.choices,
                             widget=forms.RadioSelect,
                             error_messages={"required": "Choose how people answer.",
                                             "invalid_choice": "Choose how people answer."})
    choices = forms.CharField(label="Answers to choose from, one on each line", required=False,
                              widget=forms.Textarea)
    text_cy = _text("Question in Welsh (optional)", longest(Question, "text_cy"), required=False)
    help_cy = _text("Hint in Welsh (optional)", longest(Question, "help_cy"), required=False)
    choices_cy = forms.CharField(
        label="Answers to choose from in Welsh (optional), one on each line, in the same order",
        required=False, widget=forms.Textarea)
    required = forms.BooleanField(label="People must answer this question", required=False)
    answer_kind = forms.ChoiceField(
        label="A written answer counts as", choices=Contribution.Kind.choices, initial="story",
        error_messages={"invalid_choice": "Choose what a written answer counts as."})

    @classmethod
    def for_question(cls, question: Question, data: Any = None) -> QuestionForm:
        return cls(data, initial={"text": question.text, "help": question.help,
                                  "kind": question.kind, "choices": "\n".join(question.choices),
                                  "text_cy": question.text_cy, "help_cy": question.help_cy,
                                  "choices_cy": "\n".join(question.choices_cy),
                                  "required": question.required,
                                  "answer_kind": question.answer_kind})

    def fields_value(self) -> QuestionFields:
        data = self.cleaned_data
        return QuestionFields(text=data["text"], kind=data["kind"], help=data["help"],
                              choices=_lines(data["choices"]), required=data["required"],
                              answer_kind=data["answer_kind"], text_cy=data["text_cy"],
                              help_cy=data["help_cy"], choices_cy=_lines(data["choices_cy"]))


def _lines(typed: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in typed.splitlines() if line.strip())


class PresenterForm(forms.Form):
    name = _text("Name", longest(Presenter, "name"))
    role = _text("Role or organisation (optional)", longest(Presenter, "role"), required=False)
    role_cy = _text("Role or organisation in Welsh (optional)", longest(Presenter, "role_cy"),
                    required=False)


class MaterialForm(forms.Form):
    title = _text("Title", longest(Material, "title"))
    url = _text("Web address", longest(Material, "url"))
    title_cy = _text("Title in Welsh (optional)", longest(Material, "title_cy"), required=False)


class KeyMessageForm(forms.Form):
    kind = forms.ChoiceField(label="Type", choices=KeyMessage.Kind.choices,
                             widget=forms.RadioSelect,
                             error_messages={"required": "Choose key message or reflection.",
                                             "invalid_choice": "Choose key message or "
                                                               "reflection."})
    text = forms.CharField(label="Words", widget=forms.Textarea, max_length=NOTE_MAX_LENGTH,
                           error_messages={"required": "Write the key message or reflection.",
                                           "max_length": f"Keep it to {NOTE_MAX_LENGTH:,} "
                                                         "characters or fewer."})
    text_cy = forms.CharField(label="Words in Welsh (optional)", widget=forms.Textarea,
                              max_length=NOTE_MAX_LENGTH, required=False,
                              error_messages={"max_length": f"Keep the Welsh to "
                                                            f"{NOTE_MAX_LENGTH:,} characters "
                                                            "or fewer."})


class StatusForm(PostedForm):
    """The status buttons on an activity's dashboard; the action knows which are allowed."""
    status = RawText()


class KeyMessageWelshForm(PostedForm):
    """The Welsh typed beside a key message; the action checks its length."""
    text_cy = RawText()

    def text(self) -> str:
        return self.value("text_cy")


class EventPartForm(forms.Form):
    """Which presenter, material or key message a button beside it is about."""
    part = forms.ChoiceField(choices=[(p, p) for p in ("presenter", "material", "message")])
    id = row_id()

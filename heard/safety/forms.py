from __future__ import annotations

from typing import Any

from django import forms

from heard.contributions.models import Contribution
from heard.core.posted import PostedForm, RawText
from heard.core.vocab import AGE_BANDS

from .models import ModerationDecision
from .moderation_queue import ORDERS, STATUS_NAMES
from .redaction_review import REDACTION_TYPES

# Why a moderator decided: a sentence or two, kept with the decision.
REASON_MAX_LENGTH = 1_000
# Words to take out that the suggestions missed, one on each line.
EXTRA_PHRASES_MAX_LENGTH = 5_000


class DecisionForm(forms.Form):
    """The moderator's review: which suggested redactions to keep, what else to take out, and
    the decision. Suggestions are chosen by number, so a span can never point outside the text."""

    accept = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple,
                                       error_messages={"invalid_choice": "Choose from the list."})
    extra_phrases = forms.CharField(required=False, max_length=EXTRA_PHRASES_MAX_LENGTH,
                                    strip=False)
    extra_type = forms.ChoiceField(
        choices=REDACTION_TYPES, initial="PERSON", required=False,
        error_messages={"invalid_choice": "Choose a kind from the list."},
    )
    decision = forms.ChoiceField(
        choices=ModerationDecision.Decision.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose a decision.", "invalid_choice": "Choose a decision."},
    )
    reason = forms.CharField(
        required=False, max_length=REASON_MAX_LENGTH,
        error_messages={"max_length": f"Keep the reason to {REASON_MAX_LENGTH:,} characters "
                                      "or fewer."},
    )

    def __init__(self, *args: Any, suggestion_count: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(i), str(i + 1)) for i in range(suggestion_count)]
        self.fields["accept"].choices = choices  # type: ignore[attr-defined]

    def clean(self) -> dict:
        data = super().clean() or {}
        decision = data.get("decision")
        if decision in {"hold", "reject"} and not (data.get("reason") or "").strip():
            self.add_error("reason", "Give a reason. The person will see it on their receipt page.")
        return data

    def accepted_indexes(self) -> set[int]:
        return {int(i) for i in self.cleaned_data.get("accept", [])}


class QueueFilterForm(forms.Form):
    activity = forms.SlugField(required=False)
    kind = forms.ChoiceField(choices=[("", "Any"), *Contribution.Kind.choices], required=False)
    safety = forms.ChoiceField(
        choices=[("", "Any"), ("flagged", "Open safeguarding flag"),
                 ("immediate", "Immediate risk found"), ("concern", "Concern found"),
                 ("none", "No risk found")],
        required=False,
    )
    waiting = forms.ChoiceField(
        choices=[("", "Any time"), ("1", "Over 1 day"), ("3", "Over 3 days"),
                 ("7", "Over 7 days")],
        required=False,
    )
    age_band = forms.ChoiceField(choices=[("", "Any"), *AGE_BANDS], required=False)
    status = forms.ChoiceField(choices=list(STATUS_NAMES.items()), required=False)
    order = forms.ChoiceField(choices=list(ORDERS.items()), required=False)


class FlagActionForm(PostedForm):
    """What the safeguarding lead did; the action says if it is missing or too long."""
    action_taken = RawText()


class FlagOutcomeForm(PostedForm):
    outcome = RawText()


class FlagListForm(PostedForm):
    """?show=closed lists the closed flags instead of the open ones."""

    show = forms.ChoiceField(choices=[("closed", "closed")], required=False)

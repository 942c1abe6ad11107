from __future__ import annotations

from django import forms

from heard.contributions.models import Contribution
from heard.people.vocab import AGE_BANDS

from .models import ModerationDecision


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=ModerationDecision.Decision.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose a decision.", "invalid_choice": "Choose a decision."},
    )
    public_text = forms.CharField(required=False, strip=False)
    reason = forms.CharField(
        required=False, max_length=1000,
        error_messages={"max_length": "Keep the reason under 1,000 characters."},
    )

    def clean(self) -> dict:
        data = super().clean() or {}
        decision = data.get("decision")
        if decision == "publish" and not (data.get("public_text") or "").strip():
            self.add_error("public_text", "Enter the words to publish.")
        if decision in {"hold", "reject"} and not (data.get("reason") or "").strip():
            self.add_error("reason", "Give a reason. The person will see it on their receipt page.")
        return data


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
    status = forms.ChoiceField(
        choices=[("waiting", "Waiting to be checked"), ("held", "Held back"),
                 ("published", "Published"), ("rejected", "Not published")],
        required=False,
    )

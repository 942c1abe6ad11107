"""The form behind the consultation's questions page. Which questions exist, and what a good
answer is, depend on the consultation, so the form only gathers what was posted; the checks and
their messages stay in heard.activities.answers and the actions."""

from __future__ import annotations

from django import forms
from django.http import QueryDict

from heard.activities.answers import raw_answers_from


class AnswersForm(forms.Form):
    # "save" keeps a draft to finish later; anything else goes on to the next step.
    action = forms.CharField(required=False, strip=False)

    def saving(self) -> bool:
        self.is_valid()
        return getattr(self, "cleaned_data", {}).get("action") == "save"

    def raw_answers(self) -> dict[str, list[str]]:
        """The answer boxes as typed, keyed by question number, every value kept."""
        data = self.data
        if not isinstance(data, QueryDict):  # a form built without a post has no answers
            return {}
        return raw_answers_from(dict(data.lists()))

"""The forms behind every opinion map POST. Text and choices go to the actions as typed (see
heard/core/posted.py), which hold the rules and say what is wrong; a vote's two fields are
checked here, as nothing else would."""

from __future__ import annotations

from django import forms

from heard.core.posted import AnyChoices, PostedForm, RawText, row_id

VOTE_VALUES = {"agree": 1, "disagree": -1, "pass": 0}


class JoinForm(PostedForm):
    perspectives = AnyChoices()


class VoteForm(forms.Form):
    vote = forms.ChoiceField(choices=[(v, v) for v in VOTE_VALUES])
    statement = row_id()
    back = forms.CharField(required=False)

    def value(self) -> int:
        return VOTE_VALUES[self.cleaned_data["vote"]]

    def back_to_my_votes(self) -> bool:
        return self.cleaned_data.get("back") == "my-votes"


class SuggestForm(PostedForm):
    text = RawText()


# --- Facilitators' forms ----------------------------------------------------------------------

class CreateMapForm(PostedForm):
    title = RawText()
    question = RawText()
    allow = RawText()

    def allows_suggestions(self) -> bool:
        return self.value("allow") == "yes"


class StatementTextForm(PostedForm):
    text = RawText()
    text_cy = RawText()


class StatementWelshForm(PostedForm):
    """The Welsh wording of one statement: which statement, and the words."""
    statement = row_id(required=False)
    text_cy = RawText()


class StatementChoiceForm(forms.Form):
    statement = row_id()

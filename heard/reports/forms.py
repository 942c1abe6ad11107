"""The reports' query strings, read through forms like every other input."""

from __future__ import annotations

from django import forms
from django.conf import settings

from heard.core.posted import PostedForm, RawText


def _languages() -> list[tuple[str, str]]:
    # Read when the form is made, so the list follows the settings in force.
    return list(settings.LANGUAGES)


class PrintLanguageForm(PostedForm):
    """?language=cy prints in Welsh; a language Heard does not have is left out."""

    language = forms.ChoiceField(choices=_languages, required=False)


class KeyMessagesQueryForm(PostedForm):
    """?format= (the page checks it against the versions it has, and names a wrong one back)
    and ?activity=<slug> (a slug that is no activity is a 404)."""

    format = RawText()
    activity = RawText()

"""Forms for assisted capture and children's consent (see assisted.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise

from .assisted import HOW_WORDS
from .models import CHILD_CONSENT_TEXT_VERSION, Contribution

HELPER_ROLES = [(code, label) for code, label in Contribution.HelperRole.choices if code]
YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class HelperForm(forms.Form):
    """"Is someone helping you share this?", and if so who and how. Without JavaScript every
    question shows; the answers to "who" and "how" count only when someone is helping."""

    helped = forms.ChoiceField(
        choices=[("no", _("No, I am sharing on my own")), ("yes", _("Yes, someone is helping me"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no: is someone helping you?"),
                        "invalid_choice": _("Choose yes or no: is someone helping you?")},
    )
    helper_role = forms.ChoiceField(
        choices=HELPER_ROLES, required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose who is helping from the list.")},
    )
    capture_mode = forms.ChoiceField(
        choices=list(HOW_WORDS), required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose how the words were written.")},
    )
    under_13 = forms.ChoiceField(
        choices=[("yes", _("Yes, I am 12 or younger")), ("no", _("No, I am 13 or older")),
                 ("rather_not_say", _("I'd rather not say"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose an answer: are you 12 or younger?"),
                        "invalid_choice": _("Choose an answer: are you 12 or younger?")},
    )

    def __init__(self, *args: Any, ask_age: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not ask_age:
            del self.fields["under_13"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("helped") == "yes":
            if not data.get("helper_role"):
                self.add_error("helper_role", _("Choose who is helping you."))
            if not data.get("capture_mode"):
                self.add_error("capture_mode", _("Choose how the words were written."))
        return data

    def answers(self) -> dict[str, Any]:
        data = self.cleaned_data
        helped = data["helped"] == "yes"
        values: dict[str, Any] = {
            "helper_role": data["helper_role"] if helped else Contribution.HelperRole.NONE,
            "capture_mode": data["capture_mode"] if helped
            else Contribution.CaptureMode.OWN_WORDS,
        }
        if "under_13" in self.fields:
            values["under_13"] = {"yes": True, "no": False}.get(data["under_13"])
        return values


def _child_question(which: StrOrPromise) -> forms.ChoiceField:
    # Lazy both ways, so the message is put together in the language of each request.
    message = format_lazy("{} {}", _("Choose yes or no:"), which)
    return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect,
                             error_messages={"required": message, "invalid_choice": message})


class ChildConsentForm(forms.Form):
    """The same three choices as ConsentForm, in words for children under 13. The child always
    answers for themselves; where the service asks, a supporting adult answers one more."""

    consent_analysis = _child_question(_("can we read it with what other children said?"))
    consent_quote = _child_question(_("can we use some of your words in our reports?"))
    consent_publish = _child_question(_("can we put what you said on this website?"))
    supporting_adult = _child_question(_("does the grown-up agree too?"))

    def __init__(self, *args: Any, ask_adult: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not ask_adult:
            del self.fields["supporting_adult"]

    def answers(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "consents": {purpose: data[f"consent_{purpose}"] == "yes"
                         for purpose in ("analysis", "quote", "publish")},
            "consent_version": CHILD_CONSENT_TEXT_VERSION,
            "supporting_adult_agreed": (data["supporting_adult"] == "yes"
                                        if "supporting_adult" in data else None),
        }


class ShareCodeForm(forms.Form):
    """The child's choice on the done page: may the person who helped see the receipt code?"""

    share = forms.ChoiceField(
        choices=[("yes", _("Yes, they can see it")), ("no", _("No, just me"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no: can the person who helped you see "
                                      "your code?"),
                        "invalid_choice": _("Choose yes or no: can the person who helped you "
                                            "see your code?")},
    )

"""The two password boxes every "choose a password" page shares, checked the same way."""

from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# A username a person types and reads back, on the participant and the staff pages alike:
# letters, numbers, dots, dashes or underscores, as many as the two lengths below allow.
USERNAME_MIN_LENGTH = 3
USERNAME_MAX_LENGTH = 40
USERNAME_PATTERN = rf"^[A-Za-z0-9_.-]{{{USERNAME_MIN_LENGTH},{USERNAME_MAX_LENGTH}}}$"


def _username_rule() -> str:
    return gettext("Use %(least)s to %(most)s letters, numbers, dots, dashes or "
                   "underscores.") % {"least": USERNAME_MIN_LENGTH, "most": USERNAME_MAX_LENGTH}


# What a username may be, in the words of each page's language (worked out when shown).
USERNAME_RULE = lazy(_username_rule, str)()


class NewPasswordForm(forms.Form):
    password = forms.CharField(strip=False, error_messages={"required": _("Choose a password.")})
    password_again = forms.CharField(strip=False,
                                     error_messages={"required": _("Type your password again.")})

    def password_owner(self) -> User | None:
        """Whose password this is, so the validators can refuse one too like their username."""
        return None

    def clean(self) -> dict:
        data = super().clean() or {}
        password = data.get("password")
        if password and data.get("password_again") and password != data["password_again"]:
            self.add_error("password_again", _("The two passwords are not the same."))
        elif password:
            try:
                password_validation.validate_password(password, self.password_owner())
            except ValidationError as error:
                self.add_error("password", error)
        return data

"""Where to get help now. National lines are fixed; the local number is the deployment's own."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_noop

from heard.core.organisation import organisation_name


@dataclass(frozen=True)
class SupportLine:
    name: str
    number: str
    when: str


def support_lines() -> list[SupportLine]:
    """The names and "when" words are marked for the Welsh catalogue, not translated here: the
    API and the easy-read page key on the English, and pages show them with |translated."""
    return [
        SupportLine(gettext_noop("Emergency services"), "999",
                    gettext_noop("if someone is in danger right now")),
        SupportLine("Childline", "0800 1111",
                    gettext_noop("for children and young people, free, any time")),
        SupportLine(gettext_noop("Samaritans"), "116 123",
                    gettext_noop("if you are struggling, free, any time")),
        SupportLine(gettext_noop("NSPCC helpline"), "0808 800 5000",
                    gettext_noop("if you are worried about a child")),
        SupportLine(
            organisation_name(),
            settings.HEARD_CHILDRENS_SERVICES_PHONE,
            gettext_noop("to talk to children's services about a child"),
        ),
    ]

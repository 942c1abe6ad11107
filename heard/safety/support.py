"""Where to get help now. National lines are fixed; the local number is the deployment's own."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class SupportLine:
    name: str
    number: str
    when: str


def support_lines() -> list[SupportLine]:
    return [
        SupportLine("Emergency services", "999", "if someone is in danger right now"),
        SupportLine("Childline", "0800 1111", "for children and young people, free, any time"),
        SupportLine("Samaritans", "116 123", "if you are struggling, free, any time"),
        SupportLine("NSPCC helpline", "0808 800 5000", "if you are worried about a child"),
        SupportLine(
            f"{settings.HEARD_ORGANISATION}",
            settings.HEARD_CHILDRENS_SERVICES_PHONE,
            "to talk to children's services about a child",
        ),
    ]

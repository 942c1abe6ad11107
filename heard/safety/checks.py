"""System checks that stop a production start when safeguarding alerts could reach nobody.

They are deployment checks: `heard manage check --deploy` runs them, and so does `heard serve`
before it starts (unless told it is a local demo with --demo)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register

from .alerting import configuration_problems

TAG = "safeguarding"


@register(TAG, deploy=True)
def alerts_can_reach_a_person(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    recipients = settings.HEARD_SAFEGUARDING_EMAILS
    if not recipients:
        errors.append(Error(
            "No one would receive safeguarding alerts: HEARD_SAFEGUARDING_EMAILS is empty.",
            hint="Set HEARD_SAFEGUARDING_EMAILS to the safeguarding team's addresses, "
                 "separated by commas.", id="heard.E001"))
    bad = [address for address in recipients if "@" not in address]
    if bad:
        errors.append(Error(
            f"HEARD_SAFEGUARDING_EMAILS holds something that is not an email address: {bad!r}.",
            id="heard.E003"))
    errors += [Error(problem, hint=(
        "Set EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend with EMAIL_HOST, "
        "EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD (or EMAIL_HOST_PASSWORD_FILE) and "
        "EMAIL_USE_TLS or EMAIL_USE_SSL."), id="heard.E002")
        for problem in configuration_problems()]
    return errors

"""Deployment checks for sign-in (run by `heard manage check --deploy`)."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Tags, Warning, register
from django.db import DatabaseError


@register(Tags.security, deploy=True)
def demo_accounts_in_production(**_: Any) -> list[CheckMessage]:
    """Demo staff accounts have their passwords and authenticator keys in a plain file."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from .two_factor import DEMO_AUTHENTICATOR_NAME

    try:
        found = TOTPDevice.objects.filter(name=DEMO_AUTHENTICATOR_NAME,
                                          user__is_active=True).exists()
    except DatabaseError:  # not migrated yet: nothing to warn about
        return []
    if not found:
        return []
    return [Warning(
        "Demo staff accounts from `heard demo` exist; their passwords and authenticator keys "
        "are written in var/demo-credentials.txt.",
        hint="Disable them on the Staff page, or start from an empty database, before real "
             "people use this service.",
        id="heard.W001",
    )]

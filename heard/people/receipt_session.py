"""The receipt this browser holds: the one a person entered on "come back with your code", or
was given. Every page that recognises a person by it (their receipt page, their data, saved
consultation answers, which ideas they supported) reads it here, under one session key; it
was written out in three modules before (decision 0037)."""

from __future__ import annotations

from django.http import HttpRequest

from .models import Receipt

RECEIPT_SESSION_KEY = "receipt_id"


def session_receipt_id(request: HttpRequest) -> int | None:
    held = request.session.get(RECEIPT_SESSION_KEY)
    return int(held) if held else None


def session_receipt(request: HttpRequest) -> Receipt | None:
    """The receipt this browser session holds, if any."""
    receipt_id = session_receipt_id(request)
    return Receipt.objects.filter(pk=receipt_id).first() if receipt_id else None


def hold_receipt(request: HttpRequest, receipt: Receipt) -> None:
    """Remember the receipt a person just opened, under a new session key, so a key someone
    else saw before the code was typed does not carry it."""
    request.session.cycle_key()
    request.session[RECEIPT_SESSION_KEY] = receipt.pk

"""One contribution per press of Send, however many times the button is pressed.

Each check page carries a random token, kept with the half-written answers in the session. The
receipt code is made from the token, so every repeat of the same Send asks for the same receipt:
the first creates it, and the rest (even ten arriving at once) find it and show its code again.
The unique receipt hash in the database decides the race, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import re
import secrets
from typing import NamedTuple

from django import forms
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.http import HttpRequest

from .models import Receipt, hash_receipt_code, receipt_code_for_token

FIELD = "send_token"
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{32,64}")


def new_token() -> str:
    return secrets.token_urlsafe(32)


class SendTokenForm(forms.Form):
    # The whole value must be a token (a regex field only searches), taken as it was sent.
    send_token = forms.RegexField(re.compile(rf"\A{TOKEN_PATTERN.pattern}\Z"), strip=False)


def posted_token(request: HttpRequest) -> str | None:
    form = SendTokenForm(request.POST)
    return form.cleaned_data[FIELD] if form.is_valid() else None


def earlier_receipt(token: str | None) -> Receipt | None:
    """The receipt an earlier press of this Send already made, if any."""
    if token is None:
        return None
    return Receipt.objects.filter(code_hash=hash_receipt_code(receipt_code_for_token(token))
                                  ).first()


class EarlierPress(NamedTuple):
    code: str          # the receipt code, as the first press gave it
    receipt: Receipt


def earlier_press(request: HttpRequest) -> EarlierPress | None:
    """When this POST repeats a Send that already went through, its receipt and code; None on a
    first press (or a post without a token). Each kind then says what the first press made."""
    token = posted_token(request)
    receipt = earlier_receipt(token)
    if token is None or receipt is None:
        return None
    return EarlierPress(receipt_code_for_token(token), receipt)


def receipt_for_code(code: str, account: User | None) -> tuple[Receipt, bool]:
    """Create the receipt for this code, or find the one a concurrent press just created.
    Returns (receipt, created). Call inside the sending transaction."""
    code_hash = hash_receipt_code(code)
    existing = Receipt.objects.filter(code_hash=code_hash).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            return Receipt.objects.create(code_hash=code_hash, account=account), True
    except IntegrityError:
        # Another press committed it while this one waited on the unique index.
        return Receipt.objects.get(code_hash=code_hash), False

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models

# Crockford's base32 without I, L, O, U: easy to read aloud and to copy from paper.
RECEIPT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECEIPT_LENGTH = 20  # 20 characters x 5 bits = 100 bits of randomness
RECEIPT_GROUP = 4


def normalise_receipt_code(raw: str) -> str | None:
    """Return the canonical form of a typed code, or None if it cannot be one of ours."""
    cleaned = "".join(ch for ch in raw.upper() if ch not in " -\t")
    cleaned = cleaned.replace("O", "0").replace("I", "1").replace("L", "1")
    if len(cleaned) != RECEIPT_LENGTH or any(ch not in RECEIPT_ALPHABET for ch in cleaned):
        return None
    return cleaned


def format_receipt_code(code: str) -> str:
    return "-".join(code[i : i + RECEIPT_GROUP] for i in range(0, len(code), RECEIPT_GROUP))


def hash_receipt_code(code: str) -> str:
    # 100 random bits make a plain SHA-256 safe against guessing; no pepper, so a rotated
    # SECRET_KEY never locks people out of their own contributions.
    return hashlib.sha256(code.encode("ascii")).hexdigest()


def new_receipt_code() -> str:
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))


class Receipt(models.Model):
    """What lets an anonymous person come back. Only the hash of the code is ever stored."""

    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Optional: a person may sign in instead of keeping the code.
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="receipts",
    )
    # Optional: where to tell the person that something changed, given with explicit consent.
    email = models.EmailField(blank=True)
    email_consent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Receipt {self.pk}"


class Profile(models.Model):
    """An optional participant account's self-description, offered again next time they share."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    perspectives = models.JSONField(default=list, blank=True)
    equality = models.JSONField(default=dict, blank=True)

    class Meta:
        permissions = [("manage_staff", "Can manage staff accounts and roles")]

    def __str__(self) -> str:
        return f"Profile of {self.user_id}"

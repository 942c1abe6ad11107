from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models

from heard.core.model_parts import staff_member

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


def session_supporter_label(token: str) -> str:
    """How a browser without a receipt or account is told apart when it supports an idea: a
    hash of a random token kept in its session, so the label alone leads back to nobody."""
    return "session:" + hashlib.sha256(token.encode()).hexdigest()[:40]


def receipt_code_for_token(token: str) -> str:
    """The receipt code that a press of Send carrying this token gets. The same token always
    gives the same code, so a second press (or ten at once) finds the first one's receipt
    instead of making another contribution. The token is random (256 bits) and lives only in
    the person's session and their check page, so the code stays as unguessable as ever."""
    digest = hashlib.sha256(b"heard-send:" + token.encode("ascii")).digest()
    number = int.from_bytes(digest[:13], "big") >> 4  # 100 bits, as many as a random code
    return "".join(RECEIPT_ALPHABET[(number >> (5 * i)) & 31] for i in range(RECEIPT_LENGTH))


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
    # The language the person was using when they left the address: their emails use it too.
    language = models.CharField(max_length=10, blank=True, default="")

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


class ErasureRecord(models.Model):
    """One erasure, as keyed hashes of the rows it reached and nothing else. A copy of every
    record is also appended to a file outside the database (see people/ledger.py), so restoring
    an older backup can apply again the erasures made since it was taken."""

    at = models.DateTimeField(auto_now_add=True)
    whole_person = models.BooleanField(default=True)
    fingerprints = models.JSONField(default=list)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"Erasure {self.pk}"


class RetentionRule(models.Model):
    """How long one kind of personal data is kept (None: the default), and its last run."""

    kind = models.CharField(max_length=60, unique=True)
    days = models.PositiveIntegerField(null=True, blank=True)
    updated_by = staff_member(optional=True, on_delete=models.SET_NULL)
    updated_at = models.DateTimeField(auto_now=True)
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_run_removed = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["kind"]
        permissions = [("manage_privacy", "Can set how long personal data is kept")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.days or 'default'} days"

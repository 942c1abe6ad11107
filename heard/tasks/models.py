"""A small database-backed task queue.

Tasks are rows written in the same transaction as the change that needs them, so a task can never
be lost between "saved" and "scheduled". A worker claims a task with a lease; if the worker dies,
the lease runs out and another claim runs it again, so handlers must be idempotent.
"""

from __future__ import annotations

from django.db import models


class Task(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DONE = "done", "Done"
        FAILED = "failed", "Failed for good"

    name = models.CharField(max_length=100, db_index=True)
    payload = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    run_after = models.DateTimeField(db_index=True)
    leased_until = models.DateTimeField(null=True, blank=True)
    leased_by = models.CharField(max_length=200, blank=True)  # "host:pid" of the worker
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["run_after", "id"]
        indexes = [models.Index(fields=["status", "run_after"])]

    def __str__(self) -> str:
        return f"{self.name} #{self.pk} ({self.status})"


class OutboxEmail(models.Model):
    """Every email Heard sends is first written here, in the transaction that decided to send it.

    The unique message_id makes a second write of the same message impossible, so a retried task
    can never deliver twice; the relay then hands rows to the mail server, re-sending with the
    same Message-ID if it has to, which mail servers treat as one message.
    """

    message_id = models.CharField(max_length=200, unique=True)
    to = models.JSONField(default=list)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    relayed_at = models.DateTimeField(null=True, blank=True)
    relay_attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject

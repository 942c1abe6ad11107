"""A small database-backed task queue.

Tasks are rows written in the same transaction as the change that needs them, so a task can never
be lost between "saved" and "scheduled". A worker claims a task with a lease; if the worker dies,
the lease runs out and another claim runs it again, so handlers must be idempotent.
"""

from __future__ import annotations

from django.db import models

from heard.core.model_parts import NEWEST_FIRST

# A failure's message is kept to its first 2,000 characters: the repr of an exception can run
# to megabytes (a whole request or payload), and its first lines say what failed.
ERROR_KEPT_LENGTH = 2_000


class Task(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DONE = "done", "Done"
        FAILED = "failed", "Failed for good"

    name = models.CharField(max_length=100, db_index=True)
    # Safeguarding alerts run on their own lane, served by a thread of their own, so they never
    # wait behind a theme run or a backlog of redaction suggestions.
    lane = models.CharField(max_length=20, default="default", db_index=True)
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
    never queues it twice. Sending is at most once: the row records each step before it is taken
    (see heard/tasks/outbox.py and docs/decisions/0007-alerts-at-most-once.md), and an attempt
    that may have reached the mail relay is never repeated, only shown to staff as uncertain.
    """

    class State(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        # Talking to the relay, which has not been given the message yet: safe to try again.
        SENDING = "sending", "Being sent"
        # The message itself is on its way to the relay: from here we may never know.
        HANDED_OVER = "handed_over", "Handed to the mail relay"
        SENT = "sent", "Accepted by the mail relay"
        UNCERTAIN = "uncertain", "May not have been sent"
        FAILED = "failed", "Refused by the mail relay"

    FINAL_STATES = (State.SENT, State.UNCERTAIN, State.FAILED)
    IN_FLIGHT_STATES = (State.SENDING, State.HANDED_OVER)

    message_id = models.CharField(max_length=200, unique=True)
    # What the email is about, so all the emails for one alert can be read together.
    about = models.CharField(max_length=100, blank=True, db_index=True)
    lane = models.CharField(max_length=20, default="default")
    to = models.JSONField(default=list)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    state = models.CharField(max_length=20, choices=State.choices, default=State.PENDING,
                             db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The attempt now in flight: a random token, who runs it ("host:pid") and since when.
    attempt_token = models.CharField(max_length=40, blank=True)
    attempt_by = models.CharField(max_length=200, blank=True)
    attempt_started_at = models.DateTimeField(null=True, blank=True)
    relayed_at = models.DateTimeField(null=True, blank=True)
    relay_attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = NEWEST_FIRST

    def __str__(self) -> str:
        return self.subject

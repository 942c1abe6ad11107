from __future__ import annotations

from django.conf import settings
from django.db import models

from heard.contributions.models import Contribution
from heard.core.model_parts import NEWEST_FIRST, staff_member
from heard.tasks.models import OutboxEmail


class ModerationDecision(models.Model):
    """One moderator's decision on one contribution. Kept as history; the latest one counts."""

    class Decision(models.TextChoices):
        PUBLISH = "publish", "Publish"
        HOLD = "hold", "Hold back"
        REJECT = "reject", "Do not publish"

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="moderation_decisions"
    )
    decision = models.CharField(max_length=20, choices=Decision.choices)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-id"]
        permissions = [("handle_safeguarding", "Can see and act on safeguarding flags")]

    def __str__(self) -> str:
        return f"{self.decision} on {self.contribution_id}"


class SafeguardingFlag(models.Model):
    """Risk found in a contribution. Written in the same transaction as the contribution, and
    never deleted: withdrawal erases the person's words, but not the duty to keep someone safe."""

    class Level(models.TextChoices):
        IMMEDIATE = "immediate", "Immediate risk"
        CONCERN = "concern", "Concern"

    class Status(models.TextChoices):
        OPEN = "open", "New"
        ACKNOWLEDGED = "acknowledged", "Acknowledged"
        ACTION_TAKEN = "action_taken", "Action taken"
        CLOSED = "closed", "Closed"

    OPEN_STATUSES = (Status.OPEN, Status.ACKNOWLEDGED, Status.ACTION_TAKEN)

    contribution = models.ForeignKey(
        Contribution, on_delete=models.PROTECT, related_name="safeguarding_flags"
    )
    level = models.CharField(max_length=20, choices=Level.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN,
                              db_index=True)
    # What the reviewer needs: the phrases that triggered triage and the words as they arrived.
    # Kept while the flag is open even if the person withdraws; erased when it closes then.
    triggers = models.JSONField(default=list, blank=True)
    evidence_text = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    acknowledged_by = staff_member(optional=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    action_taken = models.TextField(blank=True)
    action_taken_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField(blank=True)
    closed_by = staff_member(optional=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["status", "-level", "created_at"]

    def __str__(self) -> str:
        return f"{self.get_level_display()} flag on {self.contribution_id}"

    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class SafeguardingAlert(models.Model):
    """One alert to deliver about a flag: on arrival, or when nobody has acknowledged it."""

    class Kind(models.TextChoices):
        NEW_FLAG = "new_flag", "New flag"
        ESCALATION = "escalation", "Not acknowledged in time"

    flag = models.ForeignKey(SafeguardingFlag, on_delete=models.PROTECT, related_name="alerts")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    # When its emails (one per recipient) were written to the outbox. Whether each reached the
    # mail relay is on the email itself: see delivery().
    prepared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = NEWEST_FIRST

    def __str__(self) -> str:
        return f"{self.kind} alert for flag {self.flag_id}"

    def outbox_key(self) -> str:
        return f"safeguarding-alert-{self.pk}"

    def delivery(self) -> dict[str, int]:
        """How many of its emails are in each state (sent, uncertain, pending, ...)."""
        counts: dict[str, int] = {}
        for state in OutboxEmail.objects.filter(about=self.outbox_key()).values_list(
                "state", flat=True):
            counts[state] = counts.get(state, 0) + 1
        return counts

from __future__ import annotations

from django.conf import settings
from django.db import models

from heard.contributions.models import Contribution


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

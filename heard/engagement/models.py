from __future__ import annotations

from datetime import datetime

from django.db import models
from django.utils import timezone

from .defaults import DEFAULT_ACTIVITY_SLUG

__all__ = ["DEFAULT_ACTIVITY_SLUG", "Activity"]


class Activity(models.Model):
    """Anything that gathers voices: the open share journey, a consultation, an event."""

    class Kind(models.TextChoices):
        OPEN_SHARE = "open_share", "Share your experience"
        CONSULTATION = "consultation", "Consultation"
        CALL_FOR_IDEAS = "call_for_ideas", "Call for Ideas"
        OPEN_SPACE = "open_space", "Open Space event"
        KNOWLEDGE_EVENT = "knowledge_event", "Knowledge event"
        OPINION_MAP = "opinion_map", "Opinion map"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    purpose = models.TextField(help_text="The question asked, or what the activity is for.")
    audience = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.OPEN_SHARE)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    opens_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    run_by = models.CharField(max_length=200, blank=True, help_text="A team, not a person.")
    outputs_go_to = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "activities"
        permissions = [
            ("manage_activity", "Can set up and run activities"),
            ("respond_to_activity", "Can publish responses and actions"),
        ]

    def __str__(self) -> str:
        return self.title

    def is_accepting(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        if self.status != self.Status.OPEN:
            return False
        if self.opens_at and now < self.opens_at:
            return False
        return not (self.closes_at and now >= self.closes_at)

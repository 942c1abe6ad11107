"""Responses and tracked actions: "you said, we did".

A response answers one thing people raised: an activity as a whole, one idea, or (once the
analysis has run) a theme. Actions belong to a response and carry a dated timeline of updates.
Owners are roles or teams, never a person's private details.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from heard.activities.models import Activity
from heard.contributions.models import Contribution
from heard.core.model_parts import Timestamped, staff_member
from heard.core.welsh import WelshWording

# What staff write under "you said, we did" on one page: enough for a full answer, short enough
# to be read. The column is text; forms and actions hold it to this.
BODY_MAX_LENGTH = 5_000


class Response(WelshWording, Timestamped):
    class Subject(models.TextChoices):
        ACTIVITY = "activity", _("An activity")
        IDEA = "idea", _("An idea")
        THEME = "theme", _("A theme")

    subject = models.CharField(max_length=20, choices=Subject.choices)
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="responses")
    contribution = models.ForeignKey(Contribution, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="responses")
    # Themes are identified by their stable key, so a response survives a re-run of analysis.
    theme_key = models.CharField(max_length=80, blank=True, db_index=True)
    title = models.CharField(max_length=200)
    body = models.TextField(help_text="What we heard, and what we are doing about it.")
    # The same in Welsh, typed by the lead; empty means Welsh pages and emails show the English.
    title_cy = models.CharField(max_length=200, blank=True)
    body_cy = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = staff_member()

    class Meta:
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Action(WelshWording, models.Model):
    class Status(models.TextChoices):
        UNDER_CONSIDERATION = "under_consideration", _("Under consideration")
        AGREED = "agreed", _("Agreed")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        NOT_TAKING_FORWARD = "not_taking_forward", _("Not taking forward")

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(max_length=200)
    owner = models.CharField(max_length=200, help_text="A role or team, not a person's name.")
    # The team or role in Welsh, for Welsh pages and emails; empty shows the English.
    owner_cy = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=30, choices=Status.choices,
                              default=Status.UNDER_CONSIDERATION)
    reason = models.TextField(blank=True, help_text="Why, when not taking it forward.")
    title_cy = models.CharField(max_length=200, blank=True)
    reason_cy = models.TextField(blank=True)
    due_date = models.DateField(null=True, blank=True)
    progress = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title

    def latest_update(self) -> ActionUpdate | None:
        updates = list(self.updates.all())  # prefetched on the public pages
        return updates[-1] if updates else None

    def is_overdue(self, today: date | None = None) -> bool:
        today = today or date.today()  # noqa: DTZ011 - due dates are calendar days, UK local
        open_statuses = (self.Status.UNDER_CONSIDERATION, self.Status.AGREED,
                         self.Status.IN_PROGRESS)
        return bool(self.due_date and self.due_date < today and self.status in open_statuses)


class ActionUpdate(WelshWording, models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(max_length=30, choices=Action.Status.choices)
    progress = models.PositiveSmallIntegerField()
    note = models.TextField(blank=True)
    note_cy = models.TextField(blank=True)
    created_by = staff_member()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.action_id}: {self.status} {self.progress}%"

"""Participation quality per activity: the Lundy checklist, the Arnstein rung, and participants'
own sense of influence."""

from __future__ import annotations

import uuid

from django.db import models

from heard.activities.models import Activity
from heard.core.model_parts import one_row_per, staff_member

from .frameworks import ANSWERS, ARNSTEIN, LUNDY_ITEMS


class LundyAnswer(models.Model):
    """One checklist question answered for one activity, with the evidence for the answer."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE,
                                 related_name="lundy_answers")
    item = models.CharField(max_length=40, choices=[(k, k) for k in LUNDY_ITEMS])
    answer = models.CharField(max_length=10, choices=ANSWERS)
    evidence = models.TextField(blank=True)
    updated_by = staff_member(optional=True, on_delete=models.SET_NULL)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["activity", "item"]
        constraints = [one_row_per("activity", "item", name="quality_lundy_once")]

    def __str__(self) -> str:
        return f"{self.item}={self.answer}"


class ArnsteinRating(models.Model):
    """Where on Arnstein's ladder staff place an activity, and why."""

    activity = models.OneToOneField(Activity, on_delete=models.CASCADE,
                                    related_name="arnstein_rating")
    rung = models.CharField(max_length=30, choices=[(r.key, r.name) for r in ARNSTEIN])
    evidence = models.TextField()
    updated_by = staff_member(optional=True, on_delete=models.SET_NULL)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.rung


class InfluenceAnswer(models.Model):
    """A participant's answer to "How much do you think what you shared will make a difference?"

    Deliberately unlinkable: no contribution, receipt or user; a random id rather than a counter
    that would follow the order of submissions; and the day only, because a time to the second
    could be matched against a contribution's submitted_at."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE,
                                 related_name="influence_answers")
    score = models.PositiveSmallIntegerField()
    created_at = models.DateField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5),
                                   name="quality_influence_score_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.activity_id}: {self.score}"

"""Who may see and change the participation-quality pages, and how those pages reach their rows.
The rule was written inside the views (decision 0037); here it is checked by itself, and the
views only call it."""

from __future__ import annotations

import uuid

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.exceptions import PermissionDenied

from heard.activities.models import Activity

from .models import ArnsteinRating, InfluenceAnswer, LundyAnswer

VIEW_PERMISSIONS = ("contributions.view_contribution_stats", "engagement.manage_activity")
EDIT_PERMISSION = "engagement.manage_activity"

Someone = AbstractBaseUser | AnonymousUser


def check_can_view(user: Someone) -> None:
    """Staff who see participation figures, or who run activities; nobody else."""
    if not isinstance(user, User) or not any(user.has_perm(p) for p in VIEW_PERMISSIONS):
        raise PermissionDenied


def can_edit(user: Someone) -> bool:
    return isinstance(user, User) and user.has_perm(EDIT_PERMISSION)


def check_can_edit(user: Someone) -> None:
    check_can_view(user)
    if not can_edit(user):
        raise PermissionDenied


def influence_score(activity: Activity, answer_id: uuid.UUID | None) -> int | None:
    """The score this person gave before, found by the answer's id their session holds."""
    if answer_id is None:
        return None
    return (InfluenceAnswer.objects.filter(pk=answer_id, activity=activity)
            .values_list("score", flat=True).first())


def arnstein_rating(activity: Activity) -> ArnsteinRating | None:
    return ArnsteinRating.objects.filter(activity=activity).first()


def lundy_answers(activity: Activity) -> dict[str, LundyAnswer]:
    """The checklist's saved answers by item, with who saved each."""
    return {a.item: a for a in LundyAnswer.objects.filter(activity=activity)
            .select_related("updated_by")}

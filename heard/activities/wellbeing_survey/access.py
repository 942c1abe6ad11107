from __future__ import annotations

from django.http import Http404

from heard.activities.models import Activity
from heard.activities.registry import kind_of


def get_survey(slug: str, *, drafts: bool = False) -> Activity:
    """A wellbeing survey by its slug; participants never see drafts."""
    activity = Activity.objects.filter(slug=slug).first()
    if activity is None or not kind_of(activity).runs_in_waves:
        raise Http404("No such survey")
    if activity.status == Activity.Status.DRAFT and not drafts:
        raise Http404("No such survey")
    return activity

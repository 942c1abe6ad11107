"""The published page of a knowledge event: who presented, the materials, and the key messages
and reflections the facilitator chose to publish."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from heard.activities.access import get_public_activity
from heard.activities.models import Activity, KeyMessage


@require_safe
def knowledge_event(request: HttpRequest, slug: str) -> HttpResponse:
    activity = get_public_activity(slug, Activity.Kind.KNOWLEDGE_EVENT)
    published = activity.key_messages.filter(published=True)
    return render(request, "engagement/event.html", {
        "activity": activity, "presenters": activity.presenters.all(),
        "materials": activity.materials.all(),
        "key_messages": published.filter(kind=KeyMessage.Kind.KEY_MESSAGE),
        "reflections": published.filter(kind=KeyMessage.Kind.REFLECTION),
        "accepting": activity.is_accepting()})

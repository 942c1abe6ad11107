"""How the "you said, we did" pages reach responses. A response answers someone's words (it can
name the idea or contribution it is about), so views go through here rather than the model
(tests/core: access helpers). The staff helpers check the respond permission themselves, as the
views' decorators do; the public helper shows only what has been published."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.http import Http404

from heard.activities.models import Activity
from heard.core.permissions import require_permission

from .models import Response

RESPOND = "engagement.respond_to_activity"


def recent_responses_for(user: User | AnonymousUser, limit: int = 200) -> QuerySet[Response]:
    """The service leads' list, newest first as the model orders it."""
    require_permission(user, RESPOND)
    return Response.objects.select_related("activity")[:limit]


def get_response_for(user: User | AnonymousUser, response_id: int) -> Response:
    require_permission(user, RESPOND)
    found = Response.objects.filter(pk=response_id).first()
    if found is None:
        raise Http404("No such response")
    return found


def _published() -> QuerySet[Response]:
    """What the public may see: published responses only, newest first as the model orders them."""
    return Response.objects.filter(published_at__isnull=False)


def published_responses(slug: str | None = None) -> tuple[Activity | None, QuerySet[Response]]:
    """What the public page shows: every published response, or one activity's (404 for an
    activity that does not exist)."""
    found = _published().select_related("activity")
    if slug is None:
        return None, found
    activity = Activity.objects.filter(slug=slug).first()
    if activity is None:
        raise Http404("No such activity")
    return activity, found.filter(activity=activity)


def published_answers_to(activity: Activity) -> list[Response]:
    """One activity's published responses with their actions and updates, newest first: what a
    kind's own pages show (heard.activities.registry.published_answers)."""
    return list(_published().filter(activity=activity).prefetch_related("actions__updates"))

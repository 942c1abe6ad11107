from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from heard.core.organisation import organisation_name
from heard.people.roles import is_staff_member

from .alerting import alerts_reach_a_person, delivery_problems
from .support import support_lines


def _problems_for_staff(request: HttpRequest) -> list[str]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not is_staff_member(user):
        return []
    return delivery_problems()


def support_context(request: HttpRequest) -> dict[str, object]:
    return {
        "support_lines": support_lines(),
        # Callables, so the database is asked only on pages that use them.
        "alerts_reach_a_person": alerts_reach_a_person,
        "alert_problems": lambda: _problems_for_staff(request),
        "service_name": settings.HEARD_SERVICE_NAME,
        "organisation": organisation_name(),
    }

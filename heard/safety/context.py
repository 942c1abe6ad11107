from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from .support import support_lines


def support_context(request: HttpRequest) -> dict[str, object]:
    return {
        "support_lines": support_lines(),
        "service_name": settings.HEARD_SERVICE_NAME,
        "organisation": settings.HEARD_ORGANISATION,
    }

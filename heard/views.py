"""Site-wide pages: home, help, health, and the error pages people see."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from heard.activities.models import Activity
from heard.activities.registry import own_rows
from heard.contributions.band_texts import (
    EASY_HELP_INTRO,
    EASY_HELP_LINES,
    EASY_HELP_TITLE,
    LOCAL_LINE,
)
from heard.safety.support import support_lines


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    activities = Activity.objects.filter(status=Activity.Status.OPEN).select_related(*own_rows())
    return render(request, "home.html", {"activities": activities})


@require_safe
def help_now(request: HttpRequest) -> HttpResponse:
    return render(request, "help/help.html")


@require_safe
def help_easy_read(request: HttpRequest) -> HttpResponse:
    """The help page in easy read: each line of help with a short sentence and a picture."""
    lines = [(EASY_HELP_LINES.get(line.name, LOCAL_LINE), line) for line in support_lines()]
    return render(request, "help/easy_read.html", {
        "easy_title": EASY_HELP_TITLE, "easy_intro": EASY_HELP_INTRO, "help_lines": lines})


@require_safe
def health(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "errors/csrf.html", status=403)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)

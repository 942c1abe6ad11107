"""Request checks that every page needs, so no single view can forget them."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class PermissionsPolicyMiddleware:
    """Tell browsers that no Heard page may use the camera, microphone, location and the like,
    so a script that somehow got in still could not reach them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


# Where heard/urls.py mounts the JSON API. The API reads its own bodies (JSON, through
# django-ninja) and answers a body it cannot read with its own 4xx; its actions refuse null
# characters themselves. Reading a multipart body here first would use up the request's stream,
# and the API's own read of it would then fail with a server error (RawPostDataException).
API_PATH = "/api/"


class RefuseNullCharactersMiddleware:
    """A null character in a form field cannot be stored by PostgreSQL and is never typed by a
    person; refuse the whole request with a clear page before any view writes anything. The
    pages' forms only: not the JSON API (see API_PATH)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and _has_null(request):
            return render(request, "errors/400.html", {
                "problem": "Something you typed contains a character that cannot be saved "
                           "(a null character). Go back, remove it and try again. "
                           "Nothing was saved."}, status=400)
        return self.get_response(request)


def _has_null(request: HttpRequest) -> bool:
    if request.content_type not in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return False
    if request.path.startswith(API_PATH):
        return False
    return any("\x00" in value for values in request.POST.lists() for value in values[1])

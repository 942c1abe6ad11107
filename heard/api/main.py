"""The API object, its error shapes, and the routers it mounts."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, Throttled, ValidationError

from . import public, staff

api = NinjaAPI(
    title="Heard API", version="1", openapi_url="/openapi.json", docs_url="/docs",
    # Swagger UI from django-ninja's own pinned files (ninja is in INSTALLED_APPS), and no
    # validator badge: it would load an image from swagger.io, outside our CSP.
    docs=Swagger(settings={"validatorUrl": None}),
    description=(
        "Public: activities, published contributions, themes and responses, and anonymous "
        "submission. Staff: send `Authorization: Bearer <token>` from POST /api/staff/token, "
        "which asks for the username, password and a code from the authenticator app. "
        "Wrong passwords and codes lock the account for a while (429); wrong tokens from one "
        "address are refused for a while (429). POST /api/contributions takes no CSRF token "
        "and should also be rate-limited at the reverse proxy."
    ),
    urls_namespace="api",
)
api.add_router("", public.router)
api.add_router("/staff", staff.router)

FRIENDLY = {
    "text": f"Write what you want to share, in {settings.HEARD_MAX_TEXT_LENGTH:,} characters or "
            "fewer.",
    "kind": "Choose what you want to share: story, problem or idea.",
    "perspectives": "Choose who you are from the list.",
    "activity": "Give the activity's short name (letters, numbers and dashes).",
    "consents": "Consents are analysis, quote and publish, each true or false.",
}


def _field(loc: list | tuple) -> str:
    parts = [str(p) for p in loc]
    # ninja prefixes the body parameter's name; people care about the field itself.
    if len(parts) > 1 and parts[0] == "body" and parts[1] == "payload":
        parts = ["body", *parts[2:]]
    return ".".join(parts)


def _message(error: dict) -> str:
    loc = [str(p) for p in error.get("loc", ())]
    for part in loc:
        if part in FRIENDLY:
            return FRIENDLY[part]
    return str(error.get("msg", "This value is not valid."))


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [{"field": _field(e.get("loc", ())), "message": _message(e)} for e in exc.errors]
    detail = errors[0]["message"] if errors else "The request is not valid."
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    message = str(exc) if exc.args else "Not found."
    return api.create_response(request, {"detail": message}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(
        request, {"detail": "Your role does not allow this."}, status=403)


@api.exception_handler(AuthenticationError)
def unauthorised(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request, {"detail": "Send a valid staff token: Authorization: Bearer <token>."},
        status=401)


@api.exception_handler(Throttled)
def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    minutes = max(1, int(exc.wait or 60) // 60)
    return api.create_response(
        request, {"detail": f"Too many wrong tokens came from this address. Wait {minutes} "
                            "minutes, then sign in again for a new token."}, status=429)

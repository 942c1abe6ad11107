"""Staff endpoints, behind a bearer token; each checks the permission its work needs."""

from __future__ import annotations

from collections import Counter

from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja import Path, Query, Router, Status

from heard.audit.log import record
from heard.contributions.access import get_contribution_for, live_contributions
from heard.contributions.models import Contribution
from heard.core.suppression import shown, suppress_below
from heard.core.vocab import PERSPECTIVE_SHORT_LABELS, PERSPECTIVES
from heard.people.roles import is_staff_member
from heard.people.sign_in_guard import locked_message
from heard.people.two_factor import (
    WAIT_MESSAGE,
    TooSoon,
    has_second_factor,
    verify_second_factor,
)
from heard.safety.access import open_flag_count
from heard.safety.moderation_queue import STATUS_FILTERS

from .auth import StaffToken, staff_user
from .schemas import (
    ErrorOut,
    MetricsOut,
    QueuePageOut,
    StaffContributionOut,
    TokenIn,
    TokenOut,
    ValidationErrorOut,
)
from .tokens import TOKEN_LIFETIME, issue_token

router = Router(tags=["staff"])
AUTH_ERRORS = {401: ErrorOut, 403: ErrorOut, 429: ErrorOut}
REFUSED = ("The username, password or code is wrong, or this account cannot use the API.")
NO_SECOND_FACTOR = ("Sign in on the web first and set up an authenticator app; the API asks for "
                    "its code too.")


@router.post("/token", response={200: TokenOut, 400: ErrorOut, 401: ErrorOut,
                                 422: ValidationErrorOut, 429: ErrorOut},
             summary="Swap a staff username, password and authenticator code for a token "
                     "valid for 8 hours")
def token(request: HttpRequest, payload: TokenIn) -> Status[dict]:
    user = authenticate(request, username=payload.username, password=payload.password)
    if getattr(request, "axes_locked_out", False):
        return Status(429, {"detail": locked_message()})
    if not isinstance(user, User) or not user.is_active or not is_staff_member(user):
        with transaction.atomic():
            record(None, "api.token_refused")
        return Status(401, {"detail": REFUSED})
    if not has_second_factor(user):
        return Status(401, {"detail": NO_SECOND_FACTOR})
    try:
        device = verify_second_factor(user, payload.code)
    except TooSoon:
        return Status(429, {"detail": WAIT_MESSAGE})
    if device is None:
        user_login_failed.send(sender=__name__, request=request,
                               credentials={"username": user.get_username(),
                                            "heard_stage": "second_factor"})
        if getattr(request, "axes_locked_out", False):
            return Status(429, {"detail": locked_message()})
        with transaction.atomic():
            record(None, "api.token_refused", user, stage="second_factor")
        return Status(401, {"detail": REFUSED})
    with transaction.atomic():
        record(user, "api.token_issued", user, lifetime_hours=TOKEN_LIFETIME.total_seconds() / 3600)
    return Status(200, {"token": issue_token(user), "token_type": "Bearer",
                 "expires_at": timezone.now() + TOKEN_LIFETIME})


@router.get("/moderation", auth=StaffToken(),
            response={200: QueuePageOut, **AUTH_ERRORS, 422: ValidationErrorOut},
            summary="The moderation queue: numbers and states only, never the words")
def moderation(request: HttpRequest,
               status: str = Query("waiting", pattern="^(waiting|held|rejected|published)$"),
               limit: int = Query(50, ge=1, le=100),
               offset: int = Query(0, ge=0, le=1_000_000)) -> dict:
    staff_user(request, "contributions.moderate_contribution")
    # The same states as the moderation queue's pages (safety.moderation_queue).
    found = (live_contributions().filter(status__in=STATUS_FILTERS[status])
             .select_related("activity").order_by("created_at", "id"))
    rows = list(found[offset:offset + limit + 1])
    items = [{"id": c.pk, "activity": c.activity.slug, "kind": c.kind, "status": c.status,
              "safety_level": c.safety_level, "submitted_at": c.submitted_at}
             for c in rows[:limit]]
    return {"items": items, "limit": limit, "offset": offset,
            "next_offset": offset + limit if len(rows) > limit else None}


@router.get("/contributions/{contribution_id}", auth=StaffToken(),
            response={200: StaffContributionOut, **AUTH_ERRORS, 404: ErrorOut,
                      422: ValidationErrorOut},
            summary="One contribution with its words (every look is audited)")
def contribution(request: HttpRequest,
                 contribution_id: int = Path(..., ge=1, le=2**63 - 1)) -> dict:
    user = staff_user(request, "contributions.view_contribution_text")
    with transaction.atomic():
        found = get_contribution_for(user, contribution_id)
    return {
        "id": found.pk, "activity": found.activity.slug, "kind": found.kind,
        "status": found.status, "safety_level": found.safety_level, "channel": found.channel,
        "title": found.title, "text": found.text, "public_text": found.public_text,
        "perspectives": [str(p) for p in found.perspectives or []],
        "consents": found.consents(), "submitted_at": found.submitted_at,
        "moderated_at": found.moderated_at,
    }


def _count(key: str, label: str, n: int) -> dict:
    value = shown(n)
    return {"key": key, "label": label, "value": value.value, "text": str(value),
            "suppressed": value.suppressed}


@router.get("/metrics", auth=StaffToken(), response={200: MetricsOut, **AUTH_ERRORS},
            summary="Counts of contributions, with small numbers suppressed")
def metrics(request: HttpRequest) -> dict:
    staff_user(request, "contributions.view_contribution_stats")
    live = live_contributions()
    statuses = Counter(live.values_list("status", flat=True))
    kinds = Counter(live.values_list("kind", flat=True))
    perspectives: Counter[str] = Counter()
    for row in live.values_list("perspectives", flat=True):
        perspectives.update({str(p) for p in row or []})
    return {
        "suppress_below": suppress_below(),
        "total": _count("total", "All contributions", live.count()),
        "by_status": [_count(s.value, str(s.label), statuses[s.value])
                      for s in Contribution.Status if s not in Contribution.GONE_STATUSES],
        "by_kind": [_count(k.value, str(k.label), kinds[k.value]) for k in Contribution.Kind],
        "by_perspective": [_count(p, PERSPECTIVE_SHORT_LABELS.get(p, p), perspectives[p])
                           for p in PERSPECTIVES],
        "open_safeguarding_flags": open_flag_count(),
    }

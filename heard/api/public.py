"""Public endpoints: no sign-in, only what the public pages already show."""

from __future__ import annotations

from dataclasses import asdict

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch
from django.http import Http404, HttpRequest
from ninja import Path, Query, Router, Status

from heard.accountability.access import published_responses
from heard.accountability.models import Action, ActionUpdate
from heard.activities.models import Activity
from heard.contributions import help_now
from heard.contributions.access import published_in, quotes_by_id
from heard.contributions.actions import ContributionError, NewContribution, do_submit_contribution
from heard.contributions.models import Contribution
from heard.contributions.presentation import public_perspectives
from heard.core.suppression import item_labels, shown
from heard.insight.access import themes_of
from heard.insight.themes_for import latest_run
from heard.safety.support import support_lines

from .schemas import (
    MAX_TEXT,
    SLUG_MAX_LENGTH,
    SLUG_PATTERN,
    ActivityOut,
    ContributionIn,
    ContributionPageOut,
    ErrorOut,
    ResponsePageOut,
    SubmittedOut,
    ThemesOut,
    ValidationErrorOut,
)

router = Router(tags=["public"])

Slug = Path(..., max_length=SLUG_MAX_LENGTH, pattern=SLUG_PATTERN)
Limit = Query(50, ge=1, le=100)
# Bounded so no offset can overflow the database's integer.
Offset = Query(0, ge=0, le=1_000_000)
NOT_FOUND = "There is no activity with that name."


def _visible_activities():  # type: ignore[no-untyped-def]
    return Activity.objects.public()


def _activity(slug: str) -> Activity:
    activity = _visible_activities().filter(slug=slug).first()
    if activity is None:
        raise Http404(NOT_FOUND)
    return activity


def _activity_out(activity: Activity) -> dict:
    return {
        "slug": activity.slug, "title": activity.title, "purpose": activity.purpose,
        "kind": activity.kind, "status": activity.status, "accepting": activity.is_accepting(),
        "opens_at": activity.opens_at, "closes_at": activity.closes_at,
    }


def _next(offset: int, limit: int, got: int) -> int | None:
    return offset + limit if got > limit else None


@router.get("/activities", response=list[ActivityOut], summary="Open and closed activities")
def activities(request: HttpRequest) -> list[dict]:
    return [_activity_out(a) for a in _visible_activities()]


@router.get("/activities/{slug}",
            response={200: ActivityOut, 404: ErrorOut, 422: ValidationErrorOut},
            summary="One activity")
def activity_detail(request: HttpRequest, slug: str = Slug) -> dict:
    return _activity_out(_activity(slug))


@router.get("/activities/{slug}/contributions",
            response={200: ContributionPageOut, 404: ErrorOut, 422: ValidationErrorOut},
            summary="Published contributions to an activity")
def activity_contributions(request: HttpRequest, slug: str = Slug, limit: int = Limit,
                           offset: int = Offset) -> dict:
    activity = _activity(slug)
    # published() leaves out anything withdrawn, erased, unconsented, unreviewed or flagged.
    rows = list(published_in(activity).order_by("-moderated_at", "-id")
                [offset:offset + limit + 1])
    # As on the public page: a group too small to count is not named on any item either.
    allowed = public_perspectives(published_in(activity))
    items = [{
        "kind": c.kind, "public_text": c.public_text,
        "perspectives": [str(p) for p in item_labels(c.perspectives or [], allowed)],
        "month": (c.submitted_at or c.created_at).strftime("%Y-%m")
        if (c.submitted_at or c.created_at) else None,
    } for c in rows[:limit]]
    return {"items": items, "limit": limit, "offset": offset,
            "next_offset": _next(offset, limit, len(rows))}


@router.get("/themes", response={200: ThemesOut, 404: ErrorOut, 422: ValidationErrorOut},
            summary="Themes from the latest finished analysis")
def themes(request: HttpRequest,
           scope: str = Query("all", max_length=SLUG_MAX_LENGTH, pattern=SLUG_PATTERN,
                              description='"all", or an activity\'s slug')) -> dict:
    if scope != "all":
        _activity(scope)
    run = latest_run(scope)
    if run is None:
        return {"scope": scope, "run_finished_at": None, "themes": []}
    found = list(themes_of(run))
    quote_ids = {q for t in found for q in t.quote_ids if isinstance(q, int)}
    # Quotes are ids: the words come from quote_text() now, so consent and withdrawal hold.
    quotable = quotes_by_id(quote_ids)
    out = []
    for theme in found:
        size = shown(theme.size)
        out.append({
            "key": theme.key, "label": theme.label,
            "key_words": [str(w) for w in theme.key_words or []],
            "size": size.value, "size_text": str(size),
            "quotes": [q for q in (quotable.get(i) for i in theme.quote_ids
                                   if isinstance(i, int)) if q],
        })
    return {"scope": scope, "run_finished_at": run.finished_at, "themes": out}


@router.get("/responses", response={200: ResponsePageOut, 404: ErrorOut, 422: ValidationErrorOut},
            summary='Published responses and their actions ("you said, we did")')
def responses(request: HttpRequest,
              activity: str | None = Query(None, max_length=SLUG_MAX_LENGTH, pattern=SLUG_PATTERN),
              limit: int = Limit, offset: int = Offset) -> dict:
    _everywhere, found = published_responses()
    if activity is not None:
        found = found.filter(activity=_activity(activity))
    found = found.prefetch_related(Prefetch(
        "actions", queryset=Action.objects.prefetch_related(
            Prefetch("updates", queryset=ActionUpdate.objects.order_by("created_at", "id")))))
    rows = list(found[offset:offset + limit + 1])
    items = [{
        "activity": r.activity.slug, "subject": r.subject, "theme_key": r.theme_key,
        "title": r.title, "body": r.body, "published_at": r.published_at,
        "actions": [{
            "title": a.title, "owner": a.owner, "status": a.status,
            "status_label": a.get_status_display(), "progress": a.progress,
            "due_date": a.due_date, "reason": a.reason, "overdue": a.is_overdue(),
            "timeline": [{"status": u.status, "progress": u.progress, "note": u.note,
                          "at": u.created_at} for u in a.updates.all()],
        } for a in r.actions.all()],
    } for r in rows[:limit]]
    return {"items": items, "limit": limit, "offset": offset,
            "next_offset": _next(offset, limit, len(rows))}


@router.post("/contributions",
             response={201: SubmittedOut, 400: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut},
             summary="Share a story, problem or idea",
             description=(
                 f"Anonymous, and free of CSRF tokens and cookies. Text: 1 to {MAX_TEXT:,} "
                 "characters. Deployments must rate-limit this endpoint at the reverse proxy."))
def submit(request: HttpRequest, payload: ContributionIn) -> Status[dict]:
    activity = _activity(payload.activity)
    new = NewContribution(
        kind=payload.kind, text=payload.text, perspectives=tuple(payload.perspectives),
        consents=payload.consents.model_dump(), channel=Contribution.Channel.WEB,
    )
    try:
        # Always anonymous: a browser session must not tie an API submission to an account,
        # since this endpoint takes no CSRF token.
        contribution, code = do_submit_contribution(activity, new, AnonymousUser(),
                                                    max_length=MAX_TEXT)
    except ContributionError as error:
        return Status(400, {"detail": str(error)})
    return Status(201, {
        "receipt_code": code, "status": contribution.status,
        "help_now": help_now.is_urgent(contribution.safety_level),
        "support_lines": [asdict(line) for line in support_lines()],
    })

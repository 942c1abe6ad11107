"""The only ways views reach activities, responses and ideas. Each helper raises 404 itself."""

from __future__ import annotations

import secrets
from typing import TypeVar

from django.db import models
from django.http import Http404, HttpRequest

from heard.contributions.models import Contribution
from heard.people.models import Receipt, hash_receipt_code, session_supporter_label
from heard.people.receipt_session import session_receipt_id
from heard.people.roles import participant_account

from .models import (
    Activity,
    ConsultationResponse,
    EventPart,
    IdeaSupport,
    Question,
)
from .participant_session import Remembered

KindRow = TypeVar("KindRow", bound=models.Model)

SUPPORTER_SESSION_KEY = "idea_supporter"


def get_public_activity(slug: str, kind: str) -> Activity:
    """Participants never see drafts, nor reach one kind's pages through another's address."""
    activity = Activity.objects.public().filter(slug=slug, kind=kind).first()
    if activity is None:
        raise Http404("No such activity")
    return activity


def get_activity(slug: str) -> Activity:
    """Staff pages: every kind and status."""
    activity = Activity.objects.filter(slug=slug).first()
    if activity is None:
        raise Http404("No such activity")
    return activity


def get_kind_row(model: type[KindRow], slug: str, missing: str) -> KindRow:
    """A kind's own row that stands beside its Activity (an Open Space event, an opinion map),
    found by the activity's address; 404 with `missing` when there is none."""
    row = model._default_manager.select_related("activity").filter(activity__slug=slug).first()
    if row is None:
        raise Http404(missing)
    return row


def get_question(activity: Activity, question_id: int) -> Question:
    question = activity.questions.filter(pk=question_id).first()
    if question is None:
        raise Http404("No such question in this consultation")
    return question


def get_event_part(activity: Activity, part: str, part_id: int) -> EventPart:
    found: EventPart | None = None
    if part == "presenter":
        found = activity.presenters.filter(pk=part_id).first()
    elif part == "material":
        found = activity.materials.filter(pk=part_id).first()
    elif part == "message":
        found = activity.key_messages.filter(pk=part_id).first()
    if found is None:
        raise Http404("No such part of this event")
    return found


DRAFT: Remembered[ConsultationResponse] = Remembered("consultation_draft")


def session_draft(request: HttpRequest, activity: Activity) -> ConsultationResponse | None:
    return DRAFT.recall(request, activity, ConsultationResponse.objects.filter(
        activity=activity, status=ConsultationResponse.Status.DRAFT))


def draft_for_code(activity: Activity, code: str) -> ConsultationResponse | None:
    """The saved answers a receipt code unlocks, in this consultation only."""
    return ConsultationResponse.objects.filter(
        activity=activity, receipt__code_hash=hash_receipt_code(code)).first()


def drafts_for_receipt(receipt: Receipt | None) -> list[ConsultationResponse]:
    if receipt is None:
        return []
    return list(ConsultationResponse.objects.filter(
        receipt=receipt, status=ConsultationResponse.Status.DRAFT).select_related("activity"))


def get_public_idea(activity: Activity, idea_id: int) -> Contribution:
    idea = activity.contributions.published().filter(
        pk=idea_id, kind=Contribution.Kind.IDEA).first()
    if idea is None:
        raise Http404("No such idea")
    return idea


def known_supporter(request: HttpRequest) -> str | None:
    """Who this browser supports ideas as, if it is anyone yet: a label with no words in it.

    A participant account is the strongest: it follows the person between devices. Next, a
    receipt entered on this browser. Otherwise the random token `supporter_for` kept in the
    session when this browser first backed an idea. Reading the list of ideas asks only this,
    so a person who only reads is given no session (decision 0054)."""
    account = participant_account(request)
    if account is not None:
        return f"account:{account.pk}"
    receipt_id = session_receipt_id(request)
    if receipt_id:
        return f"receipt:{receipt_id}"
    token = request.session.get(SUPPORTER_SESSION_KEY)
    return session_supporter_label(token) if token else None


def supporter_for(request: HttpRequest) -> str:
    """Who is supporting an idea now: `known_supporter`, or else a new random token kept in
    the session. Clearing cookies defeats it, which we accept rather than ask an anonymous
    person for more. Only backing an idea calls this: it writes the session."""
    known = known_supporter(request)
    if known is not None:
        return known
    token = secrets.token_urlsafe(24)
    request.session[SUPPORTER_SESSION_KEY] = token
    return session_supporter_label(token)


def ideas_supported_by(supporter: str | None, ideas: list[Contribution]) -> set[int]:
    """Which of these ideas this supporter (a label from supporter_for) has backed; none for a
    browser that has backed nothing yet."""
    if supporter is None:
        return set()
    return set(IdeaSupport.objects.filter(idea__in=ideas, supporter=supporter)
               .values_list("idea_id", flat=True))


def receipt_answered(receipt: Receipt, activity: Activity) -> bool:
    """Whether answers to this consultation were already sent under this receipt."""
    return ConsultationResponse.objects.filter(receipt=receipt, activity=activity).exists()


def support_count(idea: Contribution) -> int:
    """How many have backed an idea: a number only (the page rounds small ones away)."""
    return idea.supports.count()

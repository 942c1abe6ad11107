"""The only ways views reach contributions. Each helper raises 404 or 403 itself."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from heard.audit.log import record
from heard.people.models import Receipt

from .models import Contribution


def get_contribution_for(
    user: User | AnonymousUser,
    contribution_id: int,
    permission: str = "contributions.view_contribution_text",
) -> Contribution:
    """A staff member's view of one contribution; every successful look is audited."""
    if not user.has_perm(permission):
        raise PermissionDenied
    contribution = (
        Contribution.objects.filter(pk=contribution_id).select_related("activity").first()
    )
    if contribution is None:
        raise Http404("No such contribution")
    if contribution.held_for_safeguarding and not user.has_perm("safety.handle_safeguarding"):
        # Words kept before the person pressed Send are for the safeguarding lead alone.
        raise Http404("No such contribution")
    record(user, "contribution.viewed", contribution, permission=permission)
    return contribution


def owned_contributions(
    receipt: Receipt | None, user: User | AnonymousUser
) -> QuerySet[Contribution] | None:
    """What a participant may see and change: the contributions on the receipt they entered, or
    every contribution made while signed in to their own account. None if neither."""
    if receipt is not None:
        return receipt.contributions.all()
    if isinstance(user, User):
        return Contribution.objects.filter(receipt__account=user)
    return None


def contributions_for_owner(owned: QuerySet[Contribution]) -> list[Contribution]:
    return list(owned.select_related("activity").order_by("created_at", "id"))


def get_owned_contribution(owned: QuerySet[Contribution], contribution_id: int) -> Contribution:
    contribution = owned.filter(pk=contribution_id).first()
    if contribution is None:
        raise Http404("No such contribution among yours")
    return contribution

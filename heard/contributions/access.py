"""The only ways views reach contributions. Each helper raises 404 or 403 itself."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from heard.activities.models import Activity
from heard.audit.log import record
from heard.core.permissions import require_permission
from heard.people.models import Profile, Receipt, hash_receipt_code
from heard.people.roles import participant_account

from .forms import ExportWordsForm
from .models import Contribution


def receipt_for_code(code: str) -> Receipt | None:
    """The receipt a typed code opens, if any. Only the code's hash is stored; the view counts
    wrong guesses (`sign_in_guard.code_throttle`) before it calls this."""
    return Receipt.objects.filter(code_hash=hash_receipt_code(code)).first()


def held_disclosure(held_id: int | None) -> Contribution | None:
    """The words the share journey held for safeguarding before Send. The id comes from the
    person's own session state, never from the request, so nobody reaches another's words."""
    return Contribution.objects.filter(pk=held_id).first() if held_id else None


def remembered_profile(user: User | AnonymousUser) -> Profile | None:
    """A signed-in participant's own saved "about you" answers, offered again on the share
    journey; never for staff, whose accounts are not for sharing their own experience."""
    account = participant_account(user)
    return Profile.objects.filter(user=account).first() if account is not None else None


def get_contribution_for(
    user: User | AnonymousUser,
    contribution_id: int,
    permission: str = "contributions.view_contribution_text",
) -> Contribution:
    """A staff member's view of one contribution; every successful look is audited."""
    require_permission(user, permission)
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


RAW_TEXT_PERMISSION = "contributions.export_raw_text"
WAITING_FOR_CHECK = "waiting for a moderator to check for names and contact details"


def wants_raw_words(request: HttpRequest) -> bool:
    """An export asked for the words as written: only with the permission for it."""
    if ExportWordsForm(request.GET).value("words") != "raw":
        return False
    require_permission(request.user, RAW_TEXT_PERMISSION)
    return True


def checked_words(contribution: Contribution) -> tuple[str, str]:
    """(words_checked, text) for an analyst: only what a moderator reviewed and redacted."""
    if contribution.redactions_applied():
        return "yes", contribution.public_text
    return "no", ""


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


def live_contributions() -> QuerySet[Contribution]:
    """Every contribution not withdrawn or erased: for counts and staff pages that check the
    viewer's permission themselves. Words still go through `checked_words` or `quote_text`."""
    return Contribution.objects.live()


def reportable_contributions() -> QuerySet[Contribution]:
    """What reports count: live contributions that were sent (drafts never count)."""
    return live_contributions().exclude(status=Contribution.Status.DRAFT)


def quotes_from(contribution_ids: list[int]) -> list[str]:
    """Only consented, redacted words, read now: a withdrawn quote is simply gone."""
    rows = Contribution.objects.filter(pk__in=contribution_ids)
    return [q for q in (c.quote_text() for c in rows) if q]


def quotes_by_id(contribution_ids: set[int]) -> dict[int, str | None]:
    """As `quotes_from`, by contribution, so a caller can keep its own order; a quote that may
    not be shown is empty (`quote_text` decides)."""
    return {c.pk: c.quote_text() for c in Contribution.objects.filter(pk__in=contribution_ids)}


def find_idea(contribution_id: int) -> Contribution | None:
    """An idea staff may answer, or None when it has been taken back."""
    return Contribution.objects.filter(pk=contribution_id).select_related("activity").first()


def get_owned_contribution(owned: QuerySet[Contribution], contribution_id: int) -> Contribution:
    contribution = owned.filter(pk=contribution_id).first()
    if contribution is None:
        raise Http404("No such contribution among yours")
    return contribution


def published_in(activity: Activity) -> QuerySet[Contribution]:
    """What a moderator published for this activity: the public page shows only these."""
    return activity.contributions.published()


def for_analysis_in(activity: Activity) -> QuerySet[Contribution]:
    """This activity's contributions shared for analysis (the export checks the permission)."""
    return activity.contributions.for_analysis()


def on_receipt(receipt: Receipt) -> QuerySet[Contribution]:
    """What was sent under one receipt, first sent first; the receipt is the person's own,
    from their session or the token of their own press of Send."""
    return receipt.contributions.order_by("pk")

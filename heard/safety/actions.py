"""Moderation decisions. Publishing is only possible through do_publish, which checks consent."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from heard.audit.log import record
from heard.contributions.actions import ContributionError, _locked
from heard.contributions.models import Contribution

from .models import ModerationDecision


@transaction.atomic
def do_publish(
    contribution: Contribution, moderator: User, public_text: str, reason: str = ""
) -> Contribution:
    """Publish the moderator's checked version of the words, never the raw text by accident."""
    contribution = _locked(contribution)
    _refuse_if_gone(contribution)
    if not contribution.consent_publish:
        raise ContributionError("This person did not agree to publication on the website.")
    if not contribution.is_publishable():
        raise ContributionError("This contribution cannot be published.")
    if not public_text.strip():
        raise ContributionError("Enter the words to publish.")
    if len(public_text) > len(contribution.text) + 200:
        raise ContributionError("The words to publish must be the person's words, checked.")
    contribution.public_text = public_text.strip()
    return _decide(contribution, moderator, ModerationDecision.Decision.PUBLISH,
                   Contribution.Status.PUBLISHED, reason, extra_fields=["public_text"])


def do_hold(contribution: Contribution, moderator: User, reason: str) -> Contribution:
    return _withhold(contribution, moderator, reason, ModerationDecision.Decision.HOLD,
                     Contribution.Status.HELD)


def do_reject(contribution: Contribution, moderator: User, reason: str) -> Contribution:
    return _withhold(contribution, moderator, reason, ModerationDecision.Decision.REJECT,
                     Contribution.Status.REJECTED)


@transaction.atomic
def _withhold(
    contribution: Contribution, moderator: User, reason: str, decision: str, status: str
) -> Contribution:
    """Hold back or reject: off the site at once, with a reason the person will read."""
    contribution = _locked(contribution)
    _refuse_if_gone(contribution)
    if not reason.strip():
        raise ContributionError("Give a reason. The person will see it on their receipt page.")
    contribution.public_text = ""
    return _decide(contribution, moderator, decision, status, reason,
                   extra_fields=["public_text"])


def _refuse_if_gone(contribution: Contribution) -> None:
    if contribution.is_gone():
        raise ContributionError("This contribution has been withdrawn, so nothing can be decided.")
    if contribution.status == Contribution.Status.DRAFT:
        raise ContributionError("This contribution has not been sent yet.")


def _decide(
    contribution: Contribution,
    moderator: User,
    decision: str,
    status: str,
    reason: str,
    extra_fields: list[str],
) -> Contribution:
    contribution.status = status
    contribution.moderation_reason = reason.strip()
    contribution.moderated_by = moderator  # type: ignore[assignment]
    contribution.moderated_at = timezone.now()
    contribution.save(update_fields=["status", "moderation_reason", "moderated_by",
                                     "moderated_at", *extra_fields])
    ModerationDecision.objects.create(
        contribution=contribution, decision=decision, reason=reason.strip(),
        decided_by=moderator,
    )
    record(moderator, f"contribution.{decision}", contribution)
    return contribution

"""Moderation decisions. Publishing is only possible through do_publish, which checks consent."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from heard.audit.log import record
from heard.contributions.actions import ContributionError, _locked
from heard.contributions.models import Contribution

from .models import ModerationDecision
from .redaction import RedactionError, Span, apply_redactions
from .redaction_review import span_to_dict


@transaction.atomic
def do_review_redactions(
    contribution: Contribution, moderator: User, spans: list[Span]
) -> Contribution:
    """Record which words the moderator took out, and the redacted text that results. This is
    the only text that can ever be published or quoted."""
    contribution = _locked(contribution)
    _refuse_if_gone(contribution)
    try:
        redacted = apply_redactions(contribution.text, spans)
    except RedactionError as error:
        raise ContributionError(str(error)) from None
    contribution.redactions = [span_to_dict(s) for s in spans]
    contribution.public_text = redacted
    contribution.redaction_reviewed_at = timezone.now()
    contribution.save(update_fields=["redactions", "public_text", "redaction_reviewed_at"])
    by_type: dict[str, int] = {}
    for span in spans:
        by_type[span.entity_type] = by_type.get(span.entity_type, 0) + 1
    record(moderator, "redaction.reviewed", contribution, redactions=by_type)
    return contribution


@transaction.atomic
def do_publish(contribution: Contribution, moderator: User, reason: str = "") -> Contribution:
    """Publish the reviewed, redacted text. Every condition is checked here, under the lock."""
    contribution = _locked(contribution)
    _refuse_if_gone(contribution)
    if not contribution.consent_publish:
        raise ContributionError("This person did not agree to publication on the website.")
    if contribution.has_open_safeguarding_flag():
        raise ContributionError(
            "This has an open safeguarding flag. It can be published once the flag is closed.")
    if not contribution.redactions_applied():
        raise ContributionError("Review the redactions before publishing.")
    if not contribution.is_publishable():
        raise ContributionError("This contribution cannot be published.")
    return _decide(contribution, moderator, ModerationDecision.Decision.PUBLISH,
                   Contribution.Status.PUBLISHED, reason, extra_fields=[])


@transaction.atomic
def do_decide(contribution: Contribution, moderator: User, spans: list[Span], decision: str,
              reason: str = "") -> Contribution:
    """A moderator's whole decision in one transaction: the redactions they kept, then publish,
    hold or reject. A refusal of either part leaves both undone."""
    do_review_redactions(contribution, moderator, spans)
    if decision == "publish":
        return do_publish(contribution, moderator, reason)
    if decision == "hold":
        return do_hold(contribution, moderator, reason)
    return do_reject(contribution, moderator, reason)


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
    return _decide(contribution, moderator, decision, status, reason, extra_fields=[])


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

"""Safeguarding: flag risk on arrival, tell the safeguarding lead, record what they did.

Flags, alerts and their delivery tasks are written in the transaction that saves the
contribution, so a disclosure cannot be saved without its flag, nor flagged without its alert.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import transaction
from django.utils import timezone

from heard.audit.log import record
from heard.contributions.models import Contribution
from heard.people.erasure import words_removed
from heard.tasks.outbox import queue_email, recipient_key
from heard.tasks.queue import ALERT_LANE, enqueue, handler, periodic

from .models import SafeguardingAlert, SafeguardingFlag
from .triage_result import IMMEDIATE, NONE, TriageResult

logger = logging.getLogger(__name__)
# Between the latest words of a disclosure and what the person wrote before changing them.
EARLIER_WORDS = "\n\n--- Written earlier, before the person changed it ---\n"


def classify(text: str) -> TriageResult:
    """Triage `text` (heard.safety.triage.classify), importing the classifier on first use.

    Django's app registry reaches this module at start-up (activity kinds -> contributions ->
    safeguarding), and the classifier's model imports scikit-learn (about 0.85 CPU-seconds):
    every process that sets Django up, each test worker and each `heard worker` among them,
    would pay it, though only a process that saves or re-checks words needs it."""
    from .triage import classify as triage_classify

    return triage_classify(text)


class SafeguardingError(ValueError):
    """A request about a flag that cannot be carried out; safe to show to staff."""


def assess_on_arrival(
    contribution: Contribution, actor: AbstractBaseUser | AnonymousUser | None
) -> TriageResult:
    """Classify a newly saved contribution and flag it. Call inside the saving transaction."""
    result = classify(triaged_words(contribution))
    contribution.safety_level = result.level
    contribution.save(update_fields=["safety_level"])
    if result.level != NONE:
        do_flag_risk(contribution, result, actor)
    return result


def triaged_words(contribution: Contribution) -> str:
    """What triage reads, and so what the lead reads: the title is words the person wrote too.
    The trigger positions are positions in exactly this string."""
    if not contribution.title:
        return contribution.text
    return contribution.text + "\n" + contribution.title


def risk_level(text: str) -> str:
    """"immediate", "concern" or "none" for words not yet saved anywhere."""
    return classify(text).level


def immediate_risk(text: str, title: str = "") -> bool:
    """Do these words say someone may be unsafe now? Asked as soon as words are written."""
    return classify(text + "\n" + title).level == IMMEDIATE


def _trigger_rows(result: TriageResult) -> list[dict[str, object]]:
    return [t.as_dict() for t in result.triggers]


def take_in_changed_words(
    contribution: Contribution, earlier: str, actor: AbstractBaseUser | AnonymousUser | None,
) -> TriageResult:
    """Triage the changed words of a disclosure kept before Send into its open flag, with the
    earlier words kept under them. No second alert unless the level rose; a flag closed in the
    meantime means the new words get a flag of their own."""
    result = classify(triaged_words(contribution))
    contribution.safety_level = result.level
    contribution.save(update_fields=["safety_level"])
    flag = (SafeguardingFlag.objects.select_for_update()
            .filter(contribution=contribution, status__in=SafeguardingFlag.OPEN_STATUSES)
            .order_by("-created_at").first())
    if flag is None:
        if result.level != NONE:
            do_flag_risk(contribution, result, actor)
        return result
    flag.evidence_text = (f"{triaged_words(contribution)}{EARLIER_WORDS}"
                          f"{flag.evidence_text or earlier}")
    flag.triggers = _trigger_rows(result)
    rose = result.level == IMMEDIATE and flag.level != IMMEDIATE
    if rose:
        flag.level = result.level
    flag.save(update_fields=["evidence_text", "triggers", "level"])
    record(actor, "safeguarding.words_changed", flag, level=result.level)
    if rose:
        _raise_alert(flag, SafeguardingAlert.Kind.NEW_FLAG)
    return result


@transaction.atomic  # the flag, its audit row and its alert together, whoever calls it
def do_flag_risk(
    contribution: Contribution, result: TriageResult,
    actor: AbstractBaseUser | AnonymousUser | None,
) -> SafeguardingFlag:
    flag = SafeguardingFlag.objects.create(
        contribution=contribution, level=result.level,
        evidence_text=triaged_words(contribution), triggers=_trigger_rows(result),
    )
    record(actor, "safeguarding.flagged", flag, level=result.level, contribution=contribution.pk,
           triggers=len(result.triggers))
    if result.level == IMMEDIATE:
        _raise_alert(flag, SafeguardingAlert.Kind.NEW_FLAG)
    return flag


def _raise_alert(flag: SafeguardingFlag, kind: str) -> SafeguardingAlert:
    alert = SafeguardingAlert.objects.create(flag=flag, kind=kind)
    enqueue("safeguarding.deliver_alert", lane=ALERT_LANE, alert_id=alert.pk)
    return alert


def alert_recipients() -> list[str]:
    leads = User.objects.filter(groups__name="safeguarding_lead", is_active=True)
    emails = [u.email for u in leads if u.email]
    return sorted(set(emails) | set(settings.HEARD_SAFEGUARDING_EMAILS))


@handler("safeguarding.deliver_alert")
@transaction.atomic
def deliver_alert(alert_id: int) -> None:
    """Write one email per recipient to the outbox, each sent at most once on the alert lane.
    Idempotent: the alert row is locked, and the outbox refuses a second copy of a message."""
    alert = (SafeguardingAlert.objects.select_for_update().select_related("flag")
             .filter(pk=alert_id).first())
    if alert is None or alert.prepared_at is not None:
        return
    flag = alert.flag
    recipients = alert_recipients()
    if alert.kind == SafeguardingAlert.Kind.ESCALATION:
        recipients = sorted(set(recipients) | set(settings.HEARD_ESCALATION_EMAILS))
    if not recipients:
        # Nobody to tell: the alert waits, staff see a banner, and it is sent as soon as
        # someone is named (retry_alerts_without_recipients).
        logger.error("Safeguarding alert %s has no one to go to", alert.pk)
        return
    subject = (f"[Heard] {flag.get_level_display()}: {alert.get_kind_display().lower()} "
               f"(contribution {flag.contribution_id})")
    for address in recipients:
        queue_email(f"{alert.outbox_key()}-{recipient_key(address)}", [address], subject,
                    _alert_body(alert), lane=ALERT_LANE, about=alert.outbox_key())
    alert.prepared_at = timezone.now()
    alert.save(update_fields=["prepared_at"])
    record(None, "safeguarding.alert_queued", alert, flag=flag.pk, recipients=len(recipients))


def _alert_body(alert: SafeguardingAlert) -> str:
    # Email is not a safe place for a child's words: say where to look, not what was said.
    flag = alert.flag
    return (
        f"A contribution to Heard has been flagged as {flag.get_level_display().lower()}.\n\n"
        f"Contribution number: {flag.contribution_id}\n"
        f"Flagged at: {flag.created_at:%Y-%m-%d %H:%M} UTC\n"
        f"Reasons: {'; '.join(sorted({t['reason'] for t in flag.triggers})) or 'see dashboard'}\n\n"
        "Sign in to the safeguarding dashboard to read it and record what you do: "
        "/staff/safeguarding/\n"
    )


@periodic
def retry_alerts_without_recipients() -> None:
    """Alerts raised while no one was named go out once someone is."""
    waiting = SafeguardingAlert.objects.filter(
        prepared_at__isnull=True, created_at__lt=timezone.now() - timedelta(seconds=30))
    if not waiting.exists() or not alert_recipients():
        return
    for alert_id in list(waiting.values_list("pk", flat=True)[:100]):
        deliver_alert(alert_id)


@periodic
def escalate_unacknowledged_flags() -> None:
    cutoff = timezone.now() - timedelta(minutes=settings.HEARD_ESCALATE_AFTER_MINUTES)
    overdue = SafeguardingFlag.objects.filter(
        status=SafeguardingFlag.Status.OPEN, level=SafeguardingFlag.Level.IMMEDIATE,
        escalated_at__isnull=True, created_at__lt=cutoff,
    ).values_list("pk", flat=True)
    for flag_id in list(overdue):
        _escalate(flag_id)


@transaction.atomic
def _escalate(flag_id: int) -> None:
    flag = SafeguardingFlag.objects.select_for_update().get(pk=flag_id)
    if flag.escalated_at is not None or flag.status != SafeguardingFlag.Status.OPEN:
        return
    flag.escalated_at = timezone.now()
    flag.save(update_fields=["escalated_at"])
    _raise_alert(flag, SafeguardingAlert.Kind.ESCALATION)
    record(None, "safeguarding.escalated", flag)


def _locked_flag(flag: SafeguardingFlag) -> SafeguardingFlag:
    return SafeguardingFlag.objects.select_for_update().get(pk=flag.pk)


@transaction.atomic
def do_acknowledge_flag(flag: SafeguardingFlag, lead: User) -> SafeguardingFlag:
    flag = _locked_flag(flag)
    if flag.status != SafeguardingFlag.Status.OPEN:
        raise SafeguardingError("This flag has already been acknowledged.")
    flag.status = SafeguardingFlag.Status.ACKNOWLEDGED
    flag.acknowledged_by = lead
    flag.acknowledged_at = timezone.now()
    flag.save(update_fields=["status", "acknowledged_by", "acknowledged_at"])
    record(lead, "safeguarding.acknowledged", flag)
    return flag


def _open_flag_and_note(flag: SafeguardingFlag, note: str, closed: str,
                        empty: str) -> tuple[SafeguardingFlag, str]:
    """Lock the flag and check what the lead writes on it: the flag must still be open and the
    note (the action taken, or the outcome) must say something. Each message says which."""
    flag = _locked_flag(flag)
    if not flag.is_open():
        raise SafeguardingError(closed)
    if not note.strip():
        raise SafeguardingError(empty)
    return flag, note.strip()


@transaction.atomic
def do_record_flag_action(flag: SafeguardingFlag, lead: User, action: str) -> SafeguardingFlag:
    flag, action = _open_flag_and_note(flag, action, "This flag is closed.",
                                       "Describe the action taken.")
    flag.status = SafeguardingFlag.Status.ACTION_TAKEN
    flag.action_taken = action
    flag.action_taken_at = timezone.now()
    if flag.acknowledged_at is None:
        flag.acknowledged_by, flag.acknowledged_at = lead, flag.action_taken_at
    flag.save(update_fields=["status", "action_taken", "action_taken_at", "acknowledged_by",
                             "acknowledged_at"])
    record(lead, "safeguarding.action_recorded", flag)
    return flag


def _erase_words_never_sent(contribution: Contribution, lead: User) -> None:
    """Words kept before the person pressed Send, once the lead has closed the flag on them:
    there is no consent to keep them for anything else."""
    if contribution.safeguarding_flags.filter(  # type: ignore[attr-defined]
            status__in=SafeguardingFlag.OPEN_STATUSES).count() > 1:
        return  # another flag on the same words is still open
    contribution.text = contribution.title = contribution.public_text = ""
    contribution.redaction_suggestions = None
    contribution.redactions = []
    contribution.status = Contribution.Status.ERASED
    contribution.save(update_fields=["text", "title", "public_text", "redaction_suggestions",
                                     "redactions", "status"])
    record(lead, "contribution.erased", contribution, reason="never sent; flag closed")


@transaction.atomic
def do_close_flag(flag: SafeguardingFlag, lead: User, outcome: str) -> SafeguardingFlag:
    flag, outcome = _open_flag_and_note(flag, outcome, "This flag is already closed.",
                                        "Record the outcome before closing.")
    if flag.status == SafeguardingFlag.Status.OPEN:
        raise SafeguardingError("Acknowledge the flag and record the action taken first.")
    flag.status = SafeguardingFlag.Status.CLOSED
    flag.outcome = outcome
    flag.closed_by, flag.closed_at = lead, timezone.now()
    fields = ["status", "outcome", "closed_by", "closed_at"]
    if flag.contribution.held_for_safeguarding:
        _erase_words_never_sent(flag.contribution, lead)
    if flag.contribution.is_gone():
        # The person withdrew, or never sent the words: they were kept only for as long as the
        # duty of care needed.
        flag.evidence_text = ""
        flag.triggers = [{k: v for k, v in t.items() if k != "phrase"} for t in flag.triggers]
        fields += ["evidence_text", "triggers"]
        words_removed()
    flag.save(update_fields=fields)
    record(lead, "safeguarding.closed", flag)
    return flag

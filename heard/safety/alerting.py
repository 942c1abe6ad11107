"""Can a safeguarding alert reach a person right now? Asked by the production check, the staff
banner and the help shown to participants, so that all three say the same, true thing."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from heard.core.numbers import whole_number
from heard.tasks.models import OutboxEmail
from heard.tasks.queue import ALERT_LANE

from .models import SafeguardingAlert, SafeguardingFlag
from .safeguarding import alert_recipients

# Email backends that print, store or drop messages instead of delivering them. A deployment's
# own backend is trusted unless its name says it is one of these.
NOT_DELIVERING = ("console", "locmem", "dummy", "filebased")
# An alert email still unsent after this long is a problem staff should hear about.
LATE_AFTER = timedelta(minutes=2)


def backend_delivers(backend: str | None = None) -> bool:
    name = (backend or settings.EMAIL_BACKEND).lower()
    return not any(word in name for word in NOT_DELIVERING)


def configuration_problems() -> list[str]:
    """What stops every alert, whatever the database holds. Used by the system check too."""
    problems = []
    if not backend_delivers():
        problems.append(
            f"Safeguarding alerts are not emailed: EMAIL_BACKEND is {settings.EMAIL_BACKEND}, "
            "which prints or keeps messages instead of sending them.")
    return problems


def alerts_reach_a_person() -> bool:
    """Would an alert raised now be emailed to someone? Participants are told only this."""
    return backend_delivers() and bool(alert_recipients())


def delivery_problems() -> list[str]:
    """Everything staff should know about alerts that cannot, or did not, reach a person."""
    problems = configuration_problems()
    if not alert_recipients():
        problems.append("No one is set to receive safeguarding alerts. Set "
                        "HEARD_SAFEGUARDING_EMAILS, or give a safeguarding lead an email address.")
    waiting = SafeguardingAlert.objects.filter(
        prepared_at__isnull=True, created_at__lt=timezone.now() - timedelta(minutes=1)).count()
    if waiting:
        problems.append(f"{_alerts(waiting)} not been sent to anyone yet.")
    undelivered = _undelivered_alerts_for_new_flags()
    if undelivered:
        problems.append(f"{_alerts(undelivered)} not reached everyone. Read the flags on the "
                        "safeguarding page.")
    return problems


def _alerts(count: int) -> str:
    return "1 safeguarding alert has" if count == 1 else f"{count} safeguarding alerts have"


def _undelivered_alerts_for_new_flags() -> int:
    """Alerts whose email failed, may not have arrived, or is late, for flags nobody has
    acknowledged yet (once a lead has, the alert has done its job)."""
    late = timezone.now() - LATE_AFTER
    State = OutboxEmail.State
    keys = set(OutboxEmail.objects.filter(lane=ALERT_LANE, state__in=(
        State.UNCERTAIN, State.FAILED)).values_list("about", flat=True))
    keys |= set(OutboxEmail.objects.filter(
        lane=ALERT_LANE, created_at__lt=late,
        state__in=(State.PENDING, *OutboxEmail.IN_FLIGHT_STATES)).values_list("about", flat=True))
    ids = [n for key in keys if (n := whole_number(key.rsplit("-", 1)[-1])) is not None]
    return SafeguardingAlert.objects.filter(
        pk__in=ids, flag__status=SafeguardingFlag.Status.OPEN).count()

"""Telling people whose words fed something that it has a response or an action moved on."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import translation
from django.utils.translation import gettext

from heard.audit.log import record
from heard.contributions.models import Contribution
from heard.people.models import Receipt
from heard.tasks.outbox import queue_email
from heard.tasks.queue import handler

from .models import Response


def contributions_answered_by(response: Response) -> QuerySet[Contribution]:
    """Whose words fed this response: the idea itself, the theme's members, or the activity."""
    live = Contribution.objects.live()
    if response.subject == Response.Subject.IDEA:
        return live.filter(pk=response.contribution_id or 0)
    if response.subject == Response.Subject.THEME:
        from heard.insight.themes_for import contributions_in_theme

        return contributions_in_theme(response.theme_key)
    return live.filter(activity=response.activity)


def responses_for(contribution: Contribution) -> list[Response]:
    """Everything that answers this person's contribution, newest first."""
    from heard.insight.themes_for import theme_keys_of

    found = Response.objects.filter(published_at__isnull=False).filter(
        activity=contribution.activity, subject=Response.Subject.ACTIVITY,
    ) | Response.objects.filter(published_at__isnull=False, contribution=contribution) \
      | Response.objects.filter(published_at__isnull=False,
                                theme_key__in=theme_keys_of(contribution))
    return list(found.distinct().prefetch_related("actions__updates").order_by("-published_at"))


@handler("accountability.notify")
@transaction.atomic
def notify(response_id: int, event: str) -> None:
    response = Response.objects.filter(pk=response_id).first()
    if response is None:
        return
    receipts = Receipt.objects.filter(
        contributions__in=contributions_answered_by(response), email_consent_at__isnull=False,
    ).exclude(email="").distinct()
    queued = sum(_queue_notice(response, receipt, event) for receipt in receipts)
    # Each email holds a person's address: the log says how many were queued and why, never to
    # whom. A retry queues none again (one message per receipt per event) and records nothing.
    if queued:
        record(None, "accountability.notified", response, event=event, emails=queued)


def _queue_notice(response: Response, receipt: Receipt, event: str) -> bool:
    # In the language the person chose the emails in (English when unknown).
    language = receipt.language or settings.LANGUAGE_CODE
    with translation.override(language):
        title, body = (response.welsh_or_english(field, language)[0]
                       for field in ("title", "body"))
        return queue_email(f"{event}-receipt-{receipt.pk}", [receipt.email],
                           gettext("An update on what you shared: %(title)s") % {"title": title},
                           _body(title, body))


def _body(title: str, body: str) -> str:
    # The response's title and body are staff's words: their Welsh wording when the person
    # used Welsh and staff gave one, otherwise the English as written.
    return (
        gettext("Something has changed about what you shared with us.") + "\n\n"
        f"{title}\n\n{body}\n\n"
        + gettext("To see every action and its progress, go to /receipt/ and enter your "
                  "receipt code.") + "\n"
        + gettext("You can stop these emails on that page.") + "\n"
    )

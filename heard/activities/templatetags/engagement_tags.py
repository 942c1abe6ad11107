from __future__ import annotations

from django import template
from django.utils.translation import gettext

from heard.activities.access import drafts_for_receipt
from heard.activities.models import ConsultationResponse
from heard.core.suppression import ShownCount
from heard.people.models import Receipt

register = template.Library()


@register.simple_tag
def consultation_drafts(receipt: Receipt | None) -> list[ConsultationResponse]:
    """Saved, unsent consultation answers on the receipt the person entered."""
    return drafts_for_receipt(receipt) if isinstance(receipt, Receipt) else []


@register.filter
def required_count(activity: object) -> int:
    """How many questions need an answer, so the page never says "answer the ones you want
    to" above a question that must be answered."""
    from heard.activities.models import Activity

    return activity.questions.filter(required=True).count() if isinstance(activity, Activity) \
        else 0


@register.filter
def shown_count(count: object) -> str:
    """A count that may be hidden, in the page's language: "fewer than 5" when it is."""
    if isinstance(count, ShownCount) and count.suppressed:
        return gettext("fewer than %(threshold)s") % {"threshold": count.threshold}
    return str(count)

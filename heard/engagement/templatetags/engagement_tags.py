from __future__ import annotations

from django import template

from heard.engagement.access import drafts_for_receipt
from heard.engagement.models import ConsultationResponse
from heard.people.models import Receipt

register = template.Library()


@register.simple_tag
def consultation_drafts(receipt: Receipt | None) -> list[ConsultationResponse]:
    """Saved, unsent consultation answers on the receipt the person entered."""
    return drafts_for_receipt(receipt) if isinstance(receipt, Receipt) else []

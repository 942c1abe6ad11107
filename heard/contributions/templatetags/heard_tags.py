from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key, key)


@register.filter
def words_for_others(contribution: Any) -> str:
    """Someone's words as others may see them before moderation: redacted, never raw."""
    from heard.safety.shown_text import words_for_others as redacted

    return redacted(contribution)


@register.filter
def topic_title_for(topic: Any, registration: Any) -> str:
    """An Open Space topic's title for this participant: their own as written, anyone else's
    with names and contact details taken out."""
    return str(topic.title_for(registration))

"""Template filters and tags every page may use (a builtin library: see TEMPLATES in settings).
They sit at the top layer because they reach into several apps, each lazily."""

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
def date_parts(value: Any) -> list[str]:
    """Day, month and year for the GOV.UK date input: as typed, or from a stored date."""
    from heard.date_input import date_parts as parts

    return parts(value)


@register.inclusion_tag("includes/step.html", takes_context=True)
def step_indicator(context: Any) -> dict[str, Any]:
    """"Step 2 of 6" on the pages of a multi-step journey (see heard/journeys.py)."""
    from heard.journeys import step_of

    return {"step": step_of(context.get("request"))}


@register.filter
def receipt_groups(code: str) -> list[str]:
    """A receipt code's groups of four, so each can be kept whole on a narrow screen."""
    from heard.people.models import format_receipt_code

    # Some pages are handed the code without its dashes: group it the same way everywhere.
    return format_receipt_code(str(code or "").replace("-", "")).split("-") if code else []


@register.filter
def topic_title_for(topic: Any, registration: Any) -> str:
    """An Open Space topic's title for this participant: their own as written, anyone else's
    with names and contact details taken out."""
    return str(topic.title_for(registration))


@register.simple_tag
def take_part(activity: Any) -> Any:
    """Where a person takes part in this activity (its kind says), or None."""
    from heard.activities.registry import take_part as entry

    return entry(activity)


@register.filter
def paper_form_code(activity: Any) -> str:
    """The short code printed on an activity's paper form, which staff type back in."""
    from heard.contributions.paper import form_code_for

    return form_code_for(activity)

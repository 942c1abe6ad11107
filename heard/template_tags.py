"""Template filters and tags every page may use (a builtin library: see TEMPLATES in settings).
They sit at the top layer because they reach into several apps, each lazily."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import translation
from django.utils.html import conditional_escape, format_html, format_html_join

register = template.Library()


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key, key)


@register.filter
def words_for_others(contribution: Any) -> str:
    """Someone's words as others may see them before moderation: redacted, never raw."""
    from heard.safety.shown_text import words_for_others as redacted

    return redacted(contribution)


@register.simple_tag
def suppress_below() -> int:
    """The deployment's small-number threshold (HEARD_SUPPRESS_BELOW): counts from 1 to one
    less are hidden. Wording that explains the rule names it through this tag, so a service
    that sets a higher threshold is not told "fewer than 5" beside a "fewer than 10"."""
    from heard.core.suppression import suppress_below as threshold

    return threshold()


@register.simple_tag
def localised(thing: Any, field: str) -> str:
    """Staff-typed text (an activity's title or purpose, a question's text or hint) in the
    page's language. English shown in place of missing Welsh is wrapped in lang="en", so screen
    readers switch voice (WCAG 3.1.2)."""
    text, is_fallback = thing.welsh_or_english(field, translation.get_language() or "")
    return _marked(text, is_fallback)


@register.simple_tag
def localised_plain(thing: Any, field: str) -> str:
    """The same text unmarked, for places that shorten it or take no markup (hidden labels);
    it is escaped as any variable is."""
    return str(thing.welsh_or_english(field, translation.get_language() or "")[0])


def _marked(text: str, is_fallback: bool) -> str:
    if is_fallback:
        return format_html('<span lang="en">{}</span>', text)
    return conditional_escape(text)


@register.simple_tag
def localised_choices(question: Any) -> list[tuple[str, str]]:
    """A question's answers as (stored value, label in the page's language), each label marked
    lang="en" where it stands in for missing Welsh."""
    language = translation.get_language() or ""
    return [(value, _marked(label, is_fallback))
            for value, label, is_fallback in question.choice_labels(language)]


@register.simple_tag
def localised_values(question: Any, values: Any) -> str:
    """Answers someone picked (stored English values), shown in the page's language."""
    language = translation.get_language() or ""
    labels = {value: _marked(label, fallback)
              for value, label, fallback in question.choice_labels(language)}
    return format_html_join(", ", "{}", ((labels.get(v, v),) for v in values))


@register.filter
def translated(label: Any) -> str:
    """A label marked in Python with gettext_noop (a Lundy element, a ladder rung, a perspective
    group), in the page's language. The data keeps the English, so CSV and JSON stay as they
    are; words with no entry in the catalogue come back as they are."""
    return translation.gettext(str(label)) if label else ""


@register.filter(name="count_words")
def count_words_filter(text: Any) -> str:
    """A published count ("fewer than 5", "hidden" or a number) in the page's language."""
    from heard.reports.key_messages import count_words

    return count_words(str(text))


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


@register.simple_tag(takes_context=True)
def band_words(context: Any) -> Any:
    """The share journey's words for the person's age band (the view passes them as `texts`),
    or the general words on pages other flows share, such as a consultation's "Who are you?"."""
    from heard.contributions.band_texts import GENERAL_TEXTS

    return context.get("texts") or GENERAL_TEXTS


@register.simple_tag
def easy_help_intro() -> Any:
    """The easy-read help sentences, for the help banner on the youngest bands' pages."""
    from heard.contributions.band_texts import EASY_HELP_INTRO

    return EASY_HELP_INTRO


@register.filter
def paper_form_code(activity: Any) -> str:
    """The short code printed on an activity's paper form, which staff type back in."""
    from heard.contributions.paper import form_code_for

    return form_code_for(activity)

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext

from heard.quality.frameworks import INFLUENCE_SCORES
from heard.quality.session import allow_influence_answer

register = template.Library()


@register.simple_tag(takes_context=True)
def allow_influence_question(context: Any, activity: Any) -> str:
    """Placed in the question's form: only a session that reached the end of the share journey
    (the one page that renders it) may answer, so answers cannot be stuffed by anyone else."""
    request = context.get("request")
    if request is not None and activity is not None:
        allow_influence_answer(request, activity.pk)
    return ""


@register.simple_tag
def influence_scores() -> tuple[tuple[int, str], ...]:
    return tuple((score, gettext(label)) for score, label in INFLUENCE_SCORES)

"""The words other people may see before a moderator has published anything.

Open Space notes and solutions are read by the people in the event and by facilitators while the
event runs, long before moderation. Names, phone numbers and schools must not travel that way, so
they see the moderator's reviewed text where there is one, otherwise the text with the machine's
suggested redactions applied, and nothing at all until the suggestions exist.
"""

from __future__ import annotations

from heard.contributions.models import Contribution

from .redaction import RedactionError, apply_redactions
from .redaction_review import span_from_dict

NOT_CHECKED_YET = "These words are being checked for names and contact details. Look again soon."


def redacted_words(contribution: Contribution) -> str | None:
    """Reviewed text, else the machine-redacted text; None while neither exists yet."""
    if contribution.redactions_applied():
        return contribution.public_text
    if contribution.redaction_suggestions is None:
        return None
    try:
        spans = [span_from_dict(d) for d in contribution.redaction_suggestions]
        return apply_redactions(contribution.text, spans)
    except RedactionError:
        return None  # suggestions no longer fit the text (edited since): wait for new ones


def words_for_others(contribution: Contribution, waiting: str = NOT_CHECKED_YET) -> str:
    words = redacted_words(contribution)
    return waiting if words is None else words


def excerpt(contribution: Contribution, length: int = 160) -> str | None:
    """The start of the redacted words on one line, for lists staff pick from; None while
    the words are still being checked."""
    words = redacted_words(contribution)
    if words is None:
        return None
    words = " ".join(words.split())
    if len(words) <= length:
        return words
    return words[:length].rsplit(" ", 1)[0] + "…"

"""Checking consultation answers before anything is saved. The messages are shown to the person,
so they are short and plain."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .models import Activity, Question

FIELD_PREFIX = "q-"


class EngagementError(ValueError):
    """A request that cannot be carried out; the message is safe to show to the person."""


@dataclass(frozen=True)
class CleanAnswer:
    question: Question
    text: str = ""
    choices: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return not self.text.strip() and not self.choices


def closed_message(activity: Activity, noun: str = "consultation") -> str:
    """Why nothing was saved, in the page's language. Each kind has whole sentences of its own
    (not a noun slotted into one), as other languages inflect the noun and its article."""
    if activity.closes_at is not None:
        day = formats.date_format(activity.closes_at - timedelta(seconds=1), "j F Y")
        if noun == "call for ideas":
            return _("This call for ideas closed on %(day)s. Nothing you sent was saved.") % {
                "day": day}
        return _("This consultation closed on %(day)s. Nothing you sent was saved.") % {
            "day": day}
    if noun == "call for ideas":
        return _("This call for ideas is not open now. Nothing you sent was saved.")
    return _("This consultation is not open now. Nothing you sent was saved.")


def raw_answers_from(post: dict[str, list[str]]) -> dict[str, list[str]]:
    """The answer fields of a form, keyed by the question's number as typed."""
    return {key[len(FIELD_PREFIX):]: values for key, values in post.items()
            if key.startswith(FIELD_PREFIX)}


def clean_answers(
    activity: Activity, raw: dict[str, list[str]], *, complete: bool,
    max_length: int | None = None,
) -> list[CleanAnswer]:
    """Check every answer against its question. `complete` also asks for required answers,
    which a saved draft may still be missing. `max_length`: the longest written answer, the
    deployment's limit (HEARD_MAX_TEXT_LENGTH) unless given."""
    max_length = settings.HEARD_MAX_TEXT_LENGTH if max_length is None else max_length
    questions = {str(q.pk): q for q in activity.questions.all()}
    unknown = set(raw) - set(questions)
    if unknown:
        raise EngagementError(_("One of the answers is for a question that is not in this "
                                "consultation. Nothing was saved."))
    cleaned = [_clean_one(q, raw.get(key, []), max_length) for key, q in questions.items()]
    if complete:
        for answer in cleaned:
            if answer.question.required and answer.is_empty():
                raise EngagementError(_("Answer the question “%(question)s”.")
                                      % {"question": _asked(answer.question)})
    return [answer for answer in cleaned if not answer.is_empty()]


def _asked(question: Question) -> str:
    """The question as the person saw it, so a message in Welsh quotes the Welsh wording."""
    return question.welsh_or_english("text", get_language() or "")[0]


def _clean_one(question: Question, values: list[str], max_length: int) -> CleanAnswer:
    values = [v for v in values if v.strip()]
    if any("\x00" in v for v in values):
        raise EngagementError(_("An answer contains a character that cannot be saved (a null "
                                "character). Remove it and try again."))
    if not question.takes_choices():
        text = "\n".join(values)
        if len(text) > max_length:
            raise EngagementError(_("Your answer to “%(question)s” must be %(max)s characters "
                                    "or fewer.") % {"question": _asked(question),
                                                    "max": f"{max_length:,}"})
        return CleanAnswer(question, text=text)
    if question.kind == Question.Kind.SINGLE and len(values) > 1:
        raise EngagementError(_("Choose only one answer to “%(question)s”.")
                              % {"question": _asked(question)})
    if set(values) - set(question.choices):
        raise EngagementError(_("Choose from the answers given for “%(question)s”.")
                              % {"question": _asked(question)})
    # Keep the order the question shows, whatever order the browser sent them in.
    return CleanAnswer(question, choices=tuple(c for c in question.choices if c in values))

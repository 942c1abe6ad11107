"""Every write to a wellbeing survey: waves (facilitators), responses (participants) and
reference figures (staff). Each is one transaction with an audit row. A child's scores carry no
words; what they write in the last box goes through do_submit_contribution, so it is triaged,
flagged and moderated like every other contribution."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from heard.activities.models import Activity
from heard.activities.registry import kind_of
from heard.analysis.wellbeing_waves import ReferenceRow
from heard.audit.log import record
from heard.contributions.actions import (
    ContributionError,
    NewContribution,
    do_submit_contribution,
)
from heard.contributions.models import Contribution
from heard.core.model_parts import longest
from heard.core.numbers import whole_number

from .models import Wave, WaveAnswer, WaveResponse, WellbeingReference
from .questions import (
    COMMENT_MAX_LENGTH,
    PERSPECTIVE_CHOICES,
    QUESTION_SETS,
    QUESTION_TEXT,
    SCALES,
)

Actor = User | AnonymousUser | None
COMMENT_SOURCE = "wellbeing.WaveResponse.comment"


@dataclass(frozen=True)
class Sent:
    """What one Send made: the response, the receipt code for the words in the last box (shown
    once, so the person can see what happened to them or take them back; "" when they wrote
    nothing) and whether those words showed immediate risk (help is shown at once)."""
    response: WaveResponse
    code: str = ""
    urgent: bool = False


class WellbeingError(ValueError):
    """A request that cannot be carried out; the message is safe to show."""


def _check_survey(activity: Activity) -> None:
    if not kind_of(activity).runs_in_waves:
        raise WellbeingError("This activity is not a wellbeing survey.")


def open_wave(activity: Activity, day: date | None = None) -> Wave | None:
    """The wave taking answers today, if any."""
    day = day or timezone.localdate()
    return activity.waves.filter(opens_on__lte=day, closes_on__gte=day).order_by("number").first()


@transaction.atomic
def do_add_wave(activity: Activity, opens_on: date, closes_on: date, actor: User) -> Wave:
    """Run the survey again: the next wave number, the same questions, its own dates. Waves
    may not overlap, so each answer belongs to exactly one."""
    _check_survey(activity)
    Activity.objects.select_for_update().filter(pk=activity.pk).first()  # one new wave at a time
    if closes_on < opens_on:
        raise WellbeingError("The wave must close on or after the day it opens.")
    last = activity.waves.order_by("-number").first()
    if last is not None and opens_on <= last.closes_on:
        raise WellbeingError(f"Wave {last.number} is open until {last.closes_on:%-d %B %Y}. "
                             "Start the new wave after that day.")
    number = (activity.waves.aggregate(top=Max("number"))["top"] or 0) + 1
    wave = Wave.objects.create(activity=activity, number=number, opens_on=opens_on,
                               closes_on=closes_on)
    record(actor, "wellbeing_wave.added", wave, number=number, opens_on=str(opens_on),
           closes_on=str(closes_on))
    return wave


def _clean_answers(band: str, answers: Mapping[str, str]) -> list[tuple[str, int, int]]:
    scale = len(SCALES[band])
    cleaned = []
    for question in QUESTION_SETS[band]:
        raw = answers.get(question.key, "")
        if raw in ("", "skip"):
            continue  # every question may be left out
        choice = whole_number(raw)
        if choice is None or not 0 <= choice < scale:
            raise WellbeingError(_("Choose one of the answers for each question."))
        cleaned.append((question.key, choice, scale))
    if not cleaned:
        raise WellbeingError(_("Answer at least one question, then press Send."))
    return cleaned


def _clean_comment(comment: str) -> str:
    comment = comment.strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise WellbeingError(_("What you write must be %(max)s characters or fewer.")
                             % {"max": f"{COMMENT_MAX_LENGTH:,}"})
    if "\x00" in comment:
        raise WellbeingError(_("What you wrote has a character that cannot be saved."))
    return comment


@transaction.atomic
def do_submit_wellbeing_response(activity: Activity, band: str, perspective: str,
                                 answers: Mapping[str, str], comment: str, actor: Actor,
                                 day: date | None = None, send_token: str = "") -> Sent:
    """Save one person's answers in the wave open today. Nothing is saved if anything is wrong.
    The same send_token again (Send pressed twice, or the page sent again) gives back the
    response the first one made and saves nothing more."""
    _check_survey(activity)
    # The page makes the token; one longer than the column was not made by the page.
    send_token = send_token.strip()[:longest(WaveResponse, "send_token")]
    earlier = WaveResponse.objects.filter(send_token=send_token, wave__activity=activity).first() \
        if send_token else None
    if earlier is not None:
        return Sent(earlier)
    wave = open_wave(activity, day)
    if wave is None or not activity.is_accepting():
        raise WellbeingError(_("This survey is not taking answers now."))
    if band not in QUESTION_SETS:
        raise WellbeingError(_("Choose how old you are."))
    if perspective not in PERSPECTIVE_CHOICES:
        raise WellbeingError(_("Choose who you are, or 'I'd rather not say'."))
    cleaned = _clean_answers(band, answers)
    words = _clean_comment(comment)
    contribution, code = _comment(activity, words, perspective, actor)
    response = WaveResponse.objects.create(wave=wave, band=band, perspective=perspective,
                                           comment=contribution, send_token=send_token or None)
    WaveAnswer.objects.bulk_create(
        WaveAnswer(response=response, question=key, choice=choice, points=points)
        for key, choice, points in cleaned)
    record(actor, "wellbeing_response.submitted", response, wave=wave.number, band=band,
           answers=len(cleaned), wrote=bool(words))
    urgent = (contribution is not None
              and contribution.safety_level == Contribution.SafetyLevel.IMMEDIATE)
    return Sent(response, code, urgent)


def _comment(activity: Activity, words: str, perspective: str,
             actor: Actor) -> tuple[Contribution | None, str]:
    """The words become a contribution (screened, flagged if at risk, moderated before anyone
    else sees them), with no consent to quote or publish: only staff read them. Its receipt
    code lets the person see it or take it back later."""
    if not words:
        return None, ""
    try:
        contribution, code = do_submit_contribution(
            activity, NewContribution(kind=Contribution.Kind.STORY, text=words,
                                      perspectives=(perspective,) if perspective else ()),
            actor, max_length=COMMENT_MAX_LENGTH)
    except ContributionError as error:
        raise WellbeingError(str(error)) from error
    return contribution, code


@transaction.atomic
def do_load_wellbeing_references(activity: Activity, rows: Sequence[ReferenceRow],
                                 actor: User) -> int:
    """Save figures to compare with. A figure for the same question, source and year replaces
    the one loaded before. Rows are checked before they get here (parse_reference*)."""
    _check_survey(activity)
    for row in rows:
        if row.question not in QUESTION_TEXT:
            raise WellbeingError(f"There is no question {row.question!r} in this survey.")
        WellbeingReference.objects.update_or_create(
            activity=activity, question=row.question, source=row.source, year=row.year,
            defaults={"share_positive": Decimal(str(round(row.share_positive, 1)))})
    record(actor, "wellbeing_references.loaded", activity, figures=len(rows))
    return len(rows)


@transaction.atomic
def do_remove_wellbeing_reference(reference: WellbeingReference, actor: User) -> None:
    record(actor, "wellbeing_reference.removed", reference.activity, question=reference.question,
           source=reference.source, year=reference.year)
    reference.delete()

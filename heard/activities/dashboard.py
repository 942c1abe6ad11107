"""What the facilitator dashboard and its CSV files show. Every count passes through `shown`, so
a number small enough to point at a person is never displayed or exported."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import QuerySet

from heard.contributions.access import WAITING_FOR_CHECK
from heard.contributions.models import Contribution
from heard.contributions.presentation import PerspectiveCount, perspective_counts
from heard.core.suppression import ShownCount, shown
from heard.core.vocab import PERSPECTIVE_SHORT_LABELS, PERSPECTIVES

from .models import Activity, Answer, ConsultationResponse, Question
from .registry import kind_of

WAITING_STATUSES = (Contribution.Status.SUBMITTED, Contribution.Status.IN_MODERATION)


@dataclass(frozen=True)
class ChoiceTally:
    question: Question
    rows: list[tuple[str, ShownCount]]
    written: ShownCount


def contributions_by_perspective(activity: Activity) -> list[PerspectiveCount]:
    return perspective_counts(activity.contributions.live())


def _as_rows(counter: Counter[str] | dict[str, int]) -> list[PerspectiveCount]:
    return [PerspectiveCount(code, PERSPECTIVE_SHORT_LABELS[code], shown(int(counter[code])))
            for code in PERSPECTIVES if counter.get(code)]


def participants_by_perspective(activity: Activity) -> list[PerspectiveCount] | None:
    """Who took part, where the kind has a notion of taking part beyond contributing (sent
    consultation responses, Open Space registrations); None leaves the table out."""
    count = kind_of(activity).participants_by_perspective
    return None if count is None else _as_rows(count(activity))


def _sent(activity: Activity) -> QuerySet[ConsultationResponse]:
    return ConsultationResponse.objects.filter(
        activity=activity, status=ConsultationResponse.Status.SUBMITTED)


def waiting_for_moderation(activity: Activity) -> ShownCount:
    return shown(activity.contributions.live().filter(status__in=WAITING_STATUSES).count())


def summary(activity: Activity) -> dict[str, ShownCount]:
    live = activity.contributions.live()
    return {"contributions": shown(live.count()),
            "published": shown(live.filter(status=Contribution.Status.PUBLISHED).count()),
            "responses": shown(_sent(activity).count()),
            "drafts": shown(activity.consultation_responses.filter(
                status=ConsultationResponse.Status.DRAFT).count())}


def choice_tallies(activity: Activity) -> list[ChoiceTally]:
    answers = Answer.objects.filter(response__activity=activity,
                                    response__status=ConsultationResponse.Status.SUBMITTED)
    tallies = []
    for question in activity.questions.all():
        counter: Counter[str] = Counter()
        for picked in answers.filter(question=question).values_list("choices", flat=True):
            counter.update(picked or [])
        written = answers.filter(question=question, contribution__isnull=False).exclude(
            contribution__status__in=Contribution.GONE_STATUSES).count()
        tallies.append(ChoiceTally(question, [(c, shown(counter[c])) for c in question.choices],
                                   shown(written)))
    return tallies


def summary_csv_rows(activity: Activity) -> Iterator[list[str]]:
    """Counts only, no words: safe for a facilitator to share with the team."""
    yield ["section", "item", "count"]
    for name, count in summary(activity).items():
        yield ["totals", name, str(count)]
    yield ["waiting", "waiting for moderation", str(waiting_for_moderation(activity))]
    for row in contributions_by_perspective(activity):
        yield ["contributions by perspective", str(row.label), str(row.count)]
    for row in participants_by_perspective(activity) or []:
        yield ["taking part by perspective", str(row.label), str(row.count)]
    for tally in choice_tallies(activity):
        for choice, count in tally.rows:
            yield [f"question {tally.question.order}: {tally.question.text}", choice, str(count)]


def answer_csv_rows(activity: Activity, *, raw: bool = False) -> Iterator[list[str]]:
    """One row per sent response, one column per question. Written answers appear only where
    the person agreed to analysis and has not taken them back."""
    questions = list(activity.questions.all())
    yield ["response", "submitted_at", "perspectives",
           *[f"Q{q.order}: {q.text}" for q in questions]]
    usable = set(activity.contributions.for_analysis().values_list("pk", flat=True))
    for response in _sent(activity).order_by("id").prefetch_related("answers__contribution"):
        by_question = {a.question_id: a for a in response.answers.all()}
        yield [str(response.pk), response.submitted_at.isoformat() if response.submitted_at
               else "", ";".join(response.perspectives),
               *[_cell(by_question.get(q.pk), usable, raw) for q in questions]]


def _cell(answer: Answer | None, usable: Iterable[int], raw: bool = False) -> str:
    if answer is None:
        return ""
    if answer.choices:
        return "; ".join(answer.choices)
    contribution = answer.contribution
    if contribution is None or contribution.pk not in usable:
        return ""
    if raw:
        return contribution.text
    return contribution.public_text if contribution.redactions_applied() \
        else f"[{WAITING_FOR_CHECK}]"


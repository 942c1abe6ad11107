"""The results of a wellbeing survey, read from the database and worked out by the pure
heard.analysis.wellbeing_waves, with the reference figures next to each question."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from heard.activities.models import Activity
from heard.analysis.wellbeing_waves import (
    BAND,
    EVERYONE,
    Reply,
    Row,
    wave_results,
)
from heard.core.suppression import suppressed_text
from heard.core.vocab import PERSPECTIVE_SHORT_LABELS

from .models import Wave, WaveAnswer, WellbeingReference
from .questions import (
    ALL_QUESTIONS,
    BAND_SHORT,
    BANDS,
    NOT_SAID,
    PERSPECTIVE_CHOICES,
    QUESTION_TEXT,
)


@dataclass(frozen=True)
class QuestionResults:
    key: str
    text: str
    rows: list[Row]
    references: list[WellbeingReference]


@dataclass(frozen=True)
class SurveyResults:
    waves: list[Wave]
    questions: list[QuestionResults]


def group_label(row: Row) -> str:
    if row.dimension == EVERYONE:
        return "Everyone"
    if row.dimension == BAND:
        return BAND_SHORT.get(row.group, row.group)
    if row.group == NOT_SAID:
        return "Perspective not said"
    return PERSPECTIVE_SHORT_LABELS.get(row.group, row.group)


def replies(activity: Activity) -> Iterator[Reply]:
    answers = WaveAnswer.objects.filter(response__wave__activity=activity).values_list(
        "response__wave__number", "question", "response__band", "response__perspective",
        "choice", "points")
    for wave, question, band, perspective, choice, points in answers.iterator():
        yield Reply(wave, question, band, perspective, choice, points)


def survey_results(activity: Activity) -> SurveyResults:
    waves = list(activity.waves.order_by("number"))
    rows = wave_results(replies(activity), [w.number for w in waves],
                        [q.key for q in ALL_QUESTIONS], [*BANDS, NOT_SAID],
                        [p for p in PERSPECTIVE_CHOICES if p != NOT_SAID] + [NOT_SAID])
    references: dict[str, list[WellbeingReference]] = {}
    for reference in activity.wellbeing_references.all():
        references.setdefault(reference.question, []).append(reference)
    return SurveyResults(waves, [
        QuestionResults(q.key, str(QUESTION_TEXT[q.key]),
                        [row for row in rows if row.question == q.key],
                        references.get(q.key, [])) for q in ALL_QUESTIONS])


CSV_HEADER = ["question", "question_text", "group_type", "group", "wave", "people",
              "mean_score_out_of_100", "share_positive_percent", "change_from_previous_wave",
              "reference_figures"]


def csv_rows(results: SurveyResults) -> Iterator[list[object]]:
    """One line per question, group and wave. A hidden cell reads as the suppression text, and
    its change is empty, as on the page."""
    for question in results.questions:
        shown_refs = "; ".join(f"{r.share_positive}% ({r.source}, {r.year})"
                               for r in question.references)
        for row in question.rows:
            for wave, cell, change in zip(results.waves, row.cells, row.changes, strict=True):
                yield [question.key, question.text, row.dimension, group_label(row),
                       wave.number, _people(cell.n), _figure(cell.mean),
                       _figure(cell.share_positive), _figure(change), shown_refs]


def _people(n: int | None) -> object:
    return suppressed_text() if n is None else n


def _figure(value: float | None) -> object:
    return "" if value is None else round(value, 1)

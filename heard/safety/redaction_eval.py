"""Measure personal-data detection against span-labelled text.

The labelled files are JSON lists of ``{"full_text": ..., "spans": [{"entity_type",
"start_position", "end_position"}, ...]}`` objects: the format of Presidio's synthetic
set (``synth_dataset_v2.json``) and of Heard's own UK set. Other keys are ignored.

Matching (type-agnostic, as agreed in the issue): a gold span is *found* when predicted
spans together cover at least half of its characters; a predicted span is *correct* when
gold spans together cover at least half of it. Overall precision therefore does not care
whether we called a name an organisation: a moderator would still redact it.

``types`` restricts which gold spans the overall recall counts. Predicted spans are still
judged against *all* gold spans: a prediction that covers a labelled span of another type
(a town, a date) has found real labelled data and is not a false alarm, while a prediction
that covers no labelled span is a false alarm whatever its type. Counting only predictions
of the restricted types instead would let a detector hide its false alarms by naming them
with another type.

Gold type names are mapped onto Heard's (:data:`TYPE_MAP`) before anything is counted.
Pure Python; no Django imports. Its command line is `heard eval redaction` (heard/cli.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from heard.safety.redaction.spans import TYPE_LABELS

# Other sets' names -> Heard's. ZIP_CODE is a postal code, whatever the country;
# DOMAIN_NAME is a web address; DATE_TIME is the nearest thing to a date of birth there;
# GPE (towns, cities, countries) is Heard's LOCATION. Everything else keeps its name: NRP
# (nationalities), TITLE (job titles), AGE and US_DRIVER_LICENSE are labelled in the
# synthetic set but Heard does not look for them, so they only ever appear as missed in
# the per-type table.
TYPE_MAP: dict[str, str] = {
    "ZIP_CODE": "UK_POSTCODE",
    "DOMAIN_NAME": "URL",
    "DATE_TIME": "DATE_OF_BIRTH",
    "EMAIL": "EMAIL_ADDRESS",
    "PHONE": "PHONE_NUMBER",
    "ORG": "ORGANIZATION",
    "ADDRESS": "STREET_ADDRESS",
    "GPE": "LOCATION",
    "PLACE": "LOCATION",
    "NAME": "PERSON",
    "SCHOOL": "ORGANIZATION",
    "HANDLE": "SOCIAL_HANDLE",
    "USERNAME": "SOCIAL_HANDLE",
}

Predictor = Callable[[list[str]], list[list[Any]]]


class GoldDataError(ValueError):
    """The labelled file is not in the expected format; the message says where."""


@dataclass(frozen=True)
class GoldSpan:
    entity_type: str
    start: int
    end: int


@dataclass(frozen=True)
class Example:
    text: str
    spans: tuple[GoldSpan, ...]


def map_type(name: str) -> str:
    """A gold type name in Heard's vocabulary."""
    return TYPE_MAP.get(name, name)


# ------------------------------------------------------------------------- loading


def load_gold(path: str | Path) -> list[Example]:
    """Read a labelled file; anything malformed raises :class:`GoldDataError`."""
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise GoldDataError(f"{path}: cannot read the file ({error.strerror})") from error
    try:
        records = json.loads(raw)
    except json.JSONDecodeError as error:
        raise GoldDataError(
            f"{path}: not valid JSON ({error.msg}, line {error.lineno})"
        ) from error
    if not isinstance(records, list):
        raise GoldDataError(f"{path}: expected a JSON list of examples")
    return [_example(path, index, record) for index, record in enumerate(records)]


def _example(path: str | Path, index: int, record: Any) -> Example:
    where = f"{path}, example {index}"
    if not isinstance(record, dict):
        raise GoldDataError(f"{where}: expected a JSON object")
    text = record.get("full_text")
    if not isinstance(text, str):
        raise GoldDataError(f'{where}: "full_text" is missing or not a string')
    spans = record.get("spans", [])
    if not isinstance(spans, list):
        raise GoldDataError(f'{where}: "spans" must be a list')
    return Example(text, tuple(_gold_span(where, len(text), span) for span in spans))


def _gold_span(where: str, length: int, span: Any) -> GoldSpan:
    if not isinstance(span, dict):
        raise GoldDataError(f"{where}: each span must be a JSON object")
    kind, start, end = span.get("entity_type"), span.get("start_position"), span.get(
        "end_position"
    )
    if not isinstance(kind, str) or not kind:
        raise GoldDataError(f'{where}: a span has no "entity_type"')
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool):
        raise GoldDataError(f"{where}: the {kind} span's positions must be whole numbers")
    if not 0 <= start < end <= length:
        raise GoldDataError(
            f"{where}: the {kind} span {start}-{end} is outside the text ({length} characters)"
        )
    return GoldSpan(kind, start, end)


# ---------------------------------------------------------------------- evaluation


def _default_predictor(texts: list[str]) -> list[list[Any]]:
    from heard.safety.redaction import detect_many

    return detect_many(texts)


def predict_all(
    examples: Sequence[Example], predictor: Predictor | None = None, batch: int = 256
) -> list[list[Any]]:
    """Predicted spans (objects with entity_type, start, end) for every example."""
    run = predictor or _default_predictor
    texts = [example.text for example in examples]
    out: list[list[Any]] = []
    for first in range(0, len(texts), batch):
        out.extend(run(texts[first : first + batch]))
    return out


def evaluate(
    examples: Iterable[Example],
    types: set[str] | None = None,
    *,
    predictor: Predictor | None = None,
    predictions: Sequence[Sequence[Any]] | None = None,
) -> dict:
    """Overall and per-type precision, recall and F2 (see the module docstring).

    ``types`` names gold types (either vocabulary: "ZIP_CODE" means "UK_POSTCODE").
    ``predictions`` may be passed to score spans computed earlier; otherwise
    ``predictor`` (default: :func:`heard.safety.redaction.detect_many`) is run.
    """
    examples = list(examples)
    if predictions is None:
        predictions = predict_all(examples, predictor)
    wanted = {map_type(name) for name in types} if types is not None else None
    tally = _Tally()
    for example, predicted in zip(examples, predictions, strict=True):
        tally.add(example, predicted, wanted)
    return tally.result()


class _Tally:
    def __init__(self) -> None:
        self.gold_total = self.gold_found = self.pred_total = self.pred_correct = 0
        self.type_gold: dict[str, list[int]] = {}  # type -> [support, found]
        self.type_pred: dict[str, list[int]] = {}  # type -> [predicted, correct]

    def add(self, example: Example, predicted: Sequence[Any], wanted: set[str] | None) -> None:
        gold_bounds = [(span.start, span.end) for span in example.spans]
        pred_bounds = [(span.start, span.end) for span in predicted]
        for span in example.spans:
            kind = map_type(span.entity_type)
            found = _half_covered(span.start, span.end, pred_bounds)
            _bump(self.type_gold, kind, found)
            if wanted is None or kind in wanted:
                self.gold_total += 1
                self.gold_found += found
        for span in predicted:
            correct = _half_covered(span.start, span.end, gold_bounds)
            _bump(self.type_pred, span.entity_type, correct)
            self.pred_total += 1
            self.pred_correct += correct

    def result(self) -> dict:
        overall = _scores(self.pred_correct, self.pred_total, self.gold_found, self.gold_total)
        per_type = {}
        for kind in sorted(set(self.type_gold) | set(self.type_pred)):
            support, found = self.type_gold.get(kind, [0, 0])
            predicted, correct = self.type_pred.get(kind, [0, 0])
            scores = _scores(correct, predicted, found, support)
            per_type[kind] = {**scores, "support": support, "predicted": predicted}
        return {"overall": {**overall, "support": self.gold_total,
                            "predicted": self.pred_total},
                "per_type": per_type}


def _bump(table: dict[str, list[int]], kind: str, hit: bool) -> None:
    counts = table.setdefault(kind, [0, 0])
    counts[0] += 1
    counts[1] += int(hit)


def _half_covered(start: int, end: int, others: list[tuple[int, int]]) -> bool:
    """Whether the union of ``others`` covers at least half of ``[start, end)``."""
    covered = [False] * (end - start)
    for other_start, other_end in others:
        for i in range(max(start, other_start), min(end, other_end)):
            covered[i - start] = True
    return 2 * sum(covered) >= end - start


def _scores(correct: int, predicted: int, found: int, support: int) -> dict[str, float]:
    precision = correct / predicted if predicted else 0.0
    recall = found / support if support else 0.0
    return {"precision": precision, "recall": recall, "f2": f_beta(precision, recall, 2.0)}


def f_beta(precision: float, recall: float, beta: float) -> float:
    """The weighted harmonic mean; beta 2 weighs recall four times as much as precision."""
    b2 = beta * beta
    denominator = b2 * precision + recall
    return (1 + b2) * precision * recall / denominator if denominator else 0.0


# ------------------------------------------------------------------------ reporting


def format_report(result: dict) -> str:
    """A plain-text table: the overall line, then one line per type, by its readable name
    (the JSON keeps the codes, so that scripts reading it do not change)."""
    overall = result["overall"]
    lines = [
        f"overall  precision {overall['precision']:.3f}  recall {overall['recall']:.3f}  "
        f"F2 {overall['f2']:.3f}",
        "",
        f"{'type':<36}{'precision':>10}{'recall':>8}{'F2':>7}{'gold':>7}{'predicted':>11}",
    ]
    for kind, row in result["per_type"].items():
        precision = f"{row['precision']:.3f}" if row.get("predicted") else "-"
        recall = f"{row['recall']:.3f}" if row["support"] else "-"
        f2 = f"{row['f2']:.3f}" if row["support"] and row.get("predicted") else "-"
        name = TYPE_LABELS.get(kind, kind)  # gold-only types (AGE, NRP) keep their codes
        lines.append(
            f"{name:<36}{precision:>10}{recall:>8}{f2:>7}{row['support']:>7}"
            f"{row.get('predicted', 0):>11}"
        )
    return "\n".join(lines)

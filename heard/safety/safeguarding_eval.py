"""Evaluate the safeguarding triage classifier against a hand-labelled set.

The labelled set is JSON Lines, one ``{"text": ..., "label": ...}`` object a line, where
label is "immediate", "concern" or "none". Any classifier with the signature of
`triage.classify` can be scored: `heard eval safeguarding --rules-only` scores the rules alone.
No Django imports.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from heard.safety.triage import CONCERN, IMMEDIATE, NONE, TriageResult, classify

LABELS: tuple[str, ...] = (IMMEDIATE, CONCERN, NONE)


@dataclass(frozen=True)
class Example:
    """One labelled contribution; line is its 1-based line number in the source file."""

    text: str
    label: str
    line: int = 0


class LabelledDataError(ValueError):
    """A line of the labelled file is not a valid example; the message names the line."""

    def __init__(self, path: str | Path, line: int, problem: str) -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        super().__init__(f"{self.path}, line {line}: {problem}")


def load_labelled(path: str | Path) -> list[Example]:
    """Read a JSON Lines labelled set; blank lines are skipped, bad lines raise."""
    examples: list[Example] = []
    with open(path, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            if raw.strip():
                examples.append(_parse_line(path, number, raw))
    return examples


def _parse_line(path: str | Path, number: int, raw: str) -> Example:
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as error:
        raise LabelledDataError(path, number, f"not valid JSON ({error.msg})") from error
    if not isinstance(record, dict):
        raise LabelledDataError(path, number, "expected a JSON object")
    text, label = record.get("text"), record.get("label")
    if not isinstance(text, str):
        raise LabelledDataError(path, number, '"text" is missing or not a string')
    if label not in LABELS:
        raise LabelledDataError(
            path, number, f'"label" must be one of {", ".join(LABELS)}; got {label!r}'
        )
    return Example(text=text, label=label, line=number)


def evaluate(
    examples: Iterable[Example],
    classifier: Callable[[str], TriageResult] = classify,
) -> dict:
    """Per-class precision, recall and support, plus a confusion matrix.

    Returns ``{"immediate": {...}, "concern": {...}, "none": {...}, "confusion": {...}}``
    where ``confusion[true_label][predicted_label]`` is a count. Precision or recall with
    nothing to divide by is reported as 0.0.
    """
    confusion = {true: dict.fromkeys(LABELS, 0) for true in LABELS}
    for example in examples:
        confusion[example.label][classifier(example.text).level] += 1
    result: dict = {label: _class_scores(confusion, label) for label in LABELS}
    result["confusion"] = confusion
    return result


def _class_scores(confusion: dict[str, dict[str, int]], label: str) -> dict[str, float | int]:
    true_positive = confusion[label][label]
    support = sum(confusion[label].values())
    predicted = sum(row[label] for row in confusion.values())
    return {
        "precision": true_positive / predicted if predicted else 0.0,
        "recall": true_positive / support if support else 0.0,
        "support": support,
    }


def format_report(result: dict) -> str:
    """A plain-text table of the scores and the confusion matrix."""
    lines = [f"{'class':<10} {'precision':>9} {'recall':>7} {'support':>8}"]
    for label in LABELS:
        scores = result[label]
        lines.append(
            f"{label:<10} {scores['precision']:>9.3f} {scores['recall']:>7.3f}"
            f" {scores['support']:>8d}"
        )
    lines += ["", "confusion (rows: true label, columns: predicted)"]
    lines.append(f"{'':<10}" + "".join(f"{label:>10}" for label in LABELS))
    for true in LABELS:
        row = result["confusion"][true]
        lines.append(f"{true:<10}" + "".join(f"{row[p]:>10d}" for p in LABELS))
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover - `heard eval safeguarding` is the real way
    import sys

    from heard.safety.triage import classify_rules

    data = sys.argv[1] if len(sys.argv) > 1 else "tests/data/safeguarding_labelled.jsonl"
    rules_only = "--rules-only" in sys.argv
    print(format_report(evaluate(load_labelled(data), classify_rules if rules_only else classify)))

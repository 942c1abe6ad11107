"""The one-page summary at the front of the key-messages report, written from its data.

A director should be able to read it in a minute: the biggest themes with their counts, what
is being done, and whose voices are missing. Every number comes from the report itself, so it
has already been through small-number suppression; nothing here counts anything new.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .key_messages import KeyMessages, ResponseLine

WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TOP_THEMES = 5
NEWEST_RESPONSES = 3
MISSING_VOICES = 4


@dataclass(frozen=True)
class ThemeLine:
    label: str
    count: str
    answered: bool


@dataclass(frozen=True)
class Summary:
    headline: str
    themes: list[ThemeLine]
    more_themes: int

    @property
    def more_themes_text(self) -> str:
        return f"There {'is' if self.more_themes == 1 else 'are'} " \
               f"{plural(self.more_themes, 'smaller theme')}"
    doing: list[str]
    newest: list[str]
    missing: list[str]
    no_gaps: bool


def build_summary(report: KeyMessages) -> Summary:
    top = report.themes[:TOP_THEMES]
    return Summary(
        headline=_headline(report),
        themes=[ThemeLine(t.label, t.count.text, bool(t.responses)) for t in top],
        more_themes=max(0, len(report.themes) - len(top)),
        doing=_doing(report),
        newest=[f"{r.title} ({r.activity})" for r in _newest(report)],
        missing=_missing(report),
        no_gaps=not report.alerts and not report.suggestions,
    )


def in_words(n: int) -> str:
    """Small numbers of things (not people) in words: a reader of the report learns to treat
    every small numeral as a count of people, and those are never shown under 5."""
    return WORDS[n] if 0 <= n < len(WORDS) else f"{n:,}"


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{in_words(n)} {word if n == 1 else (words or word + 's')}"


def _headline(report: KeyMessages) -> str:
    if not report.themes:
        return ("No themes have been found yet, so this report cannot say what people told "
                "us. An analyst can find themes on the Themes page.")
    return (f"{report.analysed.text} contributions were read and sorted into "
            f"{plural(len(report.themes), 'theme')}. These are the biggest.")


def _all_responses(report: KeyMessages) -> list[ResponseLine]:
    seen: dict[tuple[str, str], ResponseLine] = {}
    for response in [r for t in report.themes for r in t.responses] + report.responses:
        seen.setdefault((response.title, response.activity), response)
    return list(seen.values())


def _doing(report: KeyMessages) -> list[str]:
    responses = _all_responses(report)
    if not responses:
        return ["Nobody has answered yet: no response has been published."]
    actions = [a for r in responses for a in r.actions]
    lines = [f"{plural(len(responses), 'response').capitalize()} published, with "
             f"{plural(len(actions), 'action')}."]
    if actions:
        by_status = Counter(a.status for a in actions)
        lines.append("Actions: " + ", ".join(f"{in_words(n)} {status.lower()}"
                                             for status, n in by_status.most_common()) + ".")
    overdue = sum(a.overdue for a in actions)
    if overdue:
        lines.append(f"{plural(overdue, 'action').capitalize()} "
                     f"{'is' if overdue == 1 else 'are'} past the due date.")
    return lines


def _newest(report: KeyMessages) -> list[ResponseLine]:
    dated = [r for r in _all_responses(report) if r.published is not None]
    return sorted(dated, key=lambda r: r.published or 0, reverse=True)[:NEWEST_RESPONSES]


def _missing(report: KeyMessages) -> list[str]:
    lines = [f"{a.title}." for a in report.alerts[:MISSING_VOICES]]
    alerted = {a.group for a in report.alerts}
    for suggestion in report.suggestions:
        if len(lines) >= MISSING_VOICES:
            break
        if suggestion.group not in alerted:
            lines.append(f"{suggestion.group}: {suggestion.why}")
    return lines

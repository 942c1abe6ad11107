"""The one-page summary at the front of the key-messages report, written from its data.

A director should be able to read it in a minute: the biggest themes with their counts, what
is being done, and whose voices are missing. Every number comes from the report itself, so it
has already been through small-number suppression; nothing here counts anything new.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.utils.translation import get_language, gettext, ngettext

from .key_messages import KeyMessages, ResponseLine, count_words

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
    doing: list[str]
    newest: list[str]
    missing: list[str]
    no_gaps: bool

    @property
    def more_themes_text(self) -> str:
        return ngettext("There is %(count)s smaller theme later in this report.",
                        "There are %(count)s smaller themes later in this report.",
                        self.more_themes) % {"count": in_words(self.more_themes)}


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
    # The words are English; a Welsh report writes numerals (Welsh number words mutate and
    # take gender, which is for a Welsh speaker to write, not a table).
    if not (get_language() or "").startswith("en"):
        return f"{n:,}"
    return WORDS[n] if 0 <= n < len(WORDS) else f"{n:,}"


def _headline(report: KeyMessages) -> str:
    if not report.themes:
        return gettext("No themes have been found yet, so this report cannot say what people "
                       "told us. An analyst can find themes on the Themes page.")
    return ngettext(
        "%(contributions)s contributions were read and sorted into %(count)s theme. These are "
        "the biggest.",
        "%(contributions)s contributions were read and sorted into %(count)s themes. These are "
        "the biggest.", len(report.themes)) % {
            "contributions": count_words(report.analysed.text),
            "count": in_words(len(report.themes))}


def _all_responses(report: KeyMessages) -> list[ResponseLine]:
    seen: dict[tuple[str, str], ResponseLine] = {}
    for response in [r for t in report.themes for r in t.responses] + report.responses:
        seen.setdefault((response.title, response.activity), response)
    return list(seen.values())


def _doing(report: KeyMessages) -> list[str]:
    responses = _all_responses(report)
    if not responses:
        return [gettext("Nobody has answered yet: no response has been published.")]
    actions = [a for r in responses for a in r.actions]
    # Two sentences rather than one, so each number has its own plural in every language.
    lines = [_first_upper(ngettext("%(count)s response published",
                                   "%(count)s responses published",
                                   len(responses)) % {"count": in_words(len(responses))})
             + ", " + ngettext("with %(count)s action.", "with %(count)s actions.",
                               len(actions)) % {"count": in_words(len(actions))}]
    if actions:
        by_status = Counter(a.status for a in actions)
        lines.append(gettext("Actions: %(list)s.") % {"list": ", ".join(
            f"{in_words(n)} {status.lower()}" for status, n in by_status.most_common())})
    overdue = sum(a.overdue for a in actions)
    if overdue:
        lines.append(_first_upper(ngettext("%(count)s action is past the due date.",
                                           "%(count)s actions are past the due date.", overdue)
                                  % {"count": in_words(overdue)}))
    return lines


def _first_upper(text: str) -> str:
    # Not str.capitalize(), which would lower-case every later capital.
    return text[:1].upper() + text[1:]


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

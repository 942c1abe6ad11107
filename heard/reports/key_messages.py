"""The key-messages report: what people told us, who said it, what is being done about it, and
how well we listened, for one activity or across all of them.

This module gathers and suppresses; the renderers in `key_messages_render` only format. Every
number a reader sees passes through small-number suppression here:

- Themes by perspective are one table (themes down, perspective groups and the theme's size
  across) suppressed together with `suppress_table`, so neither a theme's size nor the column
  totals can give a hidden cell away.
- Sense-of-influence answers use `QualitySummary.distribution`, the very cells the participation
  quality page shows, so the two pages cannot be set side by side to find a hidden count.
- Representation uses `page_tables` with the page-wide hidden set, as the representation page
  does for the same activity and England.

Quotes are read now from the moderated, redacted text (`Contribution.quote_text`), only for
contributions with quote consent that are not withdrawn, erased or held back.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import get_language, gettext

from heard.accountability.models import Action, Response
from heard.activities.models import Activity
from heard.contributions.models import Contribution
from heard.core.limits import MAX_QUOTES
from heard.core.suppression import ShownCount, shown, suppress_table
from heard.core.vocab import GROUP_LABELS, gettext_noop, perspective_groups
from heard.insight.campaigns import campaigns_in_theme
from heard.insight.models import AnalysisRun, Assignment, Theme
from heard.insight.themes_for import latest_run
from heard.quality.frameworks import (
    LOW_INFLUENCE_MEAN,
    LOW_INFLUENCE_NO_NUMBERS,
    LUNDY,
    LundyElement,
    influence_mean,
    tokenism_reasons,
)
from heard.quality.models import LundyAnswer
from heard.quality.summary import QualitySummary, summaries, tokenism_days

from .presentation import HIDDEN_TEXT, Page, count_text, page_tables
from .queries import ENGLAND, representation_for
from .representation import NOT_SAID, Alert, Suggestion

ALL = "all"
# The lens's groups, and "did not say" so that a theme's row adds up to its size where nobody
# holds two perspectives.
GROUPS: tuple[tuple[str, str], ...] = (*GROUP_LABELS.items(),
                                       (NOT_SAID, gettext_noop("Did not say")))


FEWER_THAN = re.compile(r"fewer than (\d+)")


def count_words(text: str) -> str:
    """A count as written ("12", "fewer than 5", "hidden") in the current language. The data
    keeps the English words, which the CSV and JSON formats document."""
    found = FEWER_THAN.fullmatch(text)
    if found:
        return gettext("fewer than %(threshold)s") % {"threshold": found[1]}
    return gettext(HIDDEN_TEXT) if text == HIDDEN_TEXT else text


@dataclass(frozen=True)
class Count:
    """A published count: the number where it may be shown, otherwise None and the words."""

    value: int | None
    text: str

    @property
    def suppressed(self) -> bool:
        return self.value is None

    @classmethod
    def of(cls, cell: ShownCount, raw: int) -> Count:
        return cls(cell.value, count_text(cell, raw))


@dataclass(frozen=True)
class GroupCount:
    group: str
    label: str
    count: Count
    share: int | None  # percent of the theme, only where the count and the size are shown


@dataclass(frozen=True)
class ActionLine:
    title: str
    owner: str
    status: str
    progress: int
    due: date | None
    overdue: bool
    reason: str


@dataclass(frozen=True)
class ResponseLine:
    title: str
    body: str
    published: date | None
    activity: str
    actions: list[ActionLine]


@dataclass(frozen=True)
class CampaignLine:
    """Near-identical texts sent by many people: their count, and their words once (only
    from a copy whose sender agreed to be quoted)."""

    count: Count
    words: str | None


@dataclass(frozen=True)
class ThemeMessage:
    key: str
    label: str
    key_words: list[str]
    description: str
    count: Count
    perspectives: list[GroupCount]
    quotes: list[str]
    responses: list[ResponseLine]
    campaigns: list[CampaignLine] = field(default_factory=list)
    # The theme's size with each campaign counted once; None where it would give away a
    # hidden count.
    voices: Count | None = None


@dataclass(frozen=True)
class LundyLine:
    element: str
    answer: str  # Yes, Partly, No or Not answered yet: a word, not a tally
    items: list[tuple[str, str]]  # (question, answer)


@dataclass(frozen=True)
class QualityLine:
    activity: str
    slug: str
    lundy: list[LundyLine]
    rung: str
    rung_group: str
    rung_meaning: str
    influence: list[tuple[str, Count]]
    influence_total: Count
    influence_mean: str
    warnings: list[str]


@dataclass(frozen=True)
class KeyMessages:
    title: str
    slug: str  # the activity's, or "all"
    generated_at: datetime
    run_finished_at: datetime | None
    analysed: Count
    themes: list[ThemeMessage]
    totals: list[GroupCount]  # each perspective group across all themes
    responses: list[ResponseLine]  # to an activity as a whole, or to one idea
    quality: list[QualityLine]
    representation: Page
    alerts: list[Alert]
    suggestions: list[Suggestion]
    notes: list[str] = field(default_factory=list)


def build_key_messages(activity: Activity | None, now: datetime | None = None) -> KeyMessages:
    now = now or timezone.now()
    activities = [activity] if activity is not None else list(Activity.objects.order_by("title"))
    run = latest_run(activity.slug if activity is not None else ALL)
    themes, totals, analysed = _themes(run)
    representation, found, reach = _representation(activity)
    return KeyMessages(
        title=(activity.welsh_or_english("title", get_language() or "")[0]
               if activity is not None else gettext("All activities")),
        slug=activity.slug if activity is not None else ALL, generated_at=now,
        run_finished_at=run.finished_at if run else None, analysed=analysed, themes=themes,
        totals=totals, responses=_other_responses(activities),
        quality=_quality(activities, now), representation=representation, alerts=found,
        suggestions=reach, notes=_notes(run, activity),
    )


def _notes(run: AnalysisRun | None, activity: Activity | None) -> list[str]:
    if run is not None:
        return []
    if activity is None:
        return [gettext("No themes yet: an analyst has not looked for themes across all "
                        "activities.")]
    return [gettext("No themes yet: an analyst has not looked for themes in this activity on "
                    "its own.")]


# --- themes ----------------------------------------------------------------------------------


def _themes(run: AnalysisRun | None) -> tuple[list[ThemeMessage], list[GroupCount], Count]:
    if run is None:
        return [], [], Count.of(shown(0), 0)
    themes = list(run.themes.all())
    groups, sizes = _group_counts(run)
    # Sizes are recounted from live contributions: a withdrawal since the run must not count.
    # Each theme's size is the last column, so its row holds its own total: a hidden size
    # cannot be rebuilt from shown cells, nor a hidden cell from the size.
    cells = [[groups[t.pk][g] for g, _ in GROUPS] + [sizes[t.pk]] for t in themes]
    hidden = suppress_table(cells) if cells else []
    responses = _theme_responses([t.key for t in themes])
    found = []
    for theme, raw, shown_row in zip(themes, cells, hidden, strict=True):
        if raw[-1] == 0:
            continue  # everyone in it withdrew
        campaigns, voices = _campaign_lines(theme, raw[-1], shown_row[-1])
        found.append(ThemeMessage(
            key=theme.key, label=theme.shown_label, key_words=theme.shown_key_words,
            description=theme.shown_description,
            count=Count.of(shown_row[-1], raw[-1]),
            perspectives=_group_line(raw, shown_row),
            quotes=_quotes(theme), responses=responses.get(theme.key, []),
            campaigns=campaigns, voices=voices,
        ))
    column_totals = [sum(row[i] for row in cells) for i in range(len(GROUPS) + 1)]
    totals = [GroupCount(g, label, Count.of(shown(n), n), None)
              for (g, label), n in zip(GROUPS, column_totals, strict=False)]
    return found, totals, Count.of(shown(column_totals[-1]), column_totals[-1])


def _campaign_lines(
    theme: Theme, size: int, size_shown: ShownCount
) -> tuple[list[CampaignLine], Count | None]:
    """A theme's campaigns, and its size with each counted once. That figure is left out
    wherever the size or a campaign's count is hidden, or it is small itself: with the
    others it would give a hidden count away."""
    found = campaigns_in_theme(theme, for_report=True)
    if not found:
        return [], None
    lines = [CampaignLine(Count.of(shown(c.count), c.count), c.words) for c in found]
    voices = size - sum(c.count - 1 for c in found)
    hidden = size_shown.suppressed or any(line.count.suppressed for line in lines)
    if hidden or shown(voices).suppressed:
        return lines, None
    return lines, Count.of(shown(voices), voices)


def _group_counts(run: AnalysisRun) -> tuple[dict[int, Counter[str]], Counter[int]]:
    """Per theme: live contributions by perspective group (a person may be in several), and
    live contributions in all."""
    groups: dict[int, Counter[str]] = defaultdict(Counter)
    sizes: Counter[int] = Counter()
    live = (Assignment.objects.filter(run=run)
            .exclude(contribution__status__in=Contribution.GONE_STATUSES)
            .values_list("theme_id", "contribution__perspectives"))
    for theme_id, perspectives in live:
        sizes[theme_id] += 1
        groups[theme_id].update(perspective_groups(list(perspectives or [])) or {NOT_SAID})
    return groups, sizes


def _group_line(raw: list[int], shown_row: list[ShownCount]) -> list[GroupCount]:
    size, size_shown = raw[-1], shown_row[-1]
    line = []
    for (group, label), n, cell in zip(GROUPS, raw, shown_row, strict=False):
        share = (round(100 * n / size)
                 if not cell.suppressed and not size_shown.suppressed and size else None)
        line.append(GroupCount(group, label, Count.of(cell, n), share))
    return line


def _quotes(theme: Theme) -> list[str]:
    """Only the run's chosen quotes, read now from the redacted text: consent to quote, still in
    this theme, not withdrawn, erased or held back, no open safeguarding flag."""
    still_here = set(Assignment.objects.filter(theme=theme).values_list("contribution_id",
                                                                          flat=True))
    rows = {c.pk: c for c in Contribution.objects.filter(pk__in=theme.quote_ids)
            .exclude(status=Contribution.Status.HELD)}
    quotes = []
    for pk in theme.quote_ids:
        contribution = rows.get(pk)
        text = contribution.quote_text() if contribution and pk in still_here else None
        if text:
            quotes.append(text)
    return quotes[:MAX_QUOTES]


# --- responses -------------------------------------------------------------------------------


def _theme_responses(keys: list[str]) -> dict[str, list[ResponseLine]]:
    found: dict[str, list[ResponseLine]] = defaultdict(list)
    rows = (Response.objects.filter(published_at__isnull=False, theme_key__in=keys)
            .select_related("activity").prefetch_related("actions").order_by("published_at"))
    for response in rows:
        found[response.theme_key].append(_response_line(response))
    return found


def _other_responses(activities: list[Activity]) -> list[ResponseLine]:
    rows = (Response.objects.filter(published_at__isnull=False, activity__in=activities)
            .exclude(subject=Response.Subject.THEME).select_related("activity")
            .prefetch_related("actions").order_by("published_at")[:100])
    return [_response_line(r) for r in rows]


def _in_language(thing: Response | Action | Activity, field: str) -> str:
    """Staff's Welsh wording in a Welsh report where they gave one, else the English."""
    return thing.welsh_or_english(field, get_language() or "")[0]


def _response_line(response: Response) -> ResponseLine:
    return ResponseLine(
        title=_in_language(response, "title"), body=_in_language(response, "body"),
        published=timezone.localdate(response.published_at) if response.published_at else None,
        activity=_in_language(response.activity, "title"),
        actions=[_action_line(a) for a in response.actions.all()],
    )


def _action_line(action: Action) -> ActionLine:
    return ActionLine(
        title=_in_language(action, "title"), owner=_in_language(action, "owner"),
        status=action.get_status_display(), progress=action.progress, due=action.due_date,
        overdue=action.is_overdue(), reason=_in_language(action, "reason"),
    )


# --- participation quality -------------------------------------------------------------------


def _quality(activities: list[Activity], now: datetime) -> list[QualityLine]:
    answers: dict[int, dict[str, str]] = defaultdict(dict)
    for activity_id, item, answer in LundyAnswer.objects.filter(
            activity__in=activities).values_list("activity_id", "item", "answer"):
        answers[activity_id][item] = answer
    return [_quality_line(s, answers[s.activity.pk], now)
            for s in summaries(activities, now)]


def _quality_line(summary: QualitySummary, answers: dict[str, str],
                  now: datetime) -> QualityLine:
    cells = summary.distribution
    any_hidden = any(cell.suppressed for _, _, cell in cells)
    total = sum(summary.influence_counts.values())
    rung = summary.rung
    return QualityLine(
        activity=_in_language(summary.activity, "title"), slug=summary.activity.slug,
        lundy=[_lundy_line(element, answers) for element in LUNDY],
        rung=rung.name if rung else "", rung_group=rung.group if rung else "",
        rung_meaning=rung.meaning if rung else "",
        influence=[(label, Count.of(cell, summary.influence_counts.get(score, 0)))
                   for score, label, cell in cells],
        influence_total=Count.of(summary.influence_total, total),
        # With the total, an average could let a hidden count be worked out.
        influence_mean="" if any_hidden else summary.influence_mean,
        warnings=_warnings(summary, now, any_hidden),
    )


# Shown through gettext by the templates (the `translated` filter), so the CSV and JSON keep
# the English words.
ANSWER_WORDS = {"yes": gettext_noop("Yes"), "partly": gettext_noop("Partly"),
                "no": gettext_noop("No"), "": gettext_noop("Not answered yet")}


def _lundy_line(element: LundyElement, answers: dict[str, str]) -> LundyLine:
    items = element.items
    given = [answers.get(item.key, "") for item in items]
    if not any(given):
        overall = ""
    elif all(a == "yes" for a in given):
        overall = "yes"
    elif all(a == "no" for a in given):
        overall = "no"
    else:
        overall = "partly"
    return LundyLine(element.name, ANSWER_WORDS[overall],
                     [(item.question, ANSWER_WORDS[a]) for item, a in zip(items, given,
                                                                          strict=True)])


def _warnings(summary: QualitySummary, now: datetime, any_hidden: bool) -> list[str]:
    """The quality page's tokenism warnings; the low-influence one leaves out its numbers where
    a count is hidden, for the same reason as the average."""
    # Written again here, in the report's language (the quality page's are in English).
    found = tokenism_reasons(now=now, closes_at=summary.activity.closes_at,
                             has_published_response=summary.has_published_response,
                             influence_counts={} if any_hidden else summary.influence_counts,
                             days=tokenism_days(), translate=gettext)
    mean = influence_mean(summary.influence_counts)
    if any_hidden and mean is not None and mean < LOW_INFLUENCE_MEAN:
        found.append(gettext(LOW_INFLUENCE_NO_NUMBERS))
    return found


# --- representation --------------------------------------------------------------------------


def _representation(activity: Activity | None) -> tuple[Page, list[Alert], list[Suggestion]]:
    """As the representation page shows it for England (the same gathering), with the alerts
    written in the report's language: a Welsh PDF has Welsh ones."""
    heard = representation_for(ENGLAND, activity, translate=gettext)
    return page_tables(heard.rep, heard.hidden), heard.alerts, heard.suggestions

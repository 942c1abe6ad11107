"""What a service lead can answer, as lists to choose from: activities, ideas and themes.

Service leads never see internal theme keys: they pick a theme by its label and size, and a
key that is not a theme of a finished analysis is refused, so an answer always reaches the
people whose words fed it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from heard.activities.models import Activity
from heard.contributions.models import Contribution
from heard.safety.shown_text import excerpt

Choices = list[tuple[str, list[tuple[str, str]]]]
IDEA_EXCERPT_LENGTH = 90
EVERYTHING = "Everything people shared"


@dataclass(frozen=True)
class ThemeOption:
    key: str
    label: str
    size: int
    scope_title: str


def answerable_activities() -> list[Activity]:
    return list(Activity.objects.public().order_by("title"))


def answerable_ideas() -> list[Contribution]:
    return list(Contribution.objects.live().filter(kind=Contribution.Kind.IDEA)
                .exclude(status__in=(Contribution.Status.DRAFT, Contribution.Status.REJECTED))
                .select_related("activity").order_by("activity__title", "id"))


def idea_choices() -> Choices:
    """Ideas grouped by activity, each named by its number and the start of its redacted
    words (never the raw text)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for idea in answerable_ideas():
        words = excerpt(idea, IDEA_EXCERPT_LENGTH) or "words still being checked"
        groups.setdefault(idea.activity.title, []).append(
            (str(idea.pk), f"Idea {idea.pk}: {words}"))
    return list(groups.items())


def theme_options() -> list[ThemeOption]:
    """The themes of the latest finished analysis of each scope, largest first."""
    from heard.insight.models import Theme
    from heard.insight.themes_for import latest_run_ids

    themes = (Theme.objects.filter(run_id__in=latest_run_ids())
              .select_related("run__activity").order_by("run__activity__title", "-size", "key"))
    return [ThemeOption(t.key, t.shown_label, t.size,
                        t.run.activity.title if t.run.activity is not None else EVERYTHING)
            for t in themes]


def theme_choices(options: list[ThemeOption] | None = None) -> Choices:
    groups: dict[str, list[tuple[str, str]]] = {}
    for option in options if options is not None else theme_options():
        groups.setdefault(option.scope_title, []).append(
            (option.key, f"{option.label} ({option.size} contribution"
                         f"{'' if option.size == 1 else 's'})"))
    return list(groups.items())


def is_current_theme(key: str) -> bool:
    return any(option.key == key for option in theme_options())


def activity_for_theme(key: str) -> Activity | None:
    """A theme of one activity belongs to it; a theme of everything belongs to the activity
    most of its contributions came from, so the answer shows up where most of them look."""
    from heard.insight.themes_for import contributions_in_theme

    counts = Counter(contributions_in_theme(key).values_list("activity_id", flat=True))
    if not counts:
        return None
    top = max(counts.items(), key=lambda item: (item[1], -item[0]))[0]
    return Activity.objects.filter(pk=top).first()

"""The activity kinds: each one declares, in one ActivityKind, everything the rest of Heard needs to
know about it, so code elsewhere asks the kind (`kind_of(activity).has_questions`) instead of
testing `activity.kind` against a named kind.

A kind lives in its own sub-package (heard/activities/<kind>/) with a `kind.py` that builds its
ActivityKind, and an AppConfig whose ready() calls `register_kind(KIND)`. Its one registration
line is its entry in INSTALLED_APPS (see docs/how-to/add-an-activity-kind.md). This module sits
low in the layers: it imports no kind, so the kinds (above safety) can register into it and
contributions, safety and the rest (below the kinds) can look them up.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.apps import AppConfig
from django.urls import reverse
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from .models import Activity


@dataclass(frozen=True)
class EntryPoint:
    """Where a participant takes part, and the words of the link."""
    url: str
    text: str


def page_of(url_name: str, activity: Activity, text: str) -> EntryPoint:
    """The kind's page `url_name` for this activity (its URLs take the activity's slug)."""
    return EntryPoint(reverse(url_name, args=[activity.slug]), text)


@dataclass(frozen=True)
class Urls:
    """A kind's pages mounted under `prefix`, reversed as `namespace:name`. Kinds that share a
    namespace (consultation, ideas and events under `engagement:`) are merged into one include
    so the names people's links and templates use stay as they were."""
    prefix: str
    namespace: str
    # "module.name" of the list of patterns, imported when heard/urls.py is loaded: importing a
    # kind's views while apps are still starting could reach models not ready yet.
    patterns: str


@dataclass(frozen=True)
class Export:
    """A CSV a facilitator can download from the activity dashboard."""
    text: str
    url_name: str  # reversed with the activity's slug


@dataclass(frozen=True)
class ActivityKind:
    key: str  # the Activity.Kind value stored on the activity
    take_part: Callable[[Activity], EntryPoint | None]
    participant_urls: Sequence[Urls] = ()
    staff_urls: Sequence[Urls] = ()
    # Extra facilitator dashboard section (a template included in the dashboard), if any.
    dashboard_panel: str | None = None
    # Who took part beyond contributing (responses sent, people registered), by perspective
    # code; None when the kind has no such notion and the dashboard leaves the table out.
    participants_by_perspective: Callable[[Activity], dict[str, int]] | None = None
    participants_label: str = "People who sent answers"
    exports: Sequence[Export] = ()
    # URL names of the kind's own step pages, in order, for the "Step 2 of 6" caption
    # (heard/journeys.py); empty when its pages are not one journey.
    journey: Sequence[str] = ()
    # The related name of the kind's own one-to-one row beside the activity (an Open Space
    # event, an opinion map), fetched with the activity where activities are listed.
    own_row: str | None = None
    demo_loader: str | None = None  # "module.function" that loads its demo, if it has one
    # Modules that register the kind's personal data with heard.people (erasure, copies,
    # retention) and any background tasks: imported once when the kind registers.
    registers: Sequence[str] = ()
    # "app_label.Model.field" -> how the words a participant types there are triaged; and
    # fields of the kind's own models that are not participant words, with the reason.
    participant_text: dict[str, str] = field(default_factory=dict)
    not_participant_text: dict[str, str] = field(default_factory=dict)
    # What the kind does, asked instead of testing the kind's name.
    # People take part only on the kind's own pages: a link to the share journey's story form
    # for such an activity sends them there instead.
    own_pages_only: bool = False
    details_editable: bool = True  # facilitators may change its title, purpose and dates
    set_up_on_activity_pages: bool = False  # made and edited with the shared activity forms
    has_questions: bool = False  # facilitators write questions people answer
    has_event_page: bool = False  # presenters, materials and key messages
    # Its published key messages appear on its own outcomes page once it has finished, not on
    # the knowledge event page.
    key_messages_on_outcomes_page: bool = False
    takes_ideas: bool = False  # people post ideas and support each other's
    runs_in_waves: bool = False  # the same questions asked again in waves, compared over time


# Where a kind's pages are mounted, as (prefix, namespace). The consultation, the Call for Ideas
# and the knowledge event sit under each activity's own address with names in `engagement:`,
# and their facilitator pages beside the ones every kind shares (`facilitator:`).
ON_ACTIVITY_PAGES = ("activities/", "engagement")
WITH_FACILITATOR_PAGES = ("staff/activities/", "facilitator")

# Why a field of a kind's own models holds no participant words (`not_participant_text`).
FROM_A_LIST = "A value from a fixed list, checked on the way in: no free words."
BY_STAFF = "Written by staff (facilitators, moderators, analysts, leads), not by participants."
BY_HEARD = "Written by Heard itself, never typed by anyone."


def declare_kind(key: str, kind_module: str, take_part: Callable[[Activity], EntryPoint | None], *,
                 participant: tuple[str, str] | None = None,
                 staff: tuple[str, str] | None = None, **what_it_does: Any) -> ActivityKind:
    """The ActivityKind of a kind laid out as docs/how-to/add-an-activity-kind.md says: its
    urls.py has a `participant` list (mounted at `participant`, a (prefix, namespace)) and, if
    facilitators have pages of its own, a `staff_pages` list (mounted at `staff`). `kind_module`
    is the kind.py's `__name__`."""
    package = kind_module.rpartition(".")[0]
    return ActivityKind(
        key=key, take_part=take_part,
        participant_urls=[Urls(*participant, f"{package}.urls.participant")] if participant else (),
        staff_urls=[Urls(*staff, f"{package}.urls.staff_pages")] if staff else (),
        **what_it_does)


_KINDS: dict[str, ActivityKind] = {}


def register_kind(kind: ActivityKind) -> None:
    """Called from each kind's AppConfig.ready()."""
    if kind.key in _KINDS and _KINDS[kind.key] is not kind:
        raise ValueError(f"Activity kind {kind.key!r} is registered twice")
    _KINDS[kind.key] = kind
    for module in kind.registers:
        importlib.import_module(module)


# The published "you said, we did" answers to one activity, for a kind's own pages (a finished
# Open Space event's outcomes). Answers live in accountability, a layer above the kinds, so
# accountability hands its query in when it starts instead of the kinds importing it.
_PUBLISHED_ANSWERS: list[Callable[[Activity], Sequence[Any]]] = []


def provide_published_answers(fetch: Callable[[Activity], Sequence[Any]]) -> None:
    """Called from accountability's AppConfig.ready(): how to fetch one activity's answers."""
    _PUBLISHED_ANSWERS[:] = [fetch]


def published_answers(activity: Activity) -> Sequence[Any]:
    """The activity's published answers, newest first, as accountability shows them."""
    if not _PUBLISHED_ANSWERS:
        raise LookupError("No app provides published answers: is heard.accountability in "
                          "INSTALLED_APPS?")
    return _PUBLISHED_ANSWERS[0](activity)


def load_kind_demo(kind: ActivityKind) -> str:
    return str(import_string(kind.demo_loader)()) if kind.demo_loader else ""


class KindConfig(AppConfig):
    """The AppConfig of a kind's sub-package: registers the KIND its kind.py declares."""

    def ready(self) -> None:
        register_kind(import_string(f"{self.name}.kind.KIND"))


def kinds() -> list[ActivityKind]:
    return list(_KINDS.values())


def own_rows() -> list[str]:
    """The related names of every kind's own row, for `select_related` on activity lists."""
    return [kind.own_row for kind in kinds() if kind.own_row]


def get_kind(key: str) -> ActivityKind:
    try:
        return _KINDS[key]
    except KeyError:
        raise LookupError(f"No activity kind {key!r} is registered: is its app in "
                          "INSTALLED_APPS?") from None


def kind_of(activity: Activity) -> ActivityKind:
    return get_kind(activity.kind)


def take_part(activity: Activity) -> EntryPoint | None:
    """The page where a person takes part in this activity, whatever its kind, so the home page,
    the list of activities and each activity's page all send them to the same place."""
    return kind_of(activity).take_part(activity)


def participant_text() -> dict[str, str]:
    return {name: how for kind in kinds() for name, how in kind.participant_text.items()}


def not_participant_text() -> dict[str, str]:
    return {name: why for kind in kinds() for name, why in kind.not_participant_text.items()}


def url_includes(which: str, shared: Sequence[tuple[str, list[Any], str]] = ()
                 ) -> list[tuple[str, list[Any], str]]:
    """(prefix, patterns, namespace) for every kind's `participant` or `staff` pages, merged
    with the `shared` patterns and with each other where prefix and namespace are the same:
    Django keeps only one include per namespace, and the names (`staff:opinion-maps`,
    `engagement:consultation`) must stay as links and templates know them."""
    merged: dict[tuple[str, str], list[Any]] = {
        (prefix, namespace): list(patterns) for prefix, patterns, namespace in shared}
    for kind in kinds():
        mounts = kind.participant_urls if which == "participant" else kind.staff_urls
        for mount in mounts:
            merged.setdefault((mount.prefix, mount.namespace), []).extend(
                import_string(mount.patterns))
    return [(prefix, patterns, namespace) for (prefix, namespace), patterns in merged.items()]

"""Where a person takes part in an activity, whatever its kind, so the home page, the list of
activities and each activity's page all send them to the same place (and never, say, from an
opinion map to the story form)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse

from .models import Activity


@dataclass(frozen=True)
class EntryPoint:
    url: str
    text: str


def take_part(activity: Activity) -> EntryPoint | None:
    """The page to go to and the words of the link; None when there is nothing to do there."""
    kind, slug, accepting = activity.kind, activity.slug, activity.is_accepting()
    if kind == Activity.Kind.CONSULTATION:
        return EntryPoint(reverse("engagement:consultation", args=[slug]),
                          "Answer the questions" if accepting else "About this consultation")
    if kind == Activity.Kind.CALL_FOR_IDEAS:
        return EntryPoint(reverse("engagement:ideas", args=[slug]),
                          "Share an idea, or support other people's ideas" if accepting
                          else "See the ideas people shared")
    if kind == Activity.Kind.KNOWLEDGE_EVENT:
        return EntryPoint(reverse("engagement:event", args=[slug]),
                          "Key messages and reflections from the event")
    if kind == Activity.Kind.OPEN_SPACE:
        return _open_space(activity)
    if kind == Activity.Kind.OPINION_MAP:
        return _opinion_map(activity, accepting)
    if accepting:
        return EntryPoint(reverse("share:start", args=[slug]), "Share your own")
    return None


def _open_space(activity: Activity) -> EntryPoint | None:
    try:
        event = activity.open_space  # type: ignore[attr-defined]
    except ObjectDoesNotExist:
        return None  # set up as an event, but the event itself is not made yet
    if event.phase == event.Phase.CLOSED:
        return EntryPoint(reverse("open_space:outcomes", args=[activity.slug]),
                          "See what the event came up with")
    return EntryPoint(reverse("open_space:event", args=[activity.slug]),
                      "Go to the Open Space event")


def _opinion_map(activity: Activity, accepting: bool) -> EntryPoint | None:
    if not hasattr(activity, "opinion_map"):  # the map itself is not made yet
        return None
    if accepting:
        return EntryPoint(reverse("opinions:start", args=[activity.slug]),
                          "Say if you agree with what others said")
    return EntryPoint(reverse("opinions:results", args=[activity.slug]),
                      "See where people agree and disagree")

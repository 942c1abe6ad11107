"""The two frameworks staff judge an activity against, and the tokenism rules. Pure: no Django.

Lundy (2007) says that taking children's views seriously needs four things: Space, Voice,
Audience and Influence. The questions below follow the Lundy checklist, in our own plain words.
Arnstein (1969) ranks participation on an eight-rung ladder, from manipulation to citizen
control, in three groups.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from heard.core.vocab import gettext_noop

ANSWERS = (("yes", gettext_noop("Yes")), ("partly", gettext_noop("Partly")),
           ("no", gettext_noop("No")))
ANSWER_LABELS = dict(ANSWERS)
# Claiming a "yes" or "partly" needs something to point at; "no" may say what would help.
EVIDENCE_NEEDED_FOR = ("yes", "partly")


@dataclass(frozen=True)
class LundyItem:
    key: str
    question: str


@dataclass(frozen=True)
class LundyElement:
    key: str
    name: str
    summary: str
    items: tuple[LundyItem, ...]


LUNDY: tuple[LundyElement, ...] = (
    LundyElement("space", gettext_noop("Space"),
                 "Children and young people get the chance to give a view.", (
        LundyItem("space_sought", "Did we go out and ask children and young people for their "
                                  "views?"),
        LundyItem("space_safe", "Was there a safe place where they could say what they think "
                                "freely?"),
        LundyItem("space_inclusive", "Did we take steps so that everyone could take part, not "
                                     "just the most confident?"),
    )),
    LundyElement("voice", gettext_noop("Voice"), "They are helped to say what they think.", (
        LundyItem("voice_information", "Did they get the information they needed to make up "
                                       "their minds?"),
        LundyItem("voice_choice", "Did they know they did not have to take part?"),
        LundyItem("voice_ways", "Could they give their views in different ways that suited "
                                "them?"),
    )),
    LundyElement("audience", gettext_noop("Audience"), "Their views are listened to.", (
        LundyItem("audience_process", "Is there a clear way for their views to be passed on?"),
        LundyItem("audience_who", "Do they know who their views will go to?"),
        LundyItem("audience_power", "Does that person or group have the power to make "
                                    "decisions?"),
    )),
    LundyElement("influence", gettext_noop("Influence"),
                 "Their views are acted on, as they should be.", (
        LundyItem("influence_considered", "Were their views taken seriously by people who can "
                                          "make changes?"),
        LundyItem("influence_shown", "Can we show how their views were used?"),
        LundyItem("influence_feedback", "Were they told what was decided and why?"),
    )),
)
LUNDY_ITEMS: dict[str, LundyItem] = {item.key: item for e in LUNDY for item in e.items}
LUNDY_ITEM_COUNT = len(LUNDY_ITEMS)


@dataclass(frozen=True)
class Rung:
    key: str
    number: int
    name: str
    group: str
    meaning: str


# Marked for the Welsh key-messages PDF (issue 15), which shows them through gettext; staff
# pages show them as written.
NON_PARTICIPATION = gettext_noop("Non-participation")
TOKENISM = gettext_noop("Tokenism")
CITIZEN_POWER = gettext_noop("Citizen power")

# Bottom rung first, as Arnstein numbered them.
ARNSTEIN: tuple[Rung, ...] = (
    Rung("manipulation", 1, gettext_noop("Manipulation"), NON_PARTICIPATION,
         gettext_noop("People are there to make a decision already taken look approved.")),
    Rung("therapy", 2, gettext_noop("Therapy"), NON_PARTICIPATION,
         gettext_noop("The aim is to change the people taking part, not the service.")),
    Rung("informing", 3, gettext_noop("Informing"), TOKENISM,
         gettext_noop("People are told what is happening. Information goes one way.")),
    Rung("consultation", 4, gettext_noop("Consultation"), TOKENISM,
         gettext_noop("People are asked for views, with no promise the views will change "
                      "anything.")),
    Rung("placation", 5, gettext_noop("Placation"), TOKENISM,
         gettext_noop("People can advise, but those in power still decide.")),
    Rung("partnership", 6, gettext_noop("Partnership"), CITIZEN_POWER,
         gettext_noop("Power is shared: people plan and decide together with the service.")),
    Rung("delegated_power", 7, gettext_noop("Delegated power"), CITIZEN_POWER,
         gettext_noop("People hold most of the power over the decision.")),
    Rung("citizen_control", 8, gettext_noop("Citizen control"), CITIZEN_POWER,
         gettext_noop("People run it and make the decisions themselves.")),
)
RUNGS: dict[str, Rung] = {rung.key: rung for rung in ARNSTEIN}

INFLUENCE_SCORES = (
    (1, gettext_noop("Not at all")), (2, gettext_noop("A little")), (3, gettext_noop("Some")),
    (4, gettext_noop("Quite a lot")), (5, gettext_noop("A lot")),
)
MIN_ANSWERS_FOR_MEAN = 5
LOW_INFLUENCE_MEAN = 2.5


def influence_mean(counts: dict[int, int]) -> float | None:
    """The mean score, or None below the number of answers at which we trust (and show) it."""
    total = sum(counts.values())
    if total < MIN_ANSWERS_FOR_MEAN:
        return None
    return sum(score * n for score, n in counts.items()) / total


CLOSED_WITHOUT_RESPONSE = gettext_noop(
    "It closed %(days)s days ago and no response has been published. The people who took part "
    "have not been told what happened because of what they said.")
LOW_INFLUENCE = gettext_noop(
    "People who took part do not think it will make a difference: on average they gave "
    "%(mean)s out of 5 (%(answers)s answers).")
LOW_INFLUENCE_NO_NUMBERS = gettext_noop(
    "People who took part do not think it will make a difference.")


def _as_written(text: str) -> str:
    return text


def tokenism_reasons(
    *, now: datetime, closes_at: datetime | None, has_published_response: bool,
    influence_counts: dict[int, int], days: int,
    translate: Callable[[str], str] = _as_written,
) -> list[str]:
    """Plain-English reasons to worry that an activity was tokenistic; empty when none.
    `translate` (gettext, where Django is at hand) gives them in another language."""
    reasons = []
    if closes_at is not None and not has_published_response and now - closes_at > timedelta(
            days=days):
        reasons.append(translate(CLOSED_WITHOUT_RESPONSE) % {"days": (now - closes_at).days})
    mean = influence_mean(influence_counts)
    if mean is not None and mean < LOW_INFLUENCE_MEAN:
        reasons.append(translate(LOW_INFLUENCE) % {
            "mean": f"{mean:.1f}", "answers": sum(influence_counts.values())})
    return reasons

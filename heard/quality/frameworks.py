"""The two frameworks staff judge an activity against, and the tokenism rules. Pure: no Django.

Lundy (2007) says that taking children's views seriously needs four things: Space, Voice,
Audience and Influence. The questions below follow the Lundy checklist, in our own plain words.
Arnstein (1969) ranks participation on an eight-rung ladder, from manipulation to citizen
control, in three groups.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from heard.core.vocab import gettext_noop

ANSWERS = (("yes", "Yes"), ("partly", "Partly"), ("no", "No"))
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
    LundyElement("space", "Space", "Children and young people get the chance to give a view.", (
        LundyItem("space_sought", "Did we go out and ask children and young people for their "
                                  "views?"),
        LundyItem("space_safe", "Was there a safe place where they could say what they think "
                                "freely?"),
        LundyItem("space_inclusive", "Did we take steps so that everyone could take part, not "
                                     "just the most confident?"),
    )),
    LundyElement("voice", "Voice", "They are helped to say what they think.", (
        LundyItem("voice_information", "Did they get the information they needed to make up "
                                       "their minds?"),
        LundyItem("voice_choice", "Did they know they did not have to take part?"),
        LundyItem("voice_ways", "Could they give their views in different ways that suited "
                                "them?"),
    )),
    LundyElement("audience", "Audience", "Their views are listened to.", (
        LundyItem("audience_process", "Is there a clear way for their views to be passed on?"),
        LundyItem("audience_who", "Do they know who their views will go to?"),
        LundyItem("audience_power", "Does that person or group have the power to make "
                                    "decisions?"),
    )),
    LundyElement("influence", "Influence", "Their views are acted on, as they should be.", (
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


NON_PARTICIPATION = "Non-participation"
TOKENISM = "Tokenism"
CITIZEN_POWER = "Citizen power"

# Bottom rung first, as Arnstein numbered them.
ARNSTEIN: tuple[Rung, ...] = (
    Rung("manipulation", 1, "Manipulation", NON_PARTICIPATION,
         "People are there to make a decision already taken look approved."),
    Rung("therapy", 2, "Therapy", NON_PARTICIPATION,
         "The aim is to change the people taking part, not the service."),
    Rung("informing", 3, "Informing", TOKENISM,
         "People are told what is happening. Information goes one way."),
    Rung("consultation", 4, "Consultation", TOKENISM,
         "People are asked for views, with no promise the views will change anything."),
    Rung("placation", 5, "Placation", TOKENISM,
         "People can advise, but those in power still decide."),
    Rung("partnership", 6, "Partnership", CITIZEN_POWER,
         "Power is shared: people plan and decide together with the service."),
    Rung("delegated_power", 7, "Delegated power", CITIZEN_POWER,
         "People hold most of the power over the decision."),
    Rung("citizen_control", 8, "Citizen control", CITIZEN_POWER,
         "People run it and make the decisions themselves."),
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


def tokenism_reasons(
    *, now: datetime, closes_at: datetime | None, has_published_response: bool,
    influence_counts: dict[int, int], days: int,
) -> list[str]:
    """Plain-English reasons to worry that an activity was tokenistic; empty when none."""
    reasons = []
    if closes_at is not None and not has_published_response and now - closes_at > timedelta(
            days=days):
        ago = (now - closes_at).days
        reasons.append(
            f"It closed {ago} days ago and no response has been published. The people who "
            "took part have not been told what happened because of what they said.")
    mean = influence_mean(influence_counts)
    if mean is not None and mean < LOW_INFLUENCE_MEAN:
        total = sum(influence_counts.values())
        reasons.append(
            f"People who took part do not think it will make a difference: on average they "
            f"gave {mean:.1f} out of 5 ({total} answers).")
    return reasons

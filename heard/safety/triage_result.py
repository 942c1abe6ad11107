"""What safeguarding triage returns: levels, triggers (the reasons) and the result.

Kept in a module of its own so that the rule signal (`triage_rules`), the semantic signal
(`triage_model`) and the public `triage.classify` can all build the same objects without
importing each other. Pure standard library; no Django imports.
"""

from __future__ import annotations

from dataclasses import dataclass, field

IMMEDIATE = "immediate"
CONCERN = "concern"
NONE = "none"
LEVELS: tuple[str, ...] = (NONE, CONCERN, IMMEDIATE)
RANK = {level: rank for rank, level in enumerate(LEVELS)}

RULE = "rule"
MODEL = "model"


def highest(levels: list[str]) -> str:
    """The most serious of some levels; "none" when there are none."""
    return max(levels, key=RANK.__getitem__, default=NONE)


@dataclass(frozen=True)
class NearExample:
    """A labelled corpus text close in meaning to the words that scored: shown to reviewers
    so they can see what the model thought the words were like. Never a participant's words."""

    text: str
    label: str
    similarity: float


@dataclass(frozen=True)
class Trigger:
    """One reason the level was raised, with where it is and why it matters.

    A rule trigger's phrase is the words of a lexicon entry. A model trigger's phrase is the
    window of sentences that scored; `score` is the model's probability that the window shows
    risk at this level, and `examples` are its nearest labelled examples.
    """

    phrase: str
    start: int
    end: int
    level: str
    reason: str
    source: str = RULE
    category: str = ""
    score: float | None = None
    examples: tuple[NearExample, ...] = ()

    def as_dict(self) -> dict:
        """JSON-ready form stored on a safeguarding flag (`SafeguardingFlag.triggers`)."""
        data: dict = {"phrase": self.phrase, "start": self.start, "end": self.end,
                      "level": self.level, "reason": self.reason, "source": self.source}
        if self.category:
            data["category"] = self.category
        if self.score is not None:
            data["score"] = round(self.score, 3)
        if self.examples:
            data["examples"] = [{"text": e.text, "label": e.label,
                                 "similarity": round(e.similarity, 3)} for e in self.examples]
        return data


@dataclass
class TriageResult:
    """The overall level (the highest of the triggers) and the triggers themselves.

    `degraded` is True when the semantic model could not be used and only the rules ran: the
    level is then less reliable, and the caller may say so to staff.
    """

    level: str
    triggers: list[Trigger] = field(default_factory=list)
    degraded: bool = False

"""The forms behind every Open Space POST. They only turn what was posted into plain values
(see heard/core/posted.py): the rules and their messages stay in actions.py."""

from __future__ import annotations

from heard.core.posted import AnyChoices, PostedForm, RawText
from heard.date_input import PARTS

from .models import SessionNote

CONSENTS = ("analysis", "quote", "publish")


class RegisterForm(PostedForm):
    perspectives = AnyChoices()
    access_needs = RawText()
    consent_analysis = RawText()
    consent_quote = RawText()
    consent_publish = RawText()

    def perspectives_chosen(self) -> list[str]:
        return self.values("perspectives")

    def consents(self) -> dict[str, bool]:
        return {k: self.value(f"consent_{k}") == "yes" for k in CONSENTS}


class CodeForm(PostedForm):
    code = RawText()


class StepForm(PostedForm):
    """The pages with more than one button say which with ``step``."""
    step = RawText()


class TopicTitleForm(StepForm):
    """A topic's title: proposed by a participant, or added by the facilitator."""
    title = RawText()


class InterestForm(StepForm):
    topic = RawText()


class SessionForm(StepForm):
    """Which session a button is about: a participant joining or leaving it, or the
    facilitator opening or closing it."""
    session = RawText()


class SessionNotesForm(PostedForm):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for field in SessionNote.Field.values:
            self.fields[field] = RawText()

    def entries(self) -> dict[str, str]:
        return {f: self.value(f) for f in SessionNote.Field.values}


class DotForm(PostedForm):
    solution = RawText()


class ClosingAnswerForm(PostedForm):
    answer = RawText()


# --- Facilitators' forms ----------------------------------------------------------------------

class EventForm(PostedForm):
    title = RawText()
    opening_question = RawText()
    closing_question = RawText()
    starts = RawText()
    ends = RawText()
    dots = RawText()

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for part in PARTS:  # the three GOV.UK date boxes
            self.fields[f"date-{part}"] = RawText()

    def date_parts(self) -> list[str]:
        return [self.value(f"date-{part}") for part in PARTS]


class RoomForm(StepForm):
    name = RawText()
    link = RawText()


class WelshWordingForm(StepForm):
    opening_question_cy = RawText()
    closing_question_cy = RawText()

    def room_names(self, room_ids: list[int]) -> dict[int, str]:
        """The Welsh room names typed, one box per room (named room_cy-<id>)."""
        return {pk: str(self.data.get(f"room_cy-{pk}", "")) for pk in room_ids
                if f"room_cy-{pk}" in self.data}


class TimeSlotForm(StepForm):
    starts = RawText()
    ends = RawText()


class ScheduleForm(StepForm):
    topic = RawText()
    room = RawText()
    slot = RawText()
    capacity = RawText()
    mode = RawText()
    shared_group = RawText()


class ApplyAllocationForm(StepForm):
    slot = RawText()


class ProposeForm(PostedForm):
    """?propose=<slot> asks the manage page for the allocation helper's proposal for a slot."""

    propose = RawText()

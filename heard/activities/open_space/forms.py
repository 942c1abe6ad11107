"""The forms behind every Open Space POST. They only turn what was posted into plain values
(see heard/core/posted.py): the rules and their messages stay in actions.py."""

from __future__ import annotations

from heard.core.posted import AnyChoices, PostedForm, RawText
from heard.date_input import PARTS

from .models import SessionNote

CONSENTS = ("analysis", "quote", "publish")


def _text() -> RawText:
    return RawText()


class RegisterForm(PostedForm):
    perspectives = AnyChoices()
    access_needs = _text()
    consent_analysis = _text()
    consent_quote = _text()
    consent_publish = _text()

    def perspectives_chosen(self) -> list[str]:
        return self.values("perspectives")

    def consents(self) -> dict[str, bool]:
        return {k: self.value(f"consent_{k}") == "yes" for k in CONSENTS}


class CodeForm(PostedForm):
    code = _text()


class StepForm(PostedForm):
    """The pages with more than one button say which with ``step``."""
    step = _text()


class ProposeTopicForm(StepForm):
    title = _text()


class InterestForm(StepForm):
    topic = _text()


class JoinOrLeaveForm(StepForm):
    session = _text()


class SessionNotesForm(PostedForm):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for field in SessionNote.Field.values:
            self.fields[field] = _text()

    def entries(self) -> dict[str, str]:
        return {f: self.value(f) for f in SessionNote.Field.values}


class DotForm(PostedForm):
    solution = _text()


class ClosingAnswerForm(PostedForm):
    answer = _text()


# --- Facilitators' forms ----------------------------------------------------------------------

class EventForm(PostedForm):
    title = _text()
    opening_question = _text()
    closing_question = _text()
    starts = _text()
    ends = _text()
    dots = _text()

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for part in PARTS:  # the three GOV.UK date boxes
            self.fields[f"date-{part}"] = _text()

    def date_parts(self) -> list[str]:
        return [self.value(f"date-{part}") for part in PARTS]


class RoomForm(StepForm):
    name = _text()
    link = _text()


class WelshWordingForm(StepForm):
    opening_question_cy = _text()
    closing_question_cy = _text()

    def room_names(self, room_ids: list[int]) -> dict[int, str]:
        """The Welsh room names typed, one box per room (named room_cy-<id>)."""
        return {pk: str(self.data.get(f"room_cy-{pk}", "")) for pk in room_ids
                if f"room_cy-{pk}" in self.data}


class TimeSlotForm(StepForm):
    starts = _text()
    ends = _text()


class StaffTopicForm(StepForm):
    title = _text()


class ScheduleForm(StepForm):
    topic = _text()
    room = _text()
    slot = _text()
    capacity = _text()
    mode = _text()
    shared_group = _text()


class OpenOrCloseForm(StepForm):
    session = _text()


class ApplyAllocationForm(StepForm):
    slot = _text()


class ProposeForm(PostedForm):
    """?propose=<slot> asks the manage page for the allocation helper's proposal for a slot."""

    propose = RawText()

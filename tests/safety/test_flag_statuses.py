"""Contributions sit below safety, so they name the open safeguarding-flag states themselves
(to keep flagged words unpublished, out of analysis and unexpired). They must be safety's."""

from heard.contributions.models import OPEN_FLAG_STATUSES
from heard.safety.models import SafeguardingFlag


def test_contributions_hold_back_for_the_same_flag_states_that_safety_calls_open() -> None:
    assert tuple(str(status) for status in SafeguardingFlag.OPEN_STATUSES) == OPEN_FLAG_STATUSES
    assert SafeguardingFlag.Status.CLOSED not in OPEN_FLAG_STATUSES

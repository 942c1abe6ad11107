"""Fixtures the activity-kind tests share."""

from __future__ import annotations

import pytest

from heard.activities.models import Activity

from .activity_helpers import make_activity


@pytest.fixture
def consultation(facilitator) -> Activity:
    return make_activity(Activity.Kind.CONSULTATION, facilitator)

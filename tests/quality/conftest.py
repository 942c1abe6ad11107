from __future__ import annotations

import pytest
from django.contrib.auth.models import User


@pytest.fixture
def facilitator(make_staff) -> User:
    return make_staff("facilitator")

"""After any error, a staff form shows again with what was typed, never empty boxes or a
reset choice: the facilitator's rooms and times, the analyst's run settings (service leads'
forms: tests/accountability/test_response_subjects.py; dates: tests/core/test_date_input.py)."""

from __future__ import annotations

import pytest

from ..activities.test_open_space import event  # noqa: F401 - fixture
from ..conftest import client_for

pytestmark = pytest.mark.django_db


def test_a_refused_room_keeps_its_name_and_link(event, facilitator):  # noqa: F811
    page = client_for(facilitator).post(f"/staff/events/{event.slug}/", {
        "step": "room", "name": "Willow", "link": "meet.example.org/willow"})
    html = page.content.decode()
    assert "meeting link" in html
    assert 'value="Willow"' in html and 'value="meet.example.org/willow"' in html


def test_a_refused_analysis_keeps_its_settings(analyst, activity):
    page = client_for(analyst).post("/staff/themes/", {
        "scope": activity.slug, "embedder": "static", "k": "500"})
    html = page.content.decode()
    assert page.status_code == 400 and "between 2 and 200" in html
    assert f'<option value="{activity.slug}" selected>' in html
    assert '<option value="static" selected>' in html and 'value="500"' in html

"""Helpers for the API tests: a client, tokens, and data the public endpoints can show."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from heard.accountability.actions import do_add_action, do_publish_response, do_update_action
from heard.insight.models import AnalysisRun, Theme
from tests.conftest import STAFF_PASSWORD, publish, second_factor_code

pytestmark = pytest.mark.urls("tests.api.urls")


class Api:
    """A JSON client for the API; never sends cookies or CSRF tokens."""

    def __init__(self) -> None:
        self.client = Client()

    def get(self, path: str, token: str | None = None, **params):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return self.client.get(f"/api{path}", params, headers=headers)

    def post(self, path: str, body, token: str | None = None):
        data = body if isinstance(body, str | bytes) else json.dumps(body)
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return self.client.post(f"/api{path}", data, content_type="application/json",
                                headers=headers)


@pytest.fixture
def api() -> Api:
    return Api()


@pytest.fixture
def token_for(api):
    def get(user) -> str:
        response = api.post("/staff/token", {"username": user.username,
                                             "password": STAFF_PASSWORD,
                                             "code": second_factor_code(user)})
        assert response.status_code == 200, response.content
        return response.json()["token"]

    return get


@pytest.fixture
def published_story(young_person_story, moderator):
    contribution, _code = young_person_story
    return publish(contribution, moderator)


@pytest.fixture
def theme_run(activity, published_story, dual_perspective_idea, parent_problem):
    """A finished run over all activities, with one big theme and one small one."""
    run = AnalysisRun.objects.create(status=AnalysisRun.Status.DONE, finished_at=timezone.now())
    idea, _ = dual_perspective_idea
    parent, _ = parent_problem
    Theme.objects.create(run=run, key="all:1", label="Moving placement", key_words=["school"],
                         size=12, quote_ids=[published_story.pk, idea.pk, parent.pk])
    Theme.objects.create(run=run, key="all:2", label="Being told", key_words=["meeting"],
                         size=3, quote_ids=[parent.pk])
    return run


@pytest.fixture
def published_response(activity, make_staff):
    lead = make_staff("service_lead")
    response = do_publish_response(activity, "Fewer moves", "We heard you.", lead)
    action = do_add_action(response, "Keep children at one school", "Virtual school", lead,
                           due_date=date.today() + timedelta(days=30), progress=10)  # noqa: DTZ011
    do_update_action(action, lead, status="in_progress", progress=40, note="Started in May.")
    return response

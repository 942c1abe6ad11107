"""The activity kind registry: every kind an activity can have is registered once, and the rest of
Heard finds a kind's pages and rules through it."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import pytest
from django.urls import reverse

from heard.activities.call_for_ideas import views as idea_views
from heard.activities.consultation import views as consultation_views
from heard.activities.models import Activity
from heard.activities.registry import get_kind, kinds, own_rows, register_kind
from heard.activities.steps import SHARED_STEPS
from heard.journeys import Step, step_of
from heard.safety.text_fields import NOT_PARTICIPANT_TEXT, PARTICIPANT_TEXT


def test_every_kind_an_activity_can_have_is_registered_once():
    assert sorted(kind.key for kind in kinds()) == sorted(Activity.Kind.values)


def test_an_unregistered_kind_says_where_to_register_it():
    with pytest.raises(LookupError, match="INSTALLED_APPS"):
        get_kind("survey")


def test_a_second_kind_under_the_same_name_is_refused():
    twin = dataclasses.replace(get_kind(Activity.Kind.CONSULTATION), has_questions=False)
    with pytest.raises(ValueError, match="registered twice"):
        register_kind(twin)
    assert get_kind(Activity.Kind.CONSULTATION).has_questions


def test_kinds_pages_keep_their_names():
    assert reverse("engagement:consultation", args=["x"]) == "/activities/x/consultation/"
    assert reverse("engagement:ideas", args=["x"]) == "/activities/x/ideas/"
    assert reverse("engagement:event", args=["x"]) == "/activities/x/event/"
    assert reverse("open_space:event", args=["x"]) == "/events/x/"
    assert reverse("opinions:start", args=["x"]) == "/opinions/x/"
    assert reverse("staff:opinion-maps") == "/staff/opinions/"
    assert reverse("facilitator:questions", args=["x"]) == "/staff/activities/x/questions/"
    assert reverse("facilitator:list") == "/staff/activities/"
    assert reverse("open_space_staff:events") == "/staff/events/"


def test_a_flows_shared_steps_keep_their_addresses_and_names():
    for name, address in (("idea", "ideas"), ("consultation", "consultation")):
        for step in SHARED_STEPS:
            assert (reverse(f"engagement:{name}-{step}", args=["x"])
                    == f"/activities/x/{address}/{step}/")


def test_a_flows_journey_is_its_own_step_then_the_shared_ones_to_check():
    for key, steps in ((Activity.Kind.CONSULTATION, consultation_views.STEPS),
                       (Activity.Kind.CALL_FOR_IDEAS, idea_views.STEPS)):
        assert tuple(get_kind(key).journey) == (*steps.step_for.values(), steps.page("check"))


def test_a_kinds_text_fields_are_declared_in_the_kind_not_twice():
    for kind in kinds():
        declared = set(kind.participant_text) | set(kind.not_participant_text)
        assert not declared & (set(PARTICIPANT_TEXT) | set(NOT_PARTICIPANT_TEXT)), kind.key


def test_a_kinds_journey_gives_its_pages_their_step_caption():
    def at(view_name: str) -> Step | None:
        return step_of(SimpleNamespace(resolver_match=SimpleNamespace(view_name=view_name)))

    assert at("engagement:consultation-consent") == Step(3, 4)
    assert at("engagement:idea-check") == Step(4, 4)
    assert at("share:write") == Step(4, 8)
    assert at("engagement:ideas") is None  # the list of ideas is not a step


def test_the_kinds_own_rows_are_fetched_with_activity_lists():
    assert set(own_rows()) == {"open_space", "opinion_map"}


def test_a_kinds_pages_get_published_answers_from_the_app_that_holds_them(monkeypatch):
    # accountability sits above the kinds: it hands the registry its query when it starts, so
    # a kind's page (a finished Open Space event's outcomes) asks the registry, never it.
    from heard.accountability.access import published_answers_to
    from heard.activities import registry

    assert registry._PUBLISHED_ANSWERS[0] is published_answers_to
    monkeypatch.setattr(registry, "_PUBLISHED_ANSWERS", [])
    with pytest.raises(LookupError, match="heard.accountability"):
        registry.published_answers(Activity())

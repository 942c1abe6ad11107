"""Tokenism warnings: closed long ago with nobody told what happened, or participants who do
not think it will make a difference."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from heard.accountability.actions import do_publish_response
from heard.activities.models import Activity
from heard.quality.frameworks import tokenism_reasons
from heard.quality.models import InfluenceAnswer
from heard.quality.summary import summary_for
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_activity(db) -> Activity:
    return Activity.objects.create(
        slug="placements-2026", title="Placements consultation", purpose="Moving placements",
        kind=Activity.Kind.CONSULTATION, status=Activity.Status.CLOSED,
        closes_at=timezone.now() - timedelta(days=61))


def answers(activity: Activity, *scores: int) -> None:
    today = timezone.localdate()
    InfluenceAnswer.objects.bulk_create(
        InfluenceAnswer(activity=activity, score=s, created_at=today) for s in scores)


def test_closed_61_days_ago_without_response_warns(closed_activity, make_staff):
    warnings = summary_for(closed_activity).warnings
    assert len(warnings) == 1
    assert "closed 61 days ago" in warnings[0]
    assert "no response has been published" in warnings[0]
    page = client_for(make_staff("facilitator")).get("/staff/quality/").content.decode()
    assert 'data-testid="tokenism-placements-2026"' in page
    assert "closed 61 days ago" in page


def test_closed_61_days_ago_with_a_response_does_not_warn(closed_activity, make_staff):
    do_publish_response(closed_activity, "What we did", "We changed the placement rules.",
                        make_staff("service_lead"))
    assert summary_for(closed_activity).warnings == []


def test_a_response_to_one_idea_also_counts(closed_activity, make_staff):
    from heard.accountability.models import Response
    Response.objects.create(subject=Response.Subject.THEME, activity=closed_activity,
                            theme_key="t1", title="Theme", body="Done.",
                            published_at=timezone.now(), created_by=make_staff("service_lead"))
    assert summary_for(closed_activity).warnings == []


def test_an_unpublished_response_does_not_count(closed_activity, make_staff):
    from heard.accountability.models import Response
    Response.objects.create(subject=Response.Subject.ACTIVITY, activity=closed_activity,
                            title="Draft", body="Draft.", created_by=make_staff("service_lead"))
    assert len(summary_for(closed_activity).warnings) == 1


def test_recently_closed_or_open_does_not_warn(activity):
    Activity.objects.filter(pk=activity.pk).update(
        closes_at=timezone.now() - timedelta(days=59))
    activity.refresh_from_db()
    assert summary_for(activity).warnings == []


@override_settings(HEARD_TOKENISM_DAYS=30)
def test_days_come_from_settings(closed_activity):
    Activity.objects.filter(pk=closed_activity.pk).update(
        closes_at=timezone.now() - timedelta(days=31))
    closed_activity.refresh_from_db()
    assert "closed 31 days ago" in summary_for(closed_activity).warnings[0]


def test_low_influence_with_five_answers_warns(activity):
    answers(activity, 1, 2, 2, 3, 3)  # mean 2.2
    warnings = summary_for(activity).warnings
    assert len(warnings) == 1
    assert "do not think it will make a difference" in warnings[0]
    assert "2.2 out of 5" in warnings[0]


def test_low_influence_with_fewer_than_five_answers_does_not_warn(activity):
    answers(activity, 1, 1, 1, 1)
    summary = summary_for(activity)
    assert summary.warnings == []
    assert summary.influence_mean == ""


def test_influence_of_2_5_or_more_does_not_warn(activity):
    answers(activity, 1, 2, 3, 3, 3, 3)  # mean 2.5
    assert summary_for(activity).warnings == []


def test_both_reasons_together():
    now = timezone.now()
    reasons = tokenism_reasons(now=now, closes_at=now - timedelta(days=100),
                               has_published_response=False,
                               influence_counts={1: 5}, days=60)
    assert len(reasons) == 2


def test_distribution_hides_small_counts(activity, make_staff):
    answers(activity, *([5] * 6), 4, 4, 1)
    summary = summary_for(activity)
    cells = {score: str(count) for score, _, count in summary.distribution}
    assert cells[5] == "6"
    assert cells[4] == "fewer than 5" and cells[1] == "fewer than 5"
    assert cells[2] == "0" and cells[3] == "0"
    assert str(summary.influence_total) == "9"
    page = client_for(make_staff("analyst")).get("/staff/quality/").content.decode()
    assert "fewer than 5" in page
    assert "Average 4.3" in page


def test_a_lone_small_count_is_not_given_away_by_the_total(activity):
    answers(activity, *([5] * 6), 1)
    cells = [str(count) for _, _, count in summary_for(activity).distribution]
    # With the total shown, one hidden cell could be worked out, so a second is hidden.
    assert cells.count("fewer than 5") >= 2

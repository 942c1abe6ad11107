"""Public endpoints: only what the public pages may show."""

from __future__ import annotations

import pytest

from heard.activities.models import DEFAULT_ACTIVITY_SLUG, Activity
from heard.audit.models import AuditEvent
from heard.contributions.actions import do_withdraw_contribution
from heard.contributions.models import Contribution
from heard.safety.models import SafeguardingFlag

pytestmark = [pytest.mark.urls("tests.api.urls"), pytest.mark.django_db]

VALID = {"activity": DEFAULT_ACTIVITY_SLUG, "kind": "idea",
         "text": "More time with my social worker.",
         "perspectives": ["care_leaver"],
         "consents": {"analysis": True, "quote": False, "publish": True}}


def test_schema_is_served_at_api_openapi_json(api):
    response = api.get("/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Heard API"
    assert "/api/contributions" in schema["paths"]
    assert "/api/staff/token" in schema["paths"]


def test_activities_lists_open_and_closed_but_not_drafts(api, activity):
    Activity.objects.create(slug="closed-one", title="Closed", purpose="p", status="closed")
    Activity.objects.create(slug="secret-draft", title="Draft", purpose="p", status="draft")
    response = api.get("/activities")
    assert response.status_code == 200
    slugs = {a["slug"] for a in response.json()}
    assert {activity.slug, "closed-one"} <= slugs
    assert "secret-draft" not in slugs
    one = next(a for a in response.json() if a["slug"] == activity.slug)
    assert set(one) == {"slug", "title", "purpose", "kind", "status", "accepting", "opens_at",
                        "closes_at"}


def test_activity_detail_and_unknown_or_draft_is_404(api, activity):
    assert api.get(f"/activities/{activity.slug}").json()["title"] == activity.title
    Activity.objects.create(slug="secret-draft", title="Draft", purpose="p", status="draft")
    for slug in ("no-such-thing", "secret-draft"):
        response = api.get(f"/activities/{slug}")
        assert response.status_code == 404
        assert response.json() == {"detail": "There is no activity with that name."}


def test_contributions_lists_only_published(api, activity, published_story, parent_problem):
    response = api.get(f"/activities/{activity.slug}/contributions")
    assert response.status_code == 200
    body = response.json()
    assert body["next_offset"] is None
    assert [c["public_text"] for c in body["items"]] == [published_story.public_text]
    item = body["items"][0]
    assert set(item) == {"kind", "public_text", "perspectives", "month"}
    # One child in care is fewer than 5: naming them on the item would give the count away.
    assert item["perspectives"] == []
    assert len(item["month"]) == 7
    assert parent_problem[0].text not in response.content.decode()


def test_withdrawn_contributions_never_appear(api, activity, published_story, theme_run):
    text = published_story.public_text
    do_withdraw_contribution(published_story, None)
    assert api.get(f"/activities/{activity.slug}/contributions").json()["items"] == []
    themes = api.get("/themes").json()["themes"]
    assert all(text not in quote for t in themes for quote in t["quotes"])


def test_flagged_contribution_is_not_listed(api, activity, published_story):
    SafeguardingFlag.objects.create(contribution=published_story, level="concern",
                                    status="open")
    assert api.get(f"/activities/{activity.slug}/contributions").json()["items"] == []


def test_contributions_paginate(api, activity, published_story, dual_perspective_idea,
                                moderator):
    from tests.conftest import publish

    publish(dual_perspective_idea[0], moderator)
    first = api.get(f"/activities/{activity.slug}/contributions", limit=1).json()
    assert len(first["items"]) == 1 and first["next_offset"] == 1
    second = api.get(f"/activities/{activity.slug}/contributions", limit=1, offset=1).json()
    assert len(second["items"]) == 1 and second["next_offset"] is None
    assert first["items"] != second["items"]
    assert api.get(f"/activities/{activity.slug}/contributions", limit=101).status_code == 422
    assert api.get(f"/activities/{activity.slug}/contributions", offset=-1).status_code == 422


def test_themes_suppress_small_sizes_and_quote_only_consented_words(
        api, theme_run, published_story, parent_problem):
    response = api.get("/themes", scope="all")
    assert response.status_code == 200
    themes = {t["key"]: t for t in response.json()["themes"]}
    assert themes["all:1"]["size"] == 12 and themes["all:1"]["size_text"] == "12"
    assert themes["all:2"]["size"] is None and themes["all:2"]["size_text"] == "fewer than 5"
    # Published with consent to quote: shown. The father gave no consent to quote: never shown.
    assert themes["all:1"]["quotes"] == [published_story.quote_text()]
    assert parent_problem[0].text not in response.content.decode()
    assert themes["all:2"]["quotes"] == []


def test_themes_for_an_activity_without_a_run_and_unknown_scope(api, activity):
    body = api.get("/themes", scope=activity.slug).json()
    assert body == {"scope": activity.slug, "run_finished_at": None, "themes": []}
    assert api.get("/themes", scope="nowhere").status_code == 404
    assert api.get("/themes", scope="bad scope!").status_code == 422


def test_responses_show_actions_and_their_timeline(api, published_response):
    response = api.get("/responses")
    assert response.status_code == 200
    [item] = response.json()["items"]
    assert item["title"] == "Fewer moves"
    [action] = item["actions"]
    assert action["owner"] == "Virtual school"
    assert action["status"] == "in_progress" and action["progress"] == 40
    assert action["due_date"]
    assert [u["note"] for u in action["timeline"]][-1] == "Started in May."
    assert api.get("/responses", activity="nowhere").status_code == 404


def test_submit_creates_a_contribution_and_gives_a_receipt(api, activity):
    response = api.post("/contributions", VALID)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["receipt_code"] and body["status"] == "in_moderation"
    assert body["help_now"] is False
    assert any(line["number"] == "0800 1111" for line in body["support_lines"])
    contribution = Contribution.objects.get()
    assert contribution.text == VALID["text"] and contribution.kind == "idea"
    assert contribution.consent_publish and not contribution.consent_quote
    assert contribution.receipt.account is None
    assert AuditEvent.objects.filter(action="contribution.submitted",
                                     object_id=str(contribution.pk)).exists()


def test_submit_with_immediate_risk_says_get_help_now(api, activity):
    text = "My foster carer hits me and I am scared to go home tonight. I want to kill myself."
    response = api.post("/contributions", {**VALID, "text": text})
    assert response.status_code == 201
    contribution = Contribution.objects.get()
    assert response.json()["help_now"] is (contribution.safety_level == "immediate")
    assert contribution.safety_level == "immediate"


def test_submit_to_a_closed_activity_is_400(api, activity):
    Activity.objects.create(slug="closed-one", title="Closed", purpose="p", status="closed")
    response = api.post("/contributions", {**VALID, "activity": "closed-one"})
    assert response.status_code == 400
    assert response.json() == {"detail": "This activity is not taking contributions now."}
    assert not Contribution.objects.exists()


def test_submit_to_unknown_activity_is_404(api, activity):
    response = api.post("/contributions", {**VALID, "activity": "no-such-thing"})
    assert response.status_code == 404
    assert "no activity" in response.json()["detail"]

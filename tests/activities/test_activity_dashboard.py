"""The facilitator dashboard per activity: counts by perspective with small numbers suppressed,
what waits for moderation, and CSV exports."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from heard.activities import dashboard
from heard.activities.answers import clean_answers
from heard.activities.call_for_ideas.actions import do_submit_idea
from heard.activities.consultation.actions import do_submit_consultation_response
from heard.activities.models import Activity
from heard.activities.open_space import queries as open_space_queries
from heard.audit.models import AuditEvent
from heard.contributions.actions import NewContribution
from heard.contributions.models import Contribution

from ..conftest import client_for
from .activity_helpers import full_answers, make_activity

pytestmark = pytest.mark.django_db


def _respond(activity: Activity, perspective: str, helped: str, analysis: bool = True) -> None:
    raw = {k[2:]: v if isinstance(v, list) else [v]
           for k, v in full_answers(activity, helped=helped).items() if k.startswith("q-")}
    answers = clean_answers(activity, raw, max_length=20_000, complete=True)
    do_submit_consultation_response(activity, answers, [perspective],
                                    {"analysis": analysis, "quote": False, "publish": False},
                                    None)


def _rows(html: str, testid: str) -> str:
    start = html.index(f'data-testid="{testid}"')
    return html[start:html.index("</table>", start)]


def test_counts_by_perspective_hide_small_numbers(consultation, facilitator):
    for n in range(5):
        _respond(consultation, "care_leaver", f"Care leaver answer {n}")
    for n in range(2):
        _respond(consultation, "parent_father", f"Father answer {n}")
    page = client_for(facilitator).get(f"/staff/activities/{consultation.slug}/")
    assert page.status_code == 200
    html = page.content.decode()
    for table in ("contributions", "participants"):
        rows = _rows(html, table)
        assert "Fathers" in rows and "fewer than 5" in rows
        assert "Care leavers" in rows
    # Five people, each with two written answers: ten contributions, five responses.
    assert ">10<" in _rows(html, "contributions")
    assert ">5<" in _rows(html, "participants")
    assert 'data-testid="waiting">14<' in html


def test_waiting_for_moderation_links_to_the_filtered_queue(consultation, make_staff):
    _respond(consultation, "care_leaver", "One answer")
    lead = make_staff("moderator")
    lead.groups.add(*make_staff("facilitator").groups.all())
    html = client_for(lead).get(f"/staff/activities/{consultation.slug}/").content.decode()
    assert f"/staff/moderation/?activity={consultation.slug}" in html
    assert 'data-testid="waiting">fewer than 5<' in html


def test_open_space_registrations_come_from_the_open_space_queries(facilitator, monkeypatch):
    event = Activity.objects.create(slug="space", title="Space", purpose="Talk",
                                    kind=Activity.Kind.OPEN_SPACE)
    monkeypatch.setattr(open_space_queries, "registrations_by_perspective", lambda activity: {
        "care_leaver": 7, "social_worker": 2})
    rows = {row.code: str(row.count) for row in dashboard.participants_by_perspective(event)}
    assert rows == {"care_leaver": "7", "social_worker": "fewer than 5"}
    assert client_for(facilitator).get("/staff/activities/space/").status_code == 200


def test_kinds_without_taking_part_beyond_contributing_leave_the_table_out(facilitator):
    ideas = Activity.objects.create(slug="ideas", title="Ideas", purpose="Ideas",
                                    kind=Activity.Kind.CALL_FOR_IDEAS)
    assert dashboard.participants_by_perspective(ideas) is None
    assert 'data-testid="participants"' not in client_for(facilitator).get(
        "/staff/activities/ideas/").content.decode()


def test_summary_csv_has_counts_and_no_words(consultation, facilitator):
    for n in range(6):
        _respond(consultation, "care_leaver", f"Secret words {n}")
    response = client_for(facilitator).get(f"/staff/activities/{consultation.slug}/summary.csv")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Secret words" not in body
    rows = list(csv.reader(io.StringIO(body)))
    assert ["totals", "responses", "6"] in rows
    assert ["question 2: How much were you told?", "Some things", "6"] in rows
    assert ["question 2: How much were you told?", "Nothing", "0"] in rows
    assert AuditEvent.objects.filter(action="activity.summary_exported").exists()


def test_answers_csv_is_for_analysts_and_only_with_consent(consultation, facilitator, analyst,
                                                          moderator):
    from django.contrib.auth.models import Permission, User

    from heard.contributions.access import WAITING_FOR_CHECK
    from heard.safety.actions import do_review_redactions

    _respond(consultation, "care_leaver", "=HYPERLINK(evil)")
    _respond(consultation, "care_leaver", "Not for analysis", analysis=False)
    url = f"/staff/activities/{consultation.slug}/answers.csv"
    assert client_for(facilitator).get(url).status_code == 403
    response = client_for(analyst).get(url)
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][3:] == ["Q1: What helped most when you moved?", "Q2: How much were you told?",
                           "Q3: Who should tell you?", "Q4: What one change would help?"]
    assert len(rows) == 3
    # Words reach analysts only after a moderator has checked them for names and numbers.
    assert rows[1][3] == f"[{WAITING_FOR_CHECK}]" and rows[1][5] == "My carer; An advocate"
    assert rows[2][3] == "" and rows[2][4] == "Some things"
    for contribution in Contribution.objects.filter(activity=consultation):
        do_review_redactions(contribution, moderator, [])
    rows = list(csv.reader(io.StringIO(client_for(analyst).get(url).content.decode())))
    assert rows[1][3] == "'=HYPERLINK(evil)"
    assert AuditEvent.objects.filter(action="consultation.answers_exported").exists()
    # The words as written need their own permission, and asking for them is recorded.
    assert client_for(analyst).get(url + "?words=raw").status_code == 403
    analyst.user_permissions.add(Permission.objects.get(codename="export_raw_text"))
    raw = client_for(User.objects.get(pk=analyst.pk)).get(url + "?words=raw")
    assert raw.status_code == 200 and "'=HYPERLINK(evil)" in raw.content.decode()
    assert AuditEvent.objects.filter(action="consultation.answers_exported",
                                     details__as_written=True).exists()


def test_the_activity_list_shows_every_kind(facilitator, consultation):
    call = make_activity(Activity.Kind.CALL_FOR_IDEAS, facilitator, title="Ideas please")
    do_submit_idea(call, NewContribution(kind="idea", text="An idea"), None)
    html = client_for(facilitator).get("/staff/activities/").content.decode()
    assert "Moving home" in html and "Ideas please" in html and "Share your experience" in html
    assert client_for(facilitator).get(f"/staff/activities/{call.slug}/").status_code == 200


def test_closing_and_reopening_is_audited(consultation, facilitator):
    client = client_for(facilitator)
    client.post(f"/staff/activities/{consultation.slug}/status/", {"status": "closed"})
    consultation.refresh_from_db()
    assert consultation.status == "closed"
    assert not Client().get(f"/activities/{consultation.slug}/consultation/").context["accepting"]
    response = client.post(f"/staff/activities/{consultation.slug}/status/", {"status": "gone"},
                           follow=True)
    assert "Choose to open or close" in response.content.decode()
    consultation.refresh_from_db()
    assert consultation.status == "closed"
    assert AuditEvent.objects.filter(action="activity.status_changed").count() == 2  # open, close


def test_editing_the_common_core(consultation, facilitator):
    url = f"/staff/activities/{consultation.slug}/edit/"
    client = client_for(facilitator)
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "Moving home, again", "purpose": "What helps now?",
                                 "outputs_go_to": "Children's services leadership team"})
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.title == "Moving home, again" and consultation.closes_at is None
    assert client.post(url, {"title": "", "purpose": ""}).status_code == 400
    consultation.refresh_from_db()
    assert consultation.title == "Moving home, again"

"""Service leads choose what they answer from lists (activity, idea, theme by label and size)
and never type keys; a typed or stale theme is refused; forms keep what was entered."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from heard.accountability.models import Action, Response
from heard.contributions.actions import NewContribution, do_submit_contribution
from heard.insight.models import AnalysisRun, Assignment
from heard.tasks.queue import run_pending

from ..conftest import client_for
from ..insight.test_insight import TOPICS, share

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fake_embedder(settings):
    settings.HEARD_EMBEDDERS = ["fake", "static"]


@pytest.fixture
def service_lead(make_staff):
    return make_staff("service_lead")


@pytest.fixture
def themed(activity, moderator, analyst):
    for n in range(6):
        for name, (text, perspective) in TOPICS.items():
            share(activity, moderator, f"{text} number {n} {name}{n}", perspective)
    contribution, code = do_submit_contribution(activity, NewContribution(
        kind="story", text=TOPICS["fathers"][0] + " and my own words",
        perspectives=("parent_father",), consents={"analysis": True}), None)
    client_for(analyst).post("/staff/themes/", {"scope": "all", "embedder": "fake", "k": "3"})
    run_pending()
    run = AnalysisRun.objects.latest("id")
    assert run.status == "done", run.message
    theme = Assignment.objects.get(run=run, contribution=contribution).theme
    return theme, code


def _options(html: str, select_id: str) -> list[tuple[str, str]]:
    select = html.split(f'id="{select_id}"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


def test_a_theme_is_chosen_by_label_and_size_and_its_answer_reaches_the_person(
    service_lead, themed
):
    theme, code = themed
    lead = client_for(service_lead)
    page = lead.get("/staff/responses/").content.decode()
    options = dict(_options(page, "id_theme"))
    assert options[theme.key] == f"{theme.label} ({theme.size} contributions)"
    assert "Its key" not in page
    response = lead.post("/staff/responses/", {
        "subject": "theme", "theme": theme.key, "title": "Dads in every review",
        "body": "You told us fathers are left out. Every review now invites both parents."})
    assert response.status_code == 302
    answer = Response.objects.get()
    assert answer.subject == Response.Subject.THEME and answer.theme_key == theme.key
    visitor = Client()
    visitor.post("/receipt/", {"code": code})
    assert "Dads in every review" in visitor.get("/receipt/yours/").content.decode()


def test_a_typed_theme_name_or_key_that_is_not_a_theme_is_refused(service_lead, themed):
    theme, _ = themed
    lead = client_for(service_lead)
    for typed in (theme.label, "all:split-1", "all:999"):
        page = lead.post("/staff/responses/", {"subject": "theme", "theme": typed,
                                               "title": "T", "body": "B"})
        assert page.status_code == 200
        assert "Choose a theme from the list" in page.content.decode()
    assert Response.objects.count() == 0


def test_an_idea_is_chosen_by_its_redacted_words(service_lead, activity):
    idea, _ = do_submit_contribution(activity, NewContribution(
        kind="idea", text="Ask Sarah Jones to run a drop-in for care leavers every Friday.",
        consents={"analysis": True}), None)
    idea.redaction_suggestions = [{"type": "PERSON", "start": 4, "end": 15, "score": 0.9}]
    idea.save(update_fields=["redaction_suggestions"])
    lead = client_for(service_lead)
    page = lead.get("/staff/responses/").content.decode()
    assert (str(idea.pk), f"Idea {idea.pk}: Ask [name] to run a drop-in for care leavers "
                          "every Friday.") in _options(page, "id_idea")
    assert "Sarah Jones" not in page
    lead.post("/staff/responses/", {"subject": "idea", "idea": str(idea.pk),
                                    "title": "A Friday drop-in", "body": "It starts in May."})
    answer = Response.objects.get()
    assert answer.subject == Response.Subject.IDEA and answer.contribution == idea
    assert answer.activity == activity


def test_the_response_form_keeps_what_was_entered_after_an_error(service_lead, themed):
    theme, _ = themed
    page = client_for(service_lead).post("/staff/responses/", {
        "subject": "theme", "theme": theme.key, "title": "", "body": "We are changing it."})
    html = page.content.decode()
    assert "Give it a title" in html
    assert f'<option value="{theme.key}" selected>' in html
    assert 'value="theme" checked' in html and "We are changing it." in html


def test_an_action_keeps_its_status_and_fields_after_a_date_error(service_lead, activity):
    lead = client_for(service_lead)
    lead.post("/staff/responses/", {"subject": "activity", "activity": activity.slug,
                                    "title": "Fewer moves", "body": "We heard you."})
    url = f"/staff/responses/{Response.objects.get().pk}/"
    page = lead.post(url, {"step": "add", "title": "Stability panel", "owner": "Placements",
                           "status": "in_progress", "progress": "30",
                           "due_date-day": "31", "due_date-month": "2",
                           "due_date-year": "2027"})
    html = page.content.decode()
    assert page.status_code == 200 and Action.objects.count() == 0
    assert "real date" in html
    assert '<option value="in_progress" selected>' in html
    assert 'value="Stability panel"' in html and 'value="30"' in html
    assert 'name="due_date-day" type="text" inputmode="numeric" value="31"' in html
    lead.post(url, {"step": "add", "title": "Stability panel", "owner": "Placements",
                    "status": "in_progress", "progress": "30", "due_date-day": "28",
                    "due_date-month": "2", "due_date-year": "2027"})
    action = Action.objects.get()
    assert action.status == "in_progress" and str(action.due_date) == "2027-02-28"


def test_you_said_we_did_never_says_no_responses_beside_responses(service_lead, activity):
    idea, _ = do_submit_contribution(activity, NewContribution(
        kind="idea", text="A drop-in for care leavers every Friday.",
        consents={"analysis": True}), None)
    public = Client().get("/you-said-we-did/").content.decode()
    assert "No responses yet" in public
    lead = client_for(service_lead)
    for title in ("A Friday drop-in", "Also on Saturdays"):
        lead.post("/staff/responses/", {"subject": "idea", "idea": str(idea.pk),
                                        "title": title, "body": "It starts in May."})
    public = Client().get("/you-said-we-did/").content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", public))
    assert "No responses yet" not in text
    assert "Typical wait for a first response Less than a day" in text
    assert "Things people raised that have a response 1 of 1" in text

"""Welsh pages (issue 15, decision 0024): the language switch, lang on the page, activity texts
in both languages, and Welsh where Django decides the words (receipt statuses, consent labels)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from heard.activities.actions import ActivityFields, do_update_activity
from heard.activities.models import Activity
from tests.activities.activity_helpers import make_activity
from tests.conftest import client_for


def _html_lang(response) -> str:
    match = re.search(r'<html lang="([^"]+)"', response.content.decode())
    assert match, "no lang on <html>"
    return match.group(1)


def _in_welsh(client: Client) -> Client:
    """The header switch is a plain form: this is what a browser without JavaScript posts."""
    response = client.post("/language/", {"language": "cy", "next": "/receipt/"})
    assert response.status_code == 302 and response["Location"] == "/receipt/"
    return client


@pytest.mark.django_db
def test_pages_are_english_until_someone_chooses_welsh(client):
    page = client.get("/")
    assert _html_lang(page) == "en-gb"
    assert "Be heard" in page.content.decode()
    # The switch offers Welsh, named in Welsh and marked as Welsh for screen readers.
    assert '<span lang="cy">Cymraeg</span>' in page.content.decode()


@pytest.mark.django_db
def test_the_switch_works_without_javascript_and_stays_chosen(client):
    _in_welsh(client)
    page = client.get("/")
    body = page.content.decode()
    assert _html_lang(page) == "cy"
    assert "Cael eich clywed" in body and "Be heard" not in body
    assert '<span lang="en">English</span>' in body
    # Back to English the same way.
    client.post("/language/", {"language": "en-gb", "next": "/"})
    assert _html_lang(client.get("/")) == "en-gb"


@pytest.mark.django_db
def test_a_browser_set_to_welsh_gets_welsh(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="cy,en;q=0.5")
    assert _html_lang(page) == "cy"


@pytest.mark.django_db
def test_the_switch_refuses_to_send_people_off_site(client):
    response = client.post("/language/", {"language": "cy", "next": "https://evil.example/"})
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


@pytest.mark.django_db
def test_an_unknown_language_changes_nothing(client):
    client.post("/language/", {"language": "xx", "next": "/"})
    assert _html_lang(client.get("/")) == "en-gb"


@pytest.mark.django_db
def test_activity_shows_welsh_text_when_there_is_some(make_staff):
    facilitator = make_staff("facilitator")
    activity = make_activity(Activity.Kind.CONSULTATION, facilitator)
    do_update_activity(activity, ActivityFields(
        title="Moving home", purpose="Tell us what helps when you move.",
        title_cy="Symud cartref",
        purpose_cy="Dywedwch wrthym ni beth sy'n helpu pan fyddwch chi'n symud."),
        facilitator)
    welsh = _in_welsh(Client()).get(f"/activities/{activity.slug}/").content.decode()
    assert '<h1 class="govuk-heading-l">Symud cartref</h1>' in welsh
    assert "Dywedwch wrthym ni beth sy&#x27;n helpu" in welsh
    english = Client().get(f"/activities/{activity.slug}/").content.decode()
    assert '<h1 class="govuk-heading-l">Moving home</h1>' in english


@pytest.mark.django_db
def test_missing_welsh_text_falls_back_to_english_marked_as_english(make_staff):
    facilitator = make_staff("facilitator")
    activity = make_activity(Activity.Kind.CONSULTATION, facilitator)
    welsh = _in_welsh(Client()).get(f"/activities/{activity.slug}/").content.decode()
    assert '<h1 class="govuk-heading-l"><span lang="en">Moving home</span></h1>' in welsh
    # The page's own words are still Welsh around it.
    assert "Beth ddywedodd pobl" in welsh


@pytest.mark.django_db
def test_staff_enter_the_welsh_texts_on_the_activity_form(make_staff):
    facilitator = make_staff("facilitator")
    activity = make_activity(Activity.Kind.CONSULTATION, facilitator)
    staff = client_for(facilitator)
    form = staff.get(f"/staff/activities/{activity.slug}/edit/").content.decode()
    assert 'name="title_cy"' in form and 'name="purpose_cy"' in form
    response = staff.post(f"/staff/activities/{activity.slug}/edit/", {
        "title": "Moving home", "purpose": "Tell us what helps when you move.",
        "title_cy": "Symud cartref", "purpose_cy": "Beth sy'n helpu?",
        "opens_on-day": "", "opens_on-month": "", "opens_on-year": "",
        "closes_on-day": "", "closes_on-month": "", "closes_on-year": ""})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.title_cy, activity.purpose_cy) == ("Symud cartref", "Beth sy'n helpu?")


@pytest.mark.django_db
def test_receipt_page_in_welsh_names_status_and_choices_in_welsh(young_person_story):
    _contribution, code = young_person_story
    client = _in_welsh(Client())
    client.post("/receipt/", {"code": code})
    body = client.get("/receipt/yours/").content.decode()
    assert "Beth rannoch chi" in body                      # What you shared
    assert "Rhywbeth a ddigwyddodd" in body                # the kind: Something that happened
    assert "Ei ddyfynnu mewn adroddiadau, heb eich enw" in body   # a consent choice
    assert "Where it is now" not in body


@pytest.mark.django_db
def test_update_emails_come_in_the_language_the_person_chose_them_in(
        make_staff, activity, young_person_story, parent_problem):
    from heard.accountability.actions import do_publish_response
    from heard.tasks.models import OutboxEmail
    from heard.tasks.queue import run_pending

    service_lead = make_staff("service_lead")
    for (_contribution, code), address, welsh in ((young_person_story, "cy@example.org", True),
                                                  (parent_problem, "en@example.org", False)):
        visitor = _in_welsh(Client()) if welsh else Client()
        visitor.post("/receipt/", {"code": code})
        visitor.post("/receipt/yours/email/", {"email": address, "consent": "yes"})
    do_publish_response(activity, "Fewer moves", "We heard you.", service_lead)
    run_pending()
    in_welsh = OutboxEmail.objects.get(to=["cy@example.org"])
    assert in_welsh.subject == "Diweddariad am yr hyn a rannoch chi: Fewer moves"
    assert in_welsh.body.startswith("Mae rhywbeth wedi newid")
    in_english = OutboxEmail.objects.get(to=["en@example.org"])
    assert in_english.subject == "An update on what you shared: Fewer moves"


@pytest.mark.django_db
def test_form_errors_from_python_are_welsh_on_a_welsh_page(client):
    _in_welsh(client)
    page = client.post("/account/create/", {"username": "", "password": "x",
                                            "password_again": "y"}).content.decode()
    assert "Dewiswch enw defnyddiwr." in page            # Choose a username.
    assert "Choose a username" not in page

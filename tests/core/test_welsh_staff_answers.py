"""More staff-typed texts in Welsh (issue 15): opinion-map statements staff write, "you said,
we did" answers and their actions (on the public pages, the receipt page and in the update
email), and knowledge-event key messages. Staff type the Welsh beside the English; a Welsh page
shows it, and where there is none the English is shown marked lang="en"."""

from __future__ import annotations

import html

import pytest
from django.test import Client

from heard.accountability.actions import (
    AccountabilityError,
    do_add_action,
    do_publish_response,
    do_set_response_welsh,
    do_update_action,
)
from heard.accountability.models import Response
from heard.activities.models import Activity, KeyMessage
from heard.activities.opinion_map.actions import (
    OpinionMapError,
    do_add_statement,
    do_create_opinion_map,
    do_set_statement_welsh,
)
from heard.activities.opinion_map.models import Statement
from heard.audit.models import AuditEvent
from heard.tasks.models import OutboxEmail
from heard.tasks.queue import run_pending

from ..activities.activity_helpers import make_activity
from ..conftest import client_for, in_welsh

pytestmark = pytest.mark.django_db


# --- Opinion maps: statements staff wrote --------------------------------------------------------

HOUSING = "Care leavers should get housing support until 25."
HOUSING_CY = "Dylai ymadawyr gofal gael help gyda thai tan 25 oed."


def _map_with_statement(facilitator):
    opinion_map = do_create_opinion_map("Leaving care", "What should change at 18?",
                                        facilitator)
    return opinion_map, do_add_statement(opinion_map, HOUSING, facilitator)


def test_staff_give_a_statement_welsh_wording_and_welsh_voters_see_it(make_staff):
    facilitator = make_staff("facilitator")
    opinion_map, statement = _map_with_statement(facilitator)
    slug = opinion_map.activity.slug
    staff = client_for(facilitator)
    manage = staff.get(f"/staff/opinions/{slug}/").content.decode()
    assert 'name="text_cy"' in manage and "no Welsh yet" in manage
    assert staff.post(f"/staff/opinions/{slug}/", {
        "step": "welsh", "statement": statement.pk, "text_cy": HOUSING_CY}).status_code == 302
    statement.refresh_from_db()
    assert statement.text_cy == HOUSING_CY
    assert AuditEvent.objects.filter(action="opinion_statement.welsh_set").exists()

    voter = in_welsh()
    voter.post(f"/opinions/{slug}/", {"perspectives": []})
    page = voter.get(f"/opinions/{slug}/vote/").content.decode()
    assert HOUSING_CY in page and HOUSING not in page
    # One statement in two wordings: a vote on the Welsh is a vote on the statement.
    voter.post(f"/opinions/{slug}/vote/", {"statement": statement.pk, "vote": "agree"})
    assert statement.votes.get().value == 1
    english = Client()
    english.post(f"/opinions/{slug}/", {"perspectives": []})
    assert HOUSING in english.get(f"/opinions/{slug}/vote/").content.decode()


def test_a_statement_added_with_its_welsh_and_one_without_on_a_welsh_page(make_staff):
    facilitator = make_staff("facilitator")
    opinion_map, _housing = _map_with_statement(facilitator)
    slug = opinion_map.activity.slug
    client_for(facilitator).post(f"/staff/opinions/{slug}/", {
        "step": "add", "text": "Every child should keep their school.",
        "text_cy": "Dylai pob plentyn gadw ei ysgol."})
    added = opinion_map.statements.get(text="Every child should keep their school.")
    assert added.text_cy == "Dylai pob plentyn gadw ei ysgol."
    voter = in_welsh()
    voter.post(f"/opinions/{slug}/", {"perspectives": []})
    voter.post(f"/opinions/{slug}/vote/", {"statement": added.pk, "vote": "pass"})
    # The housing statement has no Welsh: shown in English, marked as English.
    page = voter.get(f"/opinions/{slug}/vote/").content.decode()
    assert f'<span lang="en">{HOUSING}</span>' in page
    mine = voter.get(f"/opinions/{slug}/my-votes/").content.decode()
    assert "Dylai pob plentyn gadw ei ysgol." in mine


def test_a_participants_statement_gets_no_welsh_wording_from_staff(make_staff):
    facilitator = make_staff("facilitator")
    opinion_map, _ = _map_with_statement(facilitator)
    theirs = Statement.objects.create(opinion_map=opinion_map, text="Let us choose our worker.",
                                      origin=Statement.Origin.PARTICIPANT,
                                      status=Statement.Status.ACCEPTED)
    with pytest.raises(OpinionMapError, match="Only statements staff wrote"):
        do_set_statement_welsh(theirs, "Gadewch i ni ddewis ein gweithiwr.", facilitator)
    response = client_for(facilitator).post(f"/staff/opinions/{opinion_map.activity.slug}/", {
        "step": "welsh", "statement": theirs.pk, "text_cy": "Rhywbeth arall"}, follow=True)
    assert "Only statements staff wrote" in response.content.decode()
    theirs.refresh_from_db()
    assert theirs.text_cy == ""


def test_welsh_for_another_maps_statement_changes_nothing(make_staff):
    facilitator = make_staff("facilitator")
    opinion_map, _ = _map_with_statement(facilitator)
    _other_map, other = _map_with_statement(facilitator)
    response = client_for(facilitator).post(f"/staff/opinions/{opinion_map.activity.slug}/", {
        "step": "welsh", "statement": other.pk, "text_cy": HOUSING_CY}, follow=True)
    assert "That statement is not in this opinion map." in response.content.decode()
    other.refresh_from_db()
    assert other.text_cy == ""


# --- You said, we did ----------------------------------------------------------------------------

TITLE_CY = "Llai o symud cartref"
BODY_CY = "Dywedoch chi fod symud yn anodd. Rydyn ni'n newid sut rydyn ni'n dod o hyd i gartrefi."
ACTION_CY = "Panel sefydlogrwydd lleoliadau"


def test_a_response_published_with_welsh_is_shown_in_welsh(make_staff, activity,
                                                            young_person_story):
    lead = client_for(make_staff("service_lead"))
    assert lead.post("/staff/responses/", {
        "activity": activity.slug, "title": "Fewer placement moves",
        "body": "You told us moving is hard.", "title_cy": TITLE_CY,
        "body_cy": BODY_CY}).status_code == 302
    answer = Response.objects.get()
    lead.post(f"/staff/responses/{answer.pk}/", {
        "step": "add", "title": "Placement stability panel", "owner": "Placements team",
        "status": "not_taking_forward", "progress": "0", "reason": "No budget this year.",
        "title_cy": ACTION_CY, "reason_cy": "Dim cyllideb eleni."})
    page = in_welsh().get("/you-said-we-did/").content.decode()
    assert TITLE_CY in page and "Dywedoch chi fod symud yn anodd." in page
    assert ACTION_CY in page and "Dim cyllideb eleni." in page
    # The note the system writes on a new action is Welsh too.
    assert "Cam gweithredu wedi&#x27;i ychwanegu." in page
    assert "Fewer placement moves" not in page and "Action added." not in page
    english = Client().get("/you-said-we-did/").content.decode()
    assert "Fewer placement moves" in english and TITLE_CY not in english


def test_a_response_without_welsh_is_shown_in_english_marked_as_english(make_staff, activity):
    lead = make_staff("service_lead")
    answer = do_publish_response(activity, "Fewer moves", "We heard you.", lead)
    do_add_action(answer, "Stability panel", "Placements team", lead)
    page = in_welsh().get(f"/you-said-we-did/{activity.slug}/").content.decode()
    assert '<span lang="en">Fewer moves</span>' in page
    assert '<span lang="en">We heard you.</span>' in page
    assert '<span lang="en">Stability panel</span>' in page


def test_staff_add_the_welsh_after_publishing_without_emailing_anyone(
        make_staff, activity, young_person_story):
    lead_user = make_staff("service_lead")
    _, code = young_person_story
    visitor = in_welsh()
    visitor.post("/receipt/", {"code": code})
    visitor.post("/receipt/yours/email/", {"email": "cy@example.org", "consent": "yes"})
    answer = do_publish_response(activity, "Fewer moves", "We heard you.", lead_user)
    action = do_add_action(answer, "Stability panel", "Placements team", lead_user)
    run_pending()
    assert OutboxEmail.objects.filter(to=["cy@example.org"]).count() == 1
    lead = client_for(lead_user)
    page = lead.get(f"/staff/responses/{answer.pk}/").content.decode()
    assert f'name="action_cy-{action.pk}"' in page
    assert lead.post(f"/staff/responses/{answer.pk}/", {
        "step": "welsh", "title_cy": TITLE_CY, "body_cy": BODY_CY,
        f"action_cy-{action.pk}": ACTION_CY}).status_code == 302
    answer.refresh_from_db()
    action.refresh_from_db()
    assert (answer.title_cy, answer.body_cy, action.title_cy) == (TITLE_CY, BODY_CY, ACTION_CY)
    assert AuditEvent.objects.filter(action="response.welsh_set").exists()
    run_pending()
    assert OutboxEmail.objects.filter(to=["cy@example.org"]).count() == 1
    receipt_page = visitor.get("/receipt/yours/").content.decode()
    assert TITLE_CY in receipt_page and ACTION_CY in receipt_page

    # A Welsh update note reaches the receipt page; the status change emails in Welsh.
    do_update_action(action, lead_user, status="done", progress=100, note="Panel meets.",
                     note_cy="Mae'r panel yn cyfarfod.")
    run_pending()
    run_pending()
    assert "Mae&#x27;r panel yn cyfarfod." in visitor.get("/receipt/yours/").content.decode()
    email = OutboxEmail.objects.filter(to=["cy@example.org"]).order_by("-id").first()
    assert email.subject == f"Diweddariad am yr hyn a rannoch chi: {TITLE_CY}"
    assert BODY_CY in email.body and "We heard you." not in email.body


def test_welsh_for_another_responses_action_changes_nothing(make_staff, activity):
    lead = make_staff("service_lead")
    answer = do_publish_response(activity, "Fewer moves", "We heard you.", lead)
    other = do_add_action(do_publish_response(activity, "Other", "Other.", lead),
                          "Other action", "Team", lead)
    with pytest.raises(AccountabilityError, match="not part of this response"):
        do_set_response_welsh(answer, TITLE_CY, "", {other.pk: ACTION_CY}, lead)
    answer.refresh_from_db()
    other.refresh_from_db()
    assert answer.title_cy == "" and other.title_cy == ""


def test_update_emails_use_the_english_when_staff_gave_no_welsh(make_staff, activity,
                                                                 young_person_story):
    _, code = young_person_story
    visitor = in_welsh()
    visitor.post("/receipt/", {"code": code})
    visitor.post("/receipt/yours/email/", {"email": "cy@example.org", "consent": "yes"})
    do_publish_response(activity, "Fewer moves", "We heard you.", make_staff("service_lead"))
    run_pending()
    email = OutboxEmail.objects.get(to=["cy@example.org"])
    assert email.subject == "Diweddariad am yr hyn a rannoch chi: Fewer moves"
    assert "We heard you." in email.body


# --- Knowledge events: key messages and reflections --------------------------------------------

def test_key_messages_typed_in_welsh_show_on_the_welsh_event_page(facilitator):
    event = make_activity(Activity.Kind.KNOWLEDGE_EVENT, facilitator, title="A home of your own")
    staff = client_for(facilitator)
    url = f"/staff/activities/{event.slug}/event/"
    staff.post(url, {"step": "add-message", "message-kind": "key_message",
                     "message-text": "A named housing worker made the difference.",
                     "message-text_cy": "Roedd gweithiwr tai penodol yn gwneud y gwahaniaeth."})
    staff.post(url, {"step": "add-message", "message-kind": "reflection",
                     "message-text": "Managers had not heard how lonely it is."})
    named, lonely = KeyMessage.objects.order_by("order")
    assert named.text_cy.startswith("Roedd gweithiwr tai")
    for message in (named, lonely):
        staff.post(url, {"step": "publish", "part": "message", "id": message.pk})
    page = in_welsh().get(f"/activities/{event.slug}/event/").content.decode()
    assert "Roedd gweithiwr tai penodol yn gwneud y gwahaniaeth." in page
    assert "named housing worker" not in page
    assert '<span lang="en">Managers had not heard how lonely it is.</span>' in page

    assert staff.post(url, {"step": "welsh", "part": "message", "id": lonely.pk,
                            "text_cy": "Doedd rheolwyr ddim wedi clywed pa mor unig ydyw."}
                      ).status_code == 302
    assert AuditEvent.objects.filter(action="key_message.welsh_set").exists()
    page = in_welsh().get(f"/activities/{event.slug}/event/").content.decode()
    assert "Doedd rheolwyr ddim wedi clywed pa mor unig ydyw." in page
    assert "how lonely it is" not in page
    english = Client().get(f"/activities/{event.slug}/event/").content.decode()
    assert "named housing worker" in english and "Roedd gweithiwr" not in english


def test_presenters_roles_and_material_titles_typed_in_welsh_show_on_the_welsh_event_page(
        facilitator):
    """Issue 15: a presenter's role and a material's title have Welsh boxes; the name and the
    link stay as they are, and English standing in for missing Welsh is marked lang="en"."""
    event = make_activity(Activity.Kind.KNOWLEDGE_EVENT, facilitator, title="A home of your own")
    staff = client_for(facilitator)
    url = f"/staff/activities/{event.slug}/event/"
    staff.post(url, {"step": "add-presenter", "presenter-name": "Sam Jones",
                     "presenter-role": "Housing team", "presenter-role_cy": "Tîm tai"})
    staff.post(url, {"step": "add-presenter", "presenter-name": "Ali Khan",
                     "presenter-role": "Care leavers' forum"})
    staff.post(url, {"step": "add-material", "material-title": "Slides from the day",
                     "material-url": "https://example.org/slides",
                     "material-title_cy": "Sleidiau o'r diwrnod"})
    staff.post(url, {"step": "add-material", "material-title": "The local offer",
                     "material-url": "https://example.org/offer"})
    staff_page = html.unescape(staff.get(url).content.decode())
    assert "Role or organisation in Welsh (optional)" in staff_page
    # Staff see that both languages can be given, and which items have Welsh.
    assert "and in Welsh too if you can" in staff_page
    assert 'Housing team <span class="govuk-hint govuk-!-display-inline">(in Welsh: ' \
        '<span lang="cy">Tîm tai</span>)' in staff_page
    assert "Care leavers' forum <span class=\"govuk-hint govuk-!-display-inline\">(no Welsh: " \
        "the Welsh page shows the English)" in staff_page
    assert "(in Welsh: <span lang=\"cy\">Sleidiau o'r diwrnod</span>)" in staff_page
    assert AuditEvent.objects.filter(action="presenter.added", details__welsh=True).count() == 1
    assert AuditEvent.objects.filter(action="material.added", details__welsh=True).count() == 1
    page = in_welsh().get(f"/activities/{event.slug}/event/").content.decode()
    assert "Sam Jones</strong>, Tîm tai" in page and "Housing team" not in page
    assert "Sleidiau o&#x27;r diwrnod</a>" in page and "Slides from the day" not in page
    assert '<span lang="en">Care leavers&#x27; forum</span>' in page
    assert '<span lang="en">The local offer</span>' in page
    english = Client().get(f"/activities/{event.slug}/event/").content.decode()
    assert "Housing team" in english and "Slides from the day" in english
    assert "Tîm tai" not in english and "Sleidiau" not in english


def test_an_actions_owner_typed_in_welsh_shows_on_welsh_pages_and_in_the_welsh_pdf(
        make_staff, activity):
    staff = make_staff("service_lead")
    lead = client_for(staff)
    answer = do_publish_response(activity, "Fewer moves", "We heard you.", staff)
    added = lead.post(f"/staff/responses/{answer.pk}/", {
        "step": "add", "title": "Stability panel", "owner": "Placements team",
        "owner_cy": "Tîm lleoliadau", "status": "agreed", "progress": "0"})
    assert added.status_code == 302, added.content.decode()[-3000:]
    do_add_action(answer, "Ask before a school move", "Education team", staff)
    assert Response.objects.get().actions.get(title="Stability panel").owner_cy == \
        "Tîm lleoliadau"
    page = in_welsh().get(f"/you-said-we-did/{activity.slug}/").content.decode()
    assert "Tîm lleoliadau" in page and "Placements team" not in page
    assert '<span lang="en">Education team</span>' in page
    english = Client().get(f"/you-said-we-did/{activity.slug}/").content.decode()
    assert "Placements team" in english and "Tîm lleoliadau" not in english
    from django.utils import translation

    from heard.reports.key_messages import build_key_messages

    with translation.override("cy"):
        owners = [a.owner for r in build_key_messages(activity).responses for a in r.actions]
    assert "Tîm lleoliadau" in owners and "Education team" in owners
    # Given later on the response's "Welsh wording" form, with nobody emailed.
    later = answer.actions.get(title="Ask before a school move")
    assert lead.post(f"/staff/responses/{answer.pk}/", {
        "step": "welsh", "title_cy": "", "body_cy": "",
        f"owner_cy-{later.pk}": "Tîm addysg"}).status_code == 302
    later.refresh_from_db()
    assert later.owner_cy == "Tîm addysg"
    assert AuditEvent.objects.filter(action="response.welsh_set", details__owners=1).exists()
    page = in_welsh().get(f"/you-said-we-did/{activity.slug}/").content.decode()
    assert "Tîm addysg" in page and "Education team" not in page

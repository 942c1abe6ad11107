"""Consultations: facilitators set questions and open them; participants answer, save and come
back with the receipt code, and send. Written answers become contributions in moderation."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from heard.activities.actions import EngagementError
from heard.activities.answers import clean_answers
from heard.activities.consultation.actions import (
    QuestionFields,
    do_go_on_from_questions,
    do_remove_question,
    do_submit_consultation_response,
    do_update_question,
)
from heard.activities.demo import CONSULTATION_TITLE, load_consultation_demo
from heard.activities.models import (
    Activity,
    Answer,
    ConsultationResponse,
    IdeaSupport,
    KeyMessage,
    Question,
)
from heard.audit.models import AuditEvent
from heard.contributions.models import Contribution
from heard.people.actions import do_create_staff_member
from heard.people.models import Receipt

from ..conftest import STAFF_PASSWORD, client_for
from .activity_helpers import (
    CHANGE,
    HELPED,
    base,
    finish,
    full_answers,
    make_activity,
    past,
    questions_of,
)

pytestmark = pytest.mark.django_db
DISCLOSURE = "My stepdad hits me every night and I am scared to go home tonight."
CODE = re.compile(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){4}")


def _code_on(response) -> str:
    return CODE.search(response.content.decode()).group(0)


def test_a_question_without_its_kind_is_refused_and_the_summary_leads_to_the_first_choice(
        facilitator):
    activity = Activity.objects.create(slug="told", title="Told", kind="consultation")
    response = client_for(facilitator).post(f"/staff/activities/{activity.slug}/questions/", {
        "text": "How were you told?", "answer_kind": "story"})
    html = response.content.decode()
    assert response.status_code == 400 and not activity.questions.exists()
    # The error summary links to #id_kind: the first radio carries that id, so the link lands.
    assert 'href="#id_kind"' in html and 'id="id_kind" name="kind" type="radio"' in html


def test_facilitator_sets_up_a_consultation_and_opens_it(facilitator):
    client = client_for(facilitator)
    response = client.post("/staff/activities/new/", {
        "kind": "consultation", "title": "Moving home", "purpose": "What helps?",
        "closes_on-day": "31", "closes_on-month": "12", "closes_on-year": "2099"})
    assert response.status_code == 302
    activity = Activity.objects.get(title="Moving home")
    assert activity.kind == "consultation" and activity.status == "draft"
    assert activity.closes_at.year == 2099

    response = client.post(f"/staff/activities/{activity.slug}/status/", {"status": "open"},
                           follow=True)
    assert "Add at least one question" in response.content.decode()
    activity.refresh_from_db()
    assert activity.status == "draft"

    url = f"/staff/activities/{activity.slug}/questions/"
    assert client.post(url, {"text": "How were you told?", "kind": "single",
                             "choices": "Early\nLate\n", "answer_kind": "story"}).status_code == 302
    assert client.post(url, {"text": "What helped?", "kind": "free_text",
                             "answer_kind": "story", "required": "on"}).status_code == 302
    client.post(f"/staff/activities/{activity.slug}/status/", {"status": "open"})
    activity.refresh_from_db()
    assert activity.status == "open"
    assert [q.choices for q in activity.questions.all()] == [["Early", "Late"], []]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"activity.created", "question.added", "activity.status_changed"} <= actions


def test_a_choice_question_needs_two_different_answers(facilitator, consultation):
    client = client_for(facilitator)
    before = consultation.questions.count()
    response = client.post(f"/staff/activities/{consultation.slug}/questions/", {
        "text": "Pick", "kind": "multiple", "choices": "Only one", "answer_kind": "story"})
    assert response.status_code == 400
    assert "at least two answers" in response.content.decode()
    assert consultation.questions.count() == before


def test_answers_are_sent_as_contributions_linked_to_their_questions(consultation, moderator):
    client = Client()
    assert client.get(f"{base(consultation)}/").status_code == 200
    assert client.get(f"{base(consultation)}/questions/").status_code == 200
    response = client.post(f"{base(consultation)}/questions/", full_answers(consultation))
    assert response.status_code == 302
    finish(client, consultation, perspectives=("child_in_care", "social_worker"))
    done = client.get(f"{base(consultation)}/done/")
    code = _code_on(done)

    sent = ConsultationResponse.objects.get()
    assert sent.status == "submitted" and sent.perspectives == ["child_in_care", "social_worker"]
    free, single, multiple, idea = questions_of(consultation)
    answers = {a.question_id: a for a in sent.answers.all()}
    assert answers[single.pk].choices == ["Some things"]
    assert answers[multiple.pk].choices == ["My carer", "An advocate"]
    assert answers[single.pk].contribution is None
    story, proposal = answers[free.pk].contribution, answers[idea.pk].contribution
    assert story.text == HELPED and story.kind == "story" and answers[free.pk].text == ""
    assert proposal.text == CHANGE and proposal.kind == "idea"
    for contribution in (story, proposal):
        assert contribution.activity == consultation
        assert contribution.status == Contribution.Status.IN_MODERATION
        assert contribution.safety_level != Contribution.SafetyLevel.UNCHECKED
        assert contribution.consents() == {"analysis": True, "quote": False, "publish": True}
        assert contribution.receipt == sent.receipt
    assert Receipt.objects.count() == 1

    queue = client_for(moderator).get(f"/staff/moderation/?activity={consultation.slug}")
    assert f"Check contribution {story.pk}" in queue.content.decode()
    decide = client_for(moderator).get(f"/staff/moderation/{story.pk}/").content.decode()
    assert "Answer to" in decide and "What helped most when you moved?" in decide
    assert AuditEvent.objects.filter(action="consultation_response.submitted").count() == 1

    # The one receipt code shows both answers on the receipt page.
    person = Client()
    person.post("/receipt/", {"code": code})
    page = person.get("/receipt/yours/").content.decode()
    assert HELPED in page and CHANGE in page


def test_save_and_come_back_with_the_receipt_code(consultation):
    first_visit = Client()
    free, single, *_ = questions_of(consultation)
    response = first_visit.post(f"{base(consultation)}/questions/", {
        free.field_name: HELPED, "action": "save"}, follow=True)
    code = _code_on(response)
    draft = ConsultationResponse.objects.get()
    assert draft.status == "draft" and draft.answers.get().text == HELPED
    assert Contribution.objects.count() == 0  # nothing is sent until the person sends it
    assert AuditEvent.objects.filter(action="consultation_response.saved").count() == 1

    later = Client()
    assert later.post(f"{base(consultation)}/continue/", {"code": "WRONG-CODE"}).status_code == 400
    response = later.post(f"{base(consultation)}/continue/", {"code": code.lower()}, follow=True)
    page = response.content.decode()
    assert "Welcome back" in page and HELPED in page
    later.post(f"{base(consultation)}/questions/", full_answers(consultation))
    finish(later, consultation)
    assert "the receipt code you were given" in later.get(
        f"{base(consultation)}/done/").content.decode()

    draft.refresh_from_db()
    assert draft.status == "submitted"
    assert ConsultationResponse.objects.count() == 1
    assert set(Contribution.objects.values_list("receipt", flat=True)) == {draft.receipt_id}
    # Sent answers cannot be picked up and sent again.
    again = Client().post(f"{base(consultation)}/continue/", {"code": code})
    assert again.status_code == 400 and "already been sent" in again.content.decode()


def test_the_receipt_page_offers_to_continue_saved_answers(consultation):
    free = questions_of(consultation)[0]
    response = Client().post(f"{base(consultation)}/questions/", {
        free.field_name: HELPED, "action": "save"}, follow=True)
    code = _code_on(response)
    person = Client()
    person.post("/receipt/", {"code": code})
    page = person.get("/receipt/yours/").content.decode()
    assert "Continue your answers" in page
    picked_up = person.get(f"{base(consultation)}/continue/", follow=True)
    assert HELPED in picked_up.content.decode()


def test_answering_after_the_close_date_is_refused_and_changes_nothing(consultation):
    client = Client()
    client.post(f"{base(consultation)}/questions/", full_answers(consultation))
    Activity.objects.filter(pk=consultation.pk).update(closes_at=past())

    response = client.post(f"{base(consultation)}/questions/", full_answers(consultation))
    assert response.status_code == 400
    assert "This consultation closed on" in response.content.decode()
    response = client.post(f"{base(consultation)}/check/", follow=True)
    assert "This consultation closed on" in response.content.decode()
    assert ConsultationResponse.objects.count() == 0 and Contribution.objects.count() == 0

    consultation.refresh_from_db()
    answers = clean_answers(consultation, {}, max_length=100, complete=False)
    with pytest.raises(EngagementError, match="closed on"):
        do_submit_consultation_response(consultation, answers, [], {}, None)


def test_a_saved_draft_cannot_be_sent_after_the_close_date(consultation):
    free = questions_of(consultation)[0]
    client = Client()
    client.post(f"{base(consultation)}/questions/", {free.field_name: HELPED, "action": "save"})
    Activity.objects.filter(pk=consultation.pk).update(closes_at=past())
    response = client.post(f"{base(consultation)}/questions/", full_answers(consultation))
    assert response.status_code == 400
    assert ConsultationResponse.objects.get().status == "draft"
    assert Contribution.objects.count() == 0


@pytest.mark.parametrize("field, value, message", [
    ("q-999999", "hello", "not in this consultation"),
    ("q-abc", "hello", "not in this consultation"),
    ("single", "Always", "Choose from the answers given"),
    ("multiple", "Someone else", "Choose from the answers given"),
])
def test_bad_answers_get_a_clear_message_and_change_nothing(consultation, field, value, message):
    post = full_answers(consultation)
    free, single, multiple, _ = questions_of(consultation)
    key = {"single": single.field_name, "multiple": multiple.field_name}.get(field, field)
    post[key] = value
    for action in ("continue", "save"):
        response = Client().post(f"{base(consultation)}/questions/", {**post, "action": action})
        assert response.status_code == 400
        assert message in response.content.decode()
    assert ConsultationResponse.objects.count() == 0 and Contribution.objects.count() == 0


def test_two_answers_to_a_choose_one_question_are_refused(consultation):
    post = full_answers(consultation)
    post[questions_of(consultation)[1].field_name] = ["Everything", "Nothing"]
    response = Client().post(f"{base(consultation)}/questions/", post)
    assert response.status_code == 400 and "Choose only one" in response.content.decode()


def test_a_null_character_is_refused_with_a_clear_message(consultation):
    post = full_answers(consultation, helped="bad\x00text")
    response = Client().post(f"{base(consultation)}/questions/", {**post, "action": "save"})
    assert response.status_code == 400
    assert "null character" in response.content.decode()
    assert ConsultationResponse.objects.count() == 0
    # The check holds without the middleware too.
    free = questions_of(consultation)[0]
    with pytest.raises(EngagementError, match="null character"):
        clean_answers(consultation, {str(free.pk): ["a\x00b"]}, max_length=100, complete=False)


def test_a_required_question_must_be_answered_before_sending(consultation):
    post = full_answers(consultation, helped="   ")
    response = Client().post(f"{base(consultation)}/questions/", post)
    assert response.status_code == 400
    assert "What helped most when you moved?" in response.content.decode()
    # A saved draft may still be missing it.
    post["action"] = "save"
    assert Client().post(f"{base(consultation)}/questions/", post).status_code == 302


def test_an_answer_showing_immediate_risk_gets_help_now(consultation, safeguarding_lead):
    client = Client()
    client.post(f"{base(consultation)}/questions/", full_answers(consultation, helped=DISCLOSURE))
    finish(client, consultation)
    done = client.get(f"{base(consultation)}/done/").content.decode()
    # No email can go out with the test settings, so the page does not claim the lead knows.
    assert 'data-testid="help-now"' in done and "keep people safe will read what you wrote" in done
    contribution = Contribution.objects.get(text=DISCLOSURE)
    assert contribution.safety_level == "immediate"
    assert contribution.safeguarding_flags.filter(level="immediate").exists()


def test_saving_words_that_show_risk_shows_help_and_tells_the_lead_at_once(consultation):
    free = questions_of(consultation)[0]
    client = Client()
    response = client.post(f"{base(consultation)}/questions/", {
        free.field_name: DISCLOSURE, "action": "save"}, follow=True)
    assert 'data-testid="help-now"' in response.content.decode()
    # The person may never come back to send it, so the disclosure is not left in a draft.
    held = Contribution.objects.get(text=DISCLOSURE)
    assert held.safeguarding_flags.filter(level="immediate").exists()
    assert held.status != Contribution.Status.PUBLISHED
    assert not (held.consent_analysis or held.consent_quote or held.consent_publish)
    assert held.receipt == ConsultationResponse.objects.get().receipt
    # Saving again does not raise it twice.
    client.post(f"{base(consultation)}/questions/", {free.field_name: DISCLOSURE, "action": "save"})
    assert Contribution.objects.filter(text=DISCLOSURE).count() == 1
    # Sending later uses the same contribution, now with the consents given.
    client.post(f"{base(consultation)}/questions/", full_answers(consultation, helped=DISCLOSURE))
    finish(client, consultation)
    sent = Contribution.objects.get(text=DISCLOSURE)
    assert sent.pk == held.pk and sent.consent_analysis
    assert sent.consultation_answer.question == free
    assert sent.safeguarding_flags.count() == 1


def test_withdrawing_an_answer_erases_its_words(consultation):
    client = Client()
    client.post(f"{base(consultation)}/questions/", full_answers(consultation))
    finish(client, consultation)
    code = _code_on(client.get(f"{base(consultation)}/done/"))
    story = Contribution.objects.get(text=HELPED)
    person = Client()
    person.post("/receipt/", {"code": code})
    person.post(f"/receipt/yours/{story.pk}/withdraw/", {"confirm": "yes"})
    story.refresh_from_db()
    answer = Answer.objects.get(contribution=story)
    assert story.status == "withdrawn" and story.text == "" and answer.text == ""


def test_participants_never_see_a_draft_consultation(facilitator):
    draft = make_activity(Activity.Kind.CONSULTATION, facilitator, open_it=False)
    assert Client().get(f"{base(draft)}/").status_code == 404
    assert Client().get(f"/activities/{draft.slug}/ideas/").status_code == 404


def test_facilitator_pages_need_the_facilitator_permission(consultation, outsider, moderator):
    question = questions_of(consultation)[0]
    pages = ["/staff/activities/", "/staff/activities/new/",
             f"/staff/activities/{consultation.slug}/",
             f"/staff/activities/{consultation.slug}/edit/",
             f"/staff/activities/{consultation.slug}/questions/",
             f"/staff/activities/{consultation.slug}/questions/{question.pk}/"]
    for page in pages:
        assert Client().get(page).status_code == 302  # to sign in
        assert client_for(outsider).get(page).status_code == 403
        assert client_for(moderator).get(page).status_code == 403
    response = client_for(moderator).post(f"/staff/activities/{consultation.slug}/status/",
                                          {"status": "closed"})
    assert response.status_code == 403
    consultation.refresh_from_db()
    assert consultation.status == "open"


def test_an_answered_question_keeps_its_type_and_cannot_be_removed(consultation, facilitator):
    client = Client()
    client.post(f"{base(consultation)}/questions/", full_answers(consultation))
    finish(client, consultation)
    single = questions_of(consultation)[1]
    with pytest.raises(EngagementError):
        do_remove_question(single, facilitator)
    with pytest.raises(EngagementError):
        do_update_question(single, QuestionFields("How much?", kind=Question.Kind.SINGLE,
                                                  choices=("A", "B")), facilitator)
    response = client_for(facilitator).post(
        f"/staff/activities/{consultation.slug}/questions/{single.pk}/", {"step": "remove"})
    assert response.status_code == 400 and "cannot be removed" in response.content.decode()
    assert Question.objects.filter(pk=single.pk).exists()
    do_update_question(single, QuestionFields("How much were you told, before?",
                                              kind=Question.Kind.SINGLE,
                                              choices=tuple(single.choices)), facilitator)
    single.refresh_from_db()
    assert single.text == "How much were you told, before?"


def test_the_demo_shows_the_whole_flow_once(baseline):
    for role in ("facilitator", "moderator"):  # the demo's own staff accounts
        do_create_staff_member(role, STAFF_PASSWORD, [role], None)
    assert "Loaded demo activities" in load_consultation_demo()
    consultation = Activity.objects.get(title=CONSULTATION_TITLE)
    assert consultation.questions.count() == 5
    sent = consultation.consultation_responses.filter(status="submitted")
    assert sent.count() >= 24
    assert consultation.consultation_responses.filter(status="draft").exists()
    linked = Answer.objects.filter(response__in=sent, contribution__isnull=False)
    assert linked.count() == consultation.contributions.count() > 24
    assert consultation.contributions.filter(status="published").exists()
    assert consultation.contributions.filter(status="in_moderation").exists()
    assert IdeaSupport.objects.exists()
    assert KeyMessage.objects.filter(published=True).count() == 5
    before = Contribution.objects.count()
    assert "already loaded" in load_consultation_demo()
    assert Contribution.objects.count() == before


def test_saved_answers_nobody_came_back_to_are_deleted_after_the_retention_time(
        consultation, settings):
    from datetime import timedelta

    from django.utils import timezone

    from heard.tasks.queue import run_pending

    settings.HEARD_DRAFT_RETENTION_DAYS = 30
    free = questions_of(consultation)[0]
    old, fresh, urgent = Client(), Client(), Client()
    code = _code_on(old.post(f"{base(consultation)}/questions/", {
        free.field_name: HELPED, "action": "save"}, follow=True))
    saved = fresh.post(f"{base(consultation)}/questions/", {
        free.field_name: CHANGE, "action": "save"}, follow=True).content.decode()
    assert "We keep saved answers for 30 days" in saved
    urgent.post(f"{base(consultation)}/questions/", {
        free.field_name: DISCLOSURE, "action": "save"})
    stale = timezone.now() - timedelta(days=31)
    ConsultationResponse.objects.exclude(answers__text=CHANGE).update(updated_at=stale)

    run_pending()  # the worker's periodic checks

    assert list(ConsultationResponse.objects.values_list("answers__text", flat=True)) == [CHANGE]
    assert not Answer.objects.filter(text=HELPED).exists()
    assert AuditEvent.objects.filter(action="consultation_response.draft_erased").count() == 2
    # The disclosure raised from a draft is not erased with it, nor the code that reaches it.
    disclosure = Contribution.objects.get(text=DISCLOSURE)
    assert disclosure.receipt is not None and disclosure.safeguarding_flags.exists()
    assert Receipt.objects.count() == 2
    back = Client().post(f"{base(consultation)}/continue/", {"code": code})
    assert back.status_code == 400


def test_going_on_from_the_questions_checks_every_answer_and_holds_urgent_words_at_once(
        consultation, safeguarding_lead):
    # The rule the questions page's Continue button follows, without a request.
    free, single, _, _ = questions_of(consultation)
    with pytest.raises(EngagementError, match="Answer the question"):
        do_go_on_from_questions(consultation, {str(single.pk): ["Some things"]}, None, {},
                                response=None, max_length=1000)
    assert Contribution.objects.count() == 0
    held = do_go_on_from_questions(consultation, {str(free.pk): [DISCLOSURE]}, None, {},
                                   response=None, max_length=1000)
    assert held == {str(free.pk): Contribution.objects.get(text=DISCLOSURE).pk}
    Activity.objects.filter(pk=consultation.pk).update(closes_at=past())
    consultation.refresh_from_db()
    with pytest.raises(EngagementError, match="closed on"):
        do_go_on_from_questions(consultation, {str(free.pk): ["Fine"]}, None, held,
                                response=None, max_length=1000)

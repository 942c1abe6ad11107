"""Staff-typed texts in Welsh (issue 15, "activity texts entered in both languages by staff"):
a facilitator types a consultation question's Welsh wording, hint and answers on the staff
page, and a person using the site in Welsh sees them; where there is no Welsh, the English is
shown marked lang="en". Answers given in Welsh are stored as the English answer, so they count
together with answers given in English."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from heard.activities.models import Activity, Answer
from heard.activities.open_space.actions import (
    OpenSpaceError,
    do_add_room,
    do_add_time_slot,
    do_create_event,
    do_propose_topic,
    do_schedule_session,
    do_set_event_welsh,
)
from heard.audit.models import AuditEvent

from ..activities.activity_helpers import HELPED, base, make_activity, questions_of
from ..conftest import client_for, in_welsh

pytestmark = pytest.mark.django_db

WELSH_QUESTION = "Faint ddywedwyd wrthych chi?"
WELSH_HINT = "Meddyliwch am y tro diwethaf."
WELSH_ANSWERS = "Popeth\nRhai pethau\nDim byd\n"


def _enter_welsh(facilitator, activity: Activity, *, answers: str = WELSH_ANSWERS):
    single = questions_of(activity)[1]
    return client_for(facilitator).post(
        f"/staff/activities/{activity.slug}/questions/{single.pk}/", {
            "text": single.text, "kind": "single", "choices": "\n".join(single.choices),
            "answer_kind": "story", "text_cy": WELSH_QUESTION, "help_cy": WELSH_HINT,
            "choices_cy": answers})


def test_staff_enter_a_questions_welsh_wording_on_the_question_page(make_staff):
    facilitator = make_staff("facilitator")
    activity = make_activity(Activity.Kind.CONSULTATION, facilitator)
    single = questions_of(activity)[1]
    form = client_for(facilitator).get(
        f"/staff/activities/{activity.slug}/questions/{single.pk}/").content.decode()
    assert 'name="text_cy"' in form and 'name="help_cy"' in form and 'name="choices_cy"' in form
    assert _enter_welsh(facilitator, activity).status_code == 302
    single.refresh_from_db()
    assert (single.text_cy, single.help_cy) == (WELSH_QUESTION, WELSH_HINT)
    assert single.choices_cy == ["Popeth", "Rhai pethau", "Dim byd"]
    assert AuditEvent.objects.filter(action="question.updated").exists()


def test_welsh_answers_must_match_the_english_ones_one_for_one(make_staff):
    facilitator = make_staff("facilitator")
    activity = make_activity(Activity.Kind.CONSULTATION, facilitator)
    response = _enter_welsh(facilitator, activity, answers="Popeth\nDim byd")
    assert response.status_code == 400
    assert "one Welsh answer for each English answer" in response.content.decode()
    assert questions_of(activity)[1].text_cy == ""


def test_the_welsh_page_shows_the_welsh_question_hint_and_answers(make_staff):
    facilitator = make_staff("facilitator")
    activity = make_activity(Activity.Kind.CONSULTATION, facilitator)
    _enter_welsh(facilitator, activity)
    page = in_welsh().get(f"{base(activity)}/questions/").content.decode()
    assert f"2. {WELSH_QUESTION}" in page and WELSH_HINT in page
    assert ">Rhai pethau</label>" in page
    # The stored value stays the English answer.
    assert 'value="Some things"' in page
    assert "How much were you told?" not in page


def test_a_question_with_no_welsh_is_shown_in_english_marked_as_english(make_staff):
    facilitator = make_staff("facilitator")
    activity = make_activity(Activity.Kind.CONSULTATION, facilitator)
    page = in_welsh().get(f"{base(activity)}/questions/").content.decode()
    assert '1. <span lang="en">What helped most when you moved?</span>' in page
    assert '<span lang="en">Some things</span></label>' in page


def test_the_english_page_is_unchanged_by_the_welsh_wording(make_staff):
    facilitator = make_staff("facilitator")
    activity = make_activity(Activity.Kind.CONSULTATION, facilitator)
    _enter_welsh(facilitator, activity)
    page = Client().get(f"{base(activity)}/questions/").content.decode()
    assert "2. How much were you told?" in page and ">Some things</label>" in page
    assert WELSH_QUESTION not in page and 'lang="en"' not in page.split("<main", 1)[1]


def test_an_answer_given_in_welsh_is_stored_as_the_english_answer(make_staff):
    facilitator = make_staff("facilitator")
    activity = make_activity(Activity.Kind.CONSULTATION, facilitator)
    _enter_welsh(facilitator, activity)
    free, single, multiple, idea = questions_of(activity)
    client = in_welsh()
    assert client.post(f"{base(activity)}/questions/", {
        free.field_name: HELPED, single.field_name: "Some things",
        "action": "continue"}).status_code == 302
    url = base(activity)
    client.post(f"{url}/who/", {"perspectives": ["child_in_care"]})
    client.post(f"{url}/consent/", {"consent_analysis": "yes", "consent_quote": "no",
                                    "consent_publish": "yes"})
    check = client.get(f"{url}/check/").content.decode()
    assert WELSH_QUESTION in check and "Rhai pethau" in check
    assert client.post(f"{url}/check/").status_code == 302
    assert Answer.objects.get(question=single).choices == ["Some things"]


def test_a_bad_choice_on_a_welsh_page_quotes_the_welsh_question(make_staff):
    facilitator = make_staff("facilitator")
    activity = make_activity(Activity.Kind.CONSULTATION, facilitator)
    _enter_welsh(facilitator, activity)
    free, single, _multiple, _idea = questions_of(activity)
    response = in_welsh().post(f"{base(activity)}/questions/", {
        free.field_name: HELPED, single.field_name: "Made up", "action": "continue"})
    assert response.status_code == 400
    assert WELSH_QUESTION in response.content.decode()


# --- Open Space: the questions and room names ------------------------------------------------

WELSH_OPENING = "Beth fyddai'n gwneud gadael gofal yn well?"
WELSH_CLOSING = "Beth ddylai newid gyntaf?"


def _open_space_with_rooms(facilitator):
    start = timezone.now() + timedelta(days=7)
    event = do_create_event("Leaving care", "What would make leaving care go well?",
                            "What should change first?", start, start + timedelta(hours=3),
                            facilitator)
    oak = do_add_room(event, "Oak", "https://meet.example.org/oak", facilitator)
    ash = do_add_room(event, "Ash", "https://meet.example.org/ash", facilitator)
    slot = do_add_time_slot(event, start + timedelta(minutes=30), start + timedelta(hours=1),
                            facilitator)
    for room, title in ((oak, "Keeping the same worker"), (ash, "Money when you leave")):
        topic = do_propose_topic(event, None, title, facilitator)
        do_schedule_session(topic, room, slot, "mixed", "", 4, facilitator)
    return event, oak, ash


def test_staff_enter_welsh_for_an_events_questions_and_rooms(make_staff):
    facilitator = make_staff("facilitator")
    event, oak, ash = _open_space_with_rooms(facilitator)
    staff = client_for(facilitator)
    manage = f"/staff/events/{event.slug}/"
    page = staff.get(manage).content.decode()
    assert 'name="opening_question_cy"' in page and f'name="room_cy-{oak.pk}"' in page
    response = staff.post(manage, {"step": "welsh", "opening_question_cy": WELSH_OPENING,
                                   "closing_question_cy": WELSH_CLOSING,
                                   f"room_cy-{oak.pk}": "Derwen", f"room_cy-{ash.pk}": ""})
    assert response.status_code == 302
    event.refresh_from_db()
    oak.refresh_from_db()
    assert (event.opening_question_cy, event.closing_question_cy) == (WELSH_OPENING,
                                                                      WELSH_CLOSING)
    assert oak.name_cy == "Derwen"
    assert event.activity.purpose_cy == WELSH_OPENING
    assert AuditEvent.objects.filter(action="open_space.welsh_set").exists()

    # The Welsh page shows the Welsh; the room with no Welsh name is marked as English.
    welsh = in_welsh()
    home = welsh.get(f"/events/{event.slug}/").content.decode()
    assert escape(WELSH_OPENING) in home and "What would make leaving care go well?" not in home
    welsh.post(f"/events/{event.slug}/sign-up/", {
        "perspectives": ["care_leaver"], "consent_analysis": "yes", "consent_quote": "yes"})
    agenda = welsh.get(f"/events/{event.slug}/agenda/").content.decode()
    assert ">Derwen</th>" in agenda and '<span lang="en">Ash</span></th>' in agenda
    assert ">Oak</th>" not in agenda


def test_a_welsh_room_name_for_another_events_room_changes_nothing(make_staff):
    facilitator = make_staff("facilitator")
    event, oak, _ash = _open_space_with_rooms(facilitator)
    other, other_oak, _ = _open_space_with_rooms(facilitator)
    response = client_for(facilitator).post(f"/staff/events/{event.slug}/", {
        "step": "welsh", "opening_question_cy": WELSH_OPENING, "closing_question_cy": "",
        f"room_cy-{oak.pk}": "Derwen"})
    assert response.status_code == 302  # saved: only this event's rooms are read
    other_oak.refresh_from_db()
    assert other_oak.name_cy == ""
    with pytest.raises(OpenSpaceError):
        do_set_event_welsh(event, "", "", {other_oak.pk: "Derwen"}, facilitator)
    event.refresh_from_db()
    assert event.opening_question_cy == WELSH_OPENING

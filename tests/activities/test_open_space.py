"""Open Space events: set-up, registration, the topic marketplace, the agenda, the law of two
feet, session notes as contributions, dot-voting, the closing round, the report, and bad input."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone

from heard.activities.models import Activity
from heard.activities.open_space.actions import (
    OpenSpaceError,
    do_add_room,
    do_add_session_notes,
    do_add_time_slot,
    do_advance_phase,
    do_cast_dot,
    do_create_event,
    do_join_session,
    do_propose_topic,
    do_register,
    do_schedule_session,
    do_set_session_open,
    do_sign_up,
)
from heard.activities.open_space.demo import load_open_space_demo
from heard.activities.open_space.models import (
    MAX_DOTS_PER_PERSON,
    ClosingAnswer,
    OpenSpaceEvent,
    Registration,
    Session,
    SessionMembership,
    SessionNote,
    SolutionVote,
    Topic,
    TopicInterest,
)
from heard.activities.open_space.queries import registrations_by_perspective
from heard.audit.models import AuditEvent
from heard.contributions.models import Contribution
from heard.safety.models import SafeguardingFlag
from heard.tasks.queue import run_pending

from ..conftest import client_for

pytestmark = pytest.mark.django_db
CONSENTS = {"analysis": True, "quote": True, "publish": False}
# Every Open Space table, as Django lists them (so a table added later is counted too), and
# the two an Open Space action also writes to.
MODELS = (*apps.get_app_config("open_space").get_models(), Contribution, Activity)


def at(hour: int, minute: int = 0) -> datetime:
    day = timezone.localdate() + timedelta(days=7)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def snapshot() -> dict[str, object]:
    """Every row an Open Space action could write, so a refused request can be shown to have
    changed nothing (the audit log of changes included)."""
    counts: dict[str, object] = {m.__name__: m.objects.count() for m in MODELS}
    # Staff page views and sign-ins are audited too; neither is a change.
    counts["audit"] = (AuditEvent.objects.exclude(action__endswith="viewed")
                       .exclude(action__startswith="auth.").count())
    counts["memberships"] = sorted(SessionMembership.objects.values_list(
        "registration_id", "session_id"))
    counts["phases"] = list(OpenSpaceEvent.objects.values_list("phase", flat=True))
    return counts


@pytest.fixture
def event(facilitator) -> OpenSpaceEvent:
    event = do_create_event("Leaving care", "What would make leaving care go well?",
                            "What should change first?", at(10), at(13), facilitator)
    rooms = [do_add_room(event, name, f"https://meet.example.org/{name}", facilitator)
             for name in ("Oak", "Ash")]
    slot = do_add_time_slot(event, at(10, 30), at(11, 15), facilitator)
    mixed = do_propose_topic(event, None, "Keeping the same worker", facilitator)
    shared = do_propose_topic(event, None, "Money when you leave care", facilitator)
    do_schedule_session(mixed, rooms[0], slot, "mixed", "", 2, facilitator)
    do_schedule_session(shared, rooms[1], slot, "shared", "care_experienced", 4, facilitator)
    return event


def session_called(title: str) -> Session:
    return Session.objects.get(topic__title=title)


def register(event: OpenSpaceEvent, *perspectives: str) -> Registration:
    return do_register(event, list(perspectives), "", CONSENTS, None)[0]


def signed_up(event: OpenSpaceEvent, *perspectives: str) -> tuple[Client, Registration]:
    client = Client()
    response = client.post(f"/events/{event.slug}/sign-up/", {
        "perspectives": list(perspectives), "access_needs": "Captions, please.",
        "consent_analysis": "yes", "consent_quote": "yes"})
    assert response.status_code == 200
    return client, Registration.objects.latest("id")


def run_sessions(event: OpenSpaceEvent, facilitator) -> OpenSpaceEvent:
    return do_advance_phase(event, facilitator)


# --- Set-up and permissions ------------------------------------------------------------------

def test_the_dots_box_says_its_range_and_one_outside_it_is_refused(facilitator):
    """The most dots is written once (decision 0057): the hint and the refusal both read it."""
    client = client_for(facilitator)
    assert f"From 1 to {MAX_DOTS_PER_PERSON}." in client.get("/staff/events/").content.decode()
    day = timezone.localdate() + timedelta(days=3)
    response = client.post("/staff/events/", {
        "title": "Being heard", "opening_question": "How can we hear you better?",
        "closing_question": "What one thing?", "date-day": str(day.day),
        "date-month": str(day.month), "date-year": str(day.year), "starts": "10:00",
        "ends": "13:00", "dots": str(MAX_DOTS_PER_PERSON + 1)})
    assert f"between 1 and {MAX_DOTS_PER_PERSON} dots" in response.content.decode()
    assert not OpenSpaceEvent.objects.exists()


def test_a_facilitator_sets_up_an_event_and_its_agenda_through_the_pages(facilitator):
    client = client_for(facilitator)
    day = timezone.localdate() + timedelta(days=3)
    response = client.post("/staff/events/", {
        "title": "Being heard", "opening_question": "How can we hear you better?",
        "closing_question": "What one thing?", "date-day": str(day.day),
        "date-month": str(day.month), "date-year": str(day.year), "starts": "10:00",
        "ends": "13:00", "dots": "3"})
    assert response.status_code == 302
    event = OpenSpaceEvent.objects.get(activity__title="Being heard")
    assert event.activity.kind == Activity.Kind.OPEN_SPACE
    manage = f"/staff/events/{event.slug}/"
    client.post(manage, {"step": "room", "name": "Oak", "link": "https://meet.example.org/o"})
    client.post(manage, {"step": "slot", "starts": "10:30", "ends": "11:15"})
    client.post(manage, {"step": "topic", "title": "Reviews"})
    client.post(manage, {"step": "schedule", "topic": event.topics.get().pk,
                         "room": event.rooms.get().pk, "slot": event.slots.get().pk,
                         "mode": "shared", "shared_group": "professional", "capacity": "6"})
    session = Session.objects.get(topic__event=event)
    assert (session.mode, session.shared_group, session.capacity) == ("shared", "professional",
                                                                       6)
    assert client.get(manage).status_code == 200
    actions = set(AuditEvent.objects.filter(actor=facilitator).values_list("action", flat=True))
    assert {"open_space.created", "open_space.room_added", "open_space.slot_added",
            "open_space.topic_proposed", "open_space.session_scheduled"} <= actions


@pytest.mark.parametrize("page", ["", "{slug}/", "{slug}/report/"])
def test_staff_pages_need_the_facilitator_permission(event, outsider, moderator, page):
    url = "/staff/events/" + page.format(slug=event.slug)
    assert Client().get(url).status_code == 302  # to sign in
    assert client_for(outsider).get(url).status_code == 403
    assert client_for(moderator).get(url).status_code == 403
    before = snapshot()
    assert client_for(moderator).post(url, {"step": "advance"}).status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("persona", ["facilitator", "administrator", "moderator", "analyst",
                                     "safeguarding_lead", "service_lead"])
def test_only_roles_that_run_activities_reach_the_staff_pages(event, make_staff, persona):
    allowed = persona in {"facilitator", "administrator"}
    client = client_for(make_staff(persona))
    for url in ("/staff/events/", f"/staff/events/{event.slug}/",
                f"/staff/events/{event.slug}/report/"):
        assert client.get(url).status_code == (200 if allowed else 403), url


@pytest.mark.parametrize("page", ["", "come-back/", "sign-up/"])
def test_the_event_and_sign_up_pages_are_open_to_anyone(event, page):
    assert Client().get(f"/events/{event.slug}/{page}").status_code == 200


def test_words_not_yet_moderated_are_seen_only_by_people_taking_part(event, facilitator):
    run_sessions(event, facilitator)
    mixed = session_called("Keeping the same worker")
    writer = register(event, "care_leaver")
    do_join_session(mixed, writer, None)
    do_add_session_notes(mixed, writer, {"problem": "Nobody calls back."}, None)
    run_pending()  # redaction suggestions: others see the words only once they exist
    stranger = Client()
    for page in ("topics/", "agenda/", f"sessions/{mixed.pk}/", "vote/", "closing/"):
        response = stranger.get(f"/events/{event.slug}/{page}")
        assert response.status_code == 302
        assert response["Location"] == f"/events/{event.slug}/sign-up/"
    participant, _ = signed_up(event, "parent_mother")
    assert "Nobody calls back." in participant.get(
        f"/events/{event.slug}/sessions/{mixed.pk}/").content.decode()
    assert "Keeping the same worker" in participant.get(
        f"/events/{event.slug}/topics/").content.decode()


def test_the_activity_page_links_to_the_event(event):
    page = Client().get(f"/activities/{event.slug}/").content.decode()
    assert f'href="/events/{event.slug}/"' in page


JUNK = [{}, {"step": "nonsense"}, {"session": "-1"}, {"solution": " ", "problem": ""},
        {"topic": "x"},
        {"step": "schedule", "topic": "1", "room": "1", "slot": "1", "capacity": "many"},
        {"step": "room", "name": "x" * 300, "link": "https://"}, {"step": "apply", "slot": "?"},
        # "²" passes str.isdigit but not int(): each id and count a page reads (core/numbers.py)
        {"session": "²", "step": "join"}, {"step": "apply", "slot": "²"},
        {"step": "schedule", "topic": "²", "room": "²", "slot": "²", "capacity": "²"}]


@pytest.mark.parametrize("data", JUNK)
def test_junk_posted_to_any_page_changes_nothing_and_never_fails(event, facilitator, data):
    run_sessions(event, facilitator)
    registered, registration = signed_up(event, "care_leaver")
    do_join_session(session_called("Keeping the same worker"), registration, None)
    staff = client_for(facilitator)
    pages = [(client, f"/events/{event.slug}/{p}") for client in (registered, Client()) for p in
             ("sign-up/", "come-back/", "topics/", "agenda/", "vote/", "closing/",
              f"sessions/{session_called('Keeping the same worker').pk}/")]
    pages += [(staff, f"/staff/events/{event.slug}/"), (staff, "/staff/events/")]
    before = snapshot()
    for client, url in pages:
        assert client.post(url, data, follow=True).status_code == 200, url
    assert snapshot() == before



@pytest.mark.parametrize("propose", ["²", "abc", "9" * 30, "-1"])
def test_the_manage_page_shows_no_proposal_for_a_slot_that_is_not_there(event, facilitator,
                                                                         propose):
    page = client_for(facilitator).get(f"/staff/events/{event.slug}/", {"propose": propose})
    assert page.status_code == 200 and page.context["proposals"] == []


# --- Registration ----------------------------------------------------------------------------

def test_registration_keeps_perspectives_access_needs_and_consents_and_gives_a_code(event):
    client = Client()
    response = client.post(f"/events/{event.slug}/sign-up/", {
        "perspectives": ["care_leaver", "social_worker"], "access_needs": "Captions, please.",
        "consent_analysis": "yes", "consent_publish": "yes"})
    registration = Registration.objects.get()
    assert registration.perspectives == ["care_leaver", "social_worker"]
    assert registration.access_needs == "Captions, please."
    assert registration.consents() == {"analysis": True, "quote": False, "publish": True}
    code = response.content.decode().split('data-code="', 1)[1].split('"', 1)[0]
    audit = AuditEvent.objects.get(action="open_space.registered")
    assert "Captions" not in str(audit.details)

    other_device = Client()
    other_device.post(f"/events/{event.slug}/come-back/", {"code": code.lower()})
    page = other_device.get(f"/events/{event.slug}/").content.decode()
    assert 'data-testid="signed-up"' in page


@pytest.mark.parametrize(("access_needs", "level"), [
    ("I am going to kill myself tonight and nobody will stop me.", "immediate"),
    ("Captions, please.", "none"),
])
def test_signing_up_says_what_triage_found_in_the_access_needs(event, access_needs, level):
    # The page offers help from this, so it need not run triage a second time.
    sign_up = do_sign_up(event, ["care_leaver"], access_needs, CONSENTS, None)
    assert sign_up.safety_level == level
    assert sign_up.registration.access_needs == access_needs and sign_up.code


def test_one_code_shows_everything_a_participant_wrote_and_lets_them_take_it_back(
        event, facilitator):
    client = Client()
    response = client.post(f"/events/{event.slug}/sign-up/", {
        "perspectives": ["care_leaver"], "consent_analysis": "yes"})
    code = response.content.decode().split('data-code="', 1)[1].split('"', 1)[0]
    registration = Registration.objects.get()
    run_sessions(event, facilitator)
    mixed = session_called("Keeping the same worker")
    do_join_session(mixed, registration, None)
    note = do_add_session_notes(mixed, registration, {"problem": "Nobody calls back."}, None)[0]
    receipt = Client()
    receipt.post("/receipt/", {"code": code})
    assert "Nobody calls back." in receipt.get("/receipt/yours/").content.decode()
    receipt.post(f"/receipt/yours/{note.contribution_id}/withdraw/", {"confirm": "yes"})
    note.contribution.refresh_from_db()
    assert note.contribution.status == Contribution.Status.WITHDRAWN
    assert "Nobody calls back." not in client.get(
        f"/events/{event.slug}/sessions/{mixed.pk}/").content.decode()


def test_registration_without_consent_to_read_is_refused_with_a_reason(event):
    before = snapshot()
    response = Client().post(f"/events/{event.slug}/sign-up/", {"perspectives": ["care_leaver"]})
    assert response.status_code == 200
    assert "To take part, say yes" in response.content.decode()
    assert 'href="#p-child_in_care"' in response.content.decode()  # the first box on the page
    assert snapshot() == before


def test_registrations_are_counted_by_perspective(event):
    register(event, "care_leaver")
    register(event, "care_leaver", "social_worker")
    register(event, "parent_father")
    assert registrations_by_perspective(event.activity) == {
        "care_leaver": 2, "parent_father": 1, "social_worker": 1}


# --- Topics and sessions ---------------------------------------------------------------------

def test_a_proposed_topic_is_a_contribution_waiting_for_moderation(event):
    client, registration = signed_up(event, "child_in_care")
    client.post(f"/events/{event.slug}/topics/", {"step": "propose",
                                                  "title": "School moves"})
    topic = Topic.objects.get(title="School moves")
    assert topic.proposed_by == registration
    assert topic.contribution.status == Contribution.Status.IN_MODERATION
    assert topic.contribution.activity == event.activity
    assert topic.contribution.receipt == registration.receipt
    assert TopicInterest.objects.filter(topic=topic, registration=registration).exists()


def test_the_law_of_two_feet_moves_you_between_sessions_in_a_slot(event, facilitator):
    run_sessions(event, facilitator)
    client, registration = signed_up(event, "care_leaver")
    mixed, shared = session_called("Keeping the same worker"), session_called(
        "Money when you leave care")
    client.post(f"/events/{event.slug}/agenda/", {"session": mixed.pk, "step": "join"})
    assert list(registration.memberships.values_list("session_id", flat=True)) == [mixed.pk]
    client.post(f"/events/{event.slug}/agenda/", {"session": shared.pk, "step": "join"})
    assert list(registration.memberships.values_list("session_id", flat=True)) == [shared.pk]
    changed = AuditEvent.objects.get(action="open_space.session_changed")
    assert changed.details == {"registration": registration.pk, "left": mixed.pk}
    client.post(f"/events/{event.slug}/agenda/", {"session": shared.pk, "step": "leave"})
    assert not registration.memberships.exists()


def bad_request(client: Client, url: str, data: dict, message: str) -> None:
    """Refused: a clear message on the page, no server error, and nothing changed."""
    before = snapshot()
    response = client.post(url, data, follow=True)
    assert response.status_code in (200, 400)  # a form shown again with its error is a 400
    assert message in response.content.decode()
    assert snapshot() == before


def test_joining_a_full_session_is_refused(event, facilitator):
    mixed = session_called("Keeping the same worker")
    for _ in range(mixed.capacity):
        do_join_session(mixed, register(event, "social_worker"), None)
    client, _ = signed_up(event, "care_leaver")
    bad_request(client, f"/events/{event.slug}/agenda/", {"session": mixed.pk, "step": "join"},
                "is full. Choose another session")


def test_joining_a_closed_session_is_refused(event, facilitator):
    mixed = session_called("Keeping the same worker")
    do_set_session_open(mixed, False, facilitator)
    client, _ = signed_up(event, "care_leaver")
    bad_request(client, f"/events/{event.slug}/agenda/", {"session": mixed.pk, "step": "join"},
                "is closed. Choose another session")


def test_joining_after_the_sessions_have_finished_is_refused(event, facilitator):
    client, _ = signed_up(event, "care_leaver")
    for _ in range(2):
        do_advance_phase(event, facilitator)
    bad_request(client, f"/events/{event.slug}/agenda/",
                {"session": session_called("Keeping the same worker").pk, "step": "join"},
                "Sessions have finished")


def test_a_shared_experience_session_stays_shared(event):
    client, _ = signed_up(event, "social_worker")
    bad_request(client, f"/events/{event.slug}/agenda/",
                {"session": session_called("Money when you leave care").pk, "step": "join"},
                "is a shared-experience session")


def test_a_session_from_another_event_or_a_made_up_one_is_refused(event, facilitator):
    client, _ = signed_up(event, "care_leaver")
    for session_id in ("999999", "abc", "", "²", "9" * 30):
        bad_request(client, f"/events/{event.slug}/agenda/",
                    {"session": session_id, "step": "join"}, "not part of this event")


def test_proposing_a_topic_after_the_event_closed_is_refused(event, facilitator):
    client, _ = signed_up(event, "care_leaver")
    while event.phase != OpenSpaceEvent.Phase.CLOSED:
        event = do_advance_phase(event, facilitator)
    bad_request(client, f"/events/{event.slug}/topics/", {"step": "propose", "title": "Late"},
                "Topics can only be suggested before the event and while sessions run")


def test_a_refused_topic_stays_in_the_box_beside_its_error(event):
    client, _ = signed_up(event, "care_leaver")
    typed = "Why nobody tells us about our rights when we leave care " * 3
    page = client.post(f"/events/{event.slug}/topics/", {"step": "propose", "title": typed})
    assert page.status_code == 400
    html = page.content.decode()
    assert f'value="{typed}"' in html and 'class="govuk-error-message"' in html
    assert 'href="#title"' in html


def test_a_topic_too_long_or_already_there_is_refused(event):
    client, _ = signed_up(event, "care_leaver")
    bad_request(client, f"/events/{event.slug}/topics/", {"step": "propose", "title": "x" * 121},
                "Keep your topic to 120 characters or fewer")
    bad_request(client, f"/events/{event.slug}/topics/",
                {"step": "propose", "title": "keeping the SAME worker"},
                "That topic is already on the list")


@pytest.mark.parametrize("starts, ends, message", [
    ("11:00", "11:30", "This time slot overlaps the one from 10:30 to 11:15"),
    ("10:00", "12:00", "This time slot overlaps the one from 10:30 to 11:15"),
    ("12:00", "11:00", "A time slot must end after it starts"),
    ("09:00", "09:30", "inside the event"),
    ("noon", "13:00", "Enter times like 10:30"),
])
def test_an_agenda_slot_with_bad_times_is_refused(event, facilitator, starts, ends, message):
    bad_request(client_for(facilitator), f"/staff/events/{event.slug}/",
                {"step": "slot", "starts": starts, "ends": ends}, message)


def test_a_slot_that_only_touches_another_is_fine(event, facilitator):
    do_add_time_slot(event, at(11, 15), at(12), facilitator)
    assert event.slots.count() == 2


def test_two_sessions_in_one_room_at_once_are_refused(event, facilitator):
    topic = do_propose_topic(event, None, "Another", facilitator)
    session = session_called("Keeping the same worker")
    bad_request(client_for(facilitator), f"/staff/events/{event.slug}/",
                {"step": "schedule", "topic": topic.pk, "room": session.room_id,
                 "slot": session.slot_id, "mode": "mixed", "capacity": "5"},
                "already has a session at")


def test_a_room_without_a_proper_meeting_link_is_refused(event, facilitator):
    bad_request(client_for(facilitator), f"/staff/events/{event.slug}/",
                {"step": "room", "name": "Elm", "link": "javascript:alert(1)"},
                "starting with https://")


# --- Notes, votes and the closing round ------------------------------------------------------

def test_notes_become_contributions_in_moderation_with_session_and_composition(event,
                                                                              facilitator,
                                                                              moderator):
    run_sessions(event, facilitator)
    mixed = session_called("Keeping the same worker")
    client, writer = signed_up(event, "care_leaver")
    do_join_session(mixed, writer, None)
    do_join_session(mixed, register(event, "social_worker"), None)
    client.post(f"/events/{event.slug}/sessions/{mixed.pk}/", {
        "problem": "Workers change all the time.", "help": "",
        "solution": "A trusted adult who stays.", "who_acts": "Heads of service."})
    notes = SessionNote.objects.filter(session=mixed).order_by("id")
    assert [n.field for n in notes] == ["problem", "solution", "who_acts"]
    for note in notes:
        contribution = note.contribution
        assert contribution.status == Contribution.Status.IN_MODERATION
        assert contribution.activity == event.activity
        assert contribution.safety_level != Contribution.SafetyLevel.UNCHECKED
        assert contribution.perspectives == ["care_leaver", "social_worker"]
        assert contribution.receipt == writer.receipt
        assert note.composition == {"mode": "mixed", "shared_group": "", "members": 2,
                                    "groups": {"care_experienced": 1, "professional": 1}}
    assert notes[0].contribution.kind == "problem" and notes[1].contribution.kind == "idea"
    queue = client_for(moderator).get("/staff/moderation/").content.decode()
    for note in notes:
        assert f"Check contribution {note.contribution_id}<" in queue
    audit = AuditEvent.objects.get(action="open_space.notes_added")
    assert audit.details["contributions"] == [n.contribution_id for n in notes]


def test_others_in_the_event_see_notes_with_names_and_numbers_taken_out(event, facilitator):
    run_sessions(event, facilitator)
    mixed = session_called("Keeping the same worker")
    writer_client, writer = signed_up(event, "care_leaver")
    reader_client, reader = signed_up(event, "social_worker")
    do_join_session(mixed, writer, None)
    do_join_session(mixed, reader, None)
    writer_client.post(f"/events/{event.slug}/sessions/{mixed.pk}/", {
        "problem": "Ring Sarah Jones on 07700 900123 or sarah.jones@example.org about it."})
    run_pending()
    note = SessionNote.objects.get()
    assert note.contribution.redaction_suggestions, "redaction should have run"
    page = reader_client.get(f"/events/{event.slug}/sessions/{mixed.pk}/").content.decode()
    report = client_for(facilitator).get(f"/staff/events/{event.slug}/report/").content.decode()
    for shown in (page, report):
        assert "07700 900123" not in shown and "sarah.jones@example.org" not in shown
        assert "Sarah Jones" not in shown
    assert "[phone]" in page


def test_notes_not_yet_checked_for_personal_data_are_not_shown_to_others(event, facilitator):
    run_sessions(event, facilitator)
    mixed = session_called("Keeping the same worker")
    writer = register(event, "care_leaver")
    reader_client, reader = signed_up(event, "social_worker")
    do_join_session(mixed, writer, None)
    do_join_session(mixed, reader, None)
    note = do_add_session_notes(mixed, writer, {"problem": "Call Dave on 07700 900456."}, None)[0]
    Contribution.objects.filter(pk=note.contribution_id).update(redaction_suggestions=None)
    page = reader_client.get(f"/events/{event.slug}/sessions/{mixed.pk}/").content.decode()
    assert "07700 900456" not in page
    assert "being checked for names and contact details" in page


def test_only_people_in_the_session_write_its_notes(event, facilitator):
    run_sessions(event, facilitator)
    client, _ = signed_up(event, "care_leaver")
    mixed = session_called("Keeping the same worker")
    bad_request(client, f"/events/{event.slug}/sessions/{mixed.pk}/", {"problem": "Hello"},
                "Join this session before you write in its notes")


def test_empty_notes_are_refused(event, facilitator):
    run_sessions(event, facilitator)
    client, registration = signed_up(event, "care_leaver")
    mixed = session_called("Keeping the same worker")
    do_join_session(mixed, registration, None)
    bad_request(client, f"/events/{event.slug}/sessions/{mixed.pk}/",
                {"problem": "  ", "solution": ""}, "Write something in at least one box")


def test_a_note_that_discloses_harm_is_flagged_and_kept_from_the_group(event, facilitator):
    run_sessions(event, facilitator)
    client, registration = signed_up(event, "child_in_care")
    shared = session_called("Money when you leave care")
    do_join_session(shared, registration, None)
    disclosure = "My stepdad hits me every night and I am scared to go home tonight."
    response = client.post(f"/events/{event.slug}/sessions/{shared.pk}/",
                           {"problem": disclosure}, follow=True)
    page = response.content.decode()
    assert 'data-testid="help-now"' in page
    assert disclosure not in page
    note = SessionNote.objects.get()
    assert SafeguardingFlag.objects.filter(contribution=note.contribution).exists()


def voting_event(event, facilitator) -> tuple[OpenSpaceEvent, list[SessionNote]]:
    run_sessions(event, facilitator)
    mixed = session_called("Keeping the same worker")
    writer = register(event, "care_leaver")
    do_join_session(mixed, writer, None)
    notes = [do_add_session_notes(mixed, writer, {"solution": text}, None)[0]
             for text in ("A trusted adult.", "Fewer cases.", "Ask young people.",
                          "Keep records short.")]
    return do_advance_phase(event, facilitator), notes


def test_voting_twice_for_one_solution_is_refused(event, facilitator):
    event, notes = voting_event(event, facilitator)
    client, registration = signed_up(event, "parent_mother")
    client.post(f"/events/{event.slug}/vote/", {"solution": notes[0].pk})
    assert SolutionVote.objects.filter(registration=registration).count() == 1
    bad_request(client, f"/events/{event.slug}/vote/", {"solution": notes[0].pk},
                "You have already given a dot to this solution")


def test_nobody_gives_more_dots_than_they_have(event, facilitator):
    event, notes = voting_event(event, facilitator)
    client, registration = signed_up(event, "parent_mother")
    for note in notes[:3]:
        client.post(f"/events/{event.slug}/vote/", {"solution": note.pk})
    bad_request(client, f"/events/{event.slug}/vote/", {"solution": notes[3].pk},
                "You have used all 3 of your dots")


def test_dots_go_only_on_solutions_while_voting_is_open(event, facilitator):
    run_sessions(event, facilitator)
    mixed = session_called("Keeping the same worker")
    writer = register(event, "care_leaver")
    do_join_session(mixed, writer, None)
    problem, solution = do_add_session_notes(mixed, writer, {"problem": "P", "solution": "S"},
                                             None)
    with pytest.raises(OpenSpaceError, match="Dot-voting is not open now"):
        do_cast_dot(solution, writer, None)
    do_advance_phase(event, facilitator)
    with pytest.raises(OpenSpaceError, match="only give dots to proposed solutions"):
        do_cast_dot(problem, writer, None)


def test_the_closing_answer_is_a_contribution_and_only_one_is_taken(event, facilitator):
    for _ in range(3):
        event = do_advance_phase(event, facilitator)
    client, registration = signed_up(event, "foster_carer")
    client.post(f"/events/{event.slug}/closing/", {"answer": "Listen to foster carers."})
    answer = ClosingAnswer.objects.get(registration=registration)
    assert answer.contribution.status == Contribution.Status.IN_MODERATION
    assert answer.contribution.perspectives == ["foster_carer"]
    bad_request(client, f"/events/{event.slug}/closing/", {"answer": "Again"},
                "You have already answered the closing question")


def test_closing_the_event_closes_its_activity(event, facilitator):
    while event.phase != OpenSpaceEvent.Phase.CLOSED:
        event = do_advance_phase(event, facilitator)
    event.activity.refresh_from_db()
    assert event.activity.status == Activity.Status.CLOSED
    bad_request(client_for(facilitator), f"/staff/events/{event.slug}/", {"step": "advance"},
                "already finished")


# --- Allocation and the report ---------------------------------------------------------------

def test_the_allocation_helper_places_people_and_keeps_shared_sessions_shared(event,
                                                                             facilitator):
    people = [register(event, p) for p in ("care_leaver", "care_leaver", "social_worker",
                                           "parent_father")]
    shared = session_called("Money when you leave care")
    mixed = session_called("Keeping the same worker")
    client = client_for(facilitator)
    page = client.get(f"/staff/events/{event.slug}/?propose={shared.slot_id}")
    assert 'data-testid="proposal"' in page.content.decode()
    client.post(f"/staff/events/{event.slug}/", {"step": "apply", "slot": shared.slot_id})
    where = dict(SessionMembership.objects.values_list("registration_id", "session_id"))
    assert where[people[2].pk] == mixed.pk and where[people[3].pk] == mixed.pk
    assert where[people[0].pk] == shared.pk and where[people[1].pk] == shared.pk
    assert AuditEvent.objects.filter(action="open_space.allocation_applied").exists()


def test_the_report_ranks_solutions_and_compares_mixed_and_shared_sessions(event,
                                                                          facilitator):
    run_sessions(event, facilitator)
    mixed, shared = session_called("Keeping the same worker"), session_called(
        "Money when you leave care")
    one, two = register(event, "care_leaver"), register(event, "care_leaver")
    do_join_session(mixed, one, None)
    do_join_session(shared, two, None)
    low = do_add_session_notes(mixed, one, {"solution": "A mixed idea."}, None)[0]
    high = do_add_session_notes(shared, two, {"solution": "A shared idea."}, None)[0]
    do_advance_phase(event, facilitator)
    for voter in (one, two):
        do_cast_dot(high, voter, None)
    do_cast_dot(low, one, None)
    run_pending()
    page = client_for(facilitator).get(f"/staff/events/{event.slug}/report/").content.decode()
    ranked = page.split('data-testid="ranked-solutions"', 1)[1].split("</table>", 1)[0]
    assert ranked.index("A shared idea.") < ranked.index("A mixed idea.")
    modes = page.split('data-testid="modes"', 1)[1].split("</table>", 1)[0]
    assert "Mixed sessions" in modes and "care-experienced people only" in modes
    assert "2.0" in modes and "1.0" in modes


def test_the_demo_loads_a_finished_event_once(db, baseline, make_staff):
    make_staff("facilitator")
    load_open_space_demo()
    event = OpenSpaceEvent.objects.get()
    assert event.phase == OpenSpaceEvent.Phase.CLOSED
    sessions = Session.objects.filter(topic__event=event)
    assert sessions.count() == 6
    assert {s.mode for s in sessions} == {"mixed", "shared"}
    notes = SessionNote.objects.filter(session__topic__event=event)
    assert notes.count() >= 12
    assert all(n.contribution.status == Contribution.Status.IN_MODERATION for n in notes)
    assert SolutionVote.objects.count() > 0 and ClosingAnswer.objects.count() > 0
    for session in sessions.filter(mode="shared"):
        for membership in session.memberships.all():
            assert session.shared_group in membership.registration.groups()
    before = snapshot()
    assert "already loaded" in load_open_space_demo()
    assert snapshot() == before


def test_the_event_pages_link_to_voting_and_the_last_question_only_once_they_open(
        event, facilitator):
    client, _ = signed_up(event, "care_leaver")
    links = {}
    for _ in range(3):  # marketplace, sessions, voting, closing
        page = client.get(f"/events/{event.slug}/topics/").content.decode()
        links[event.phase] = ("Vote with dots</a>" in page, "Last question</a>" in page)
        event = do_advance_phase(event, facilitator)
    page = client.get(f"/events/{event.slug}/topics/").content.decode()
    links[event.phase] = ("Vote with dots</a>" in page, "Last question</a>" in page)
    assert links == {"marketplace": (False, False), "sessions": (False, False),
                     "voting": (True, False), "closing": (True, True)}


def test_access_needs_that_show_risk_get_help_on_the_very_next_page(event):
    disclosure = "I am going to kill myself tonight, I have the tablets ready."
    response = Client().post(f"/events/{event.slug}/sign-up/", {
        "perspectives": ["child_in_care"], "access_needs": disclosure,
        "consent_analysis": "yes", "consent_quote": "yes"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "You have signed up" in page
    assert 'data-testid="help-now"' in page
    assert disclosure not in page


def test_calm_access_needs_get_no_help_notice(event):
    response = Client().post(f"/events/{event.slug}/sign-up/", {
        "perspectives": ["care_leaver"], "access_needs": "Captions, please.",
        "consent_analysis": "yes", "consent_quote": "yes"})
    assert 'data-testid="help-now"' not in response.content.decode()

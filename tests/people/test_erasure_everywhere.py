"""A person who used every channel Heard has asks for everything to be deleted. Afterwards no
column of any table (found by introspection, so new columns are covered) holds any of their
words, their email address or their username; on SQLite, neither do the database files.

Runs on SQLite by default and on PostgreSQL with DATABASE_URL set (see PROTOCOL.md).
"""

from __future__ import annotations

import re
import smtplib
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.test import Client
from django.utils import timezone

from heard.accountability.actions import do_publish_response
from heard.activities.call_for_ideas.actions import do_submit_idea
from heard.activities.models import Activity, ConsultationResponse
from heard.activities.open_space.actions import (
    do_add_room,
    do_add_session_notes,
    do_add_time_slot,
    do_advance_phase,
    do_answer_closing_question,
    do_cast_dot,
    do_create_event,
    do_join_session,
    do_propose_topic,
    do_register,
    do_schedule_session,
)
from heard.activities.open_space.models import Registration, SessionNote
from heard.activities.opinion_map.actions import (
    do_add_statement,
    do_create_opinion_map,
    do_seed_from_ideas,
)
from heard.contributions.actions import NewContribution, do_submit_contribution
from heard.contributions.models import Contribution
from heard.insight.actions import do_lock_theme, do_start_analysis
from heard.insight.codebook_actions import do_code_contribution, do_create_code
from heard.insight.models import AnalysisRun, Theme
from heard.people.models import ErasureRecord
from heard.safety.actions import do_hold, do_publish, do_review_redactions
from heard.safety.models import SafeguardingFlag
from heard.safety.safeguarding import do_acknowledge_flag, do_close_flag, do_record_flag_action
from heard.tasks.models import OutboxEmail
from heard.tasks.queue import run_pending

from ..activities.activity_helpers import base, finish, make_activity, questions_of
from ..conftest import STAFF_PASSWORD
from .privacy_scan import scan_database, scan_sqlite_files

pytestmark = pytest.mark.django_db(transaction=True)

# One made-up word per channel, so a failure names the channel that kept it. The signature
# word is in everything the person wrote, so it becomes the label of their theme: a real but
# rare English word, since redaction (rightly) reads an unknown word beside made-up ones as a
# possible name and hides it from theme labels.
SIGNATURE = "periwinkle"
WORDS = {
    "share": "glimmerquist", "consultation": "thornwaddle", "draft": "plinketrove",
    "idea": "brambleshank", "topic": "quillfossick", "access": "marrowgleam",
    "note": "snickwhistle", "closing": "fernswaddle", "statement": "cobbleknark",
    "api": "dapplefrond", "session": "wimbletusk", "reason": "grizzlewort",
    "held": "tumblewhisk", "held_answer": "grottlebeam",
}
# Words at immediate risk are kept for the safeguarding lead as soon as they are written, before
# Send (held disclosures): the person who never sends them still owns them.
AT_RISK = "My stepdad hits me every night and I am scared to go home tonight."
EMAIL = "glimmer.person@example.org"
USERNAME = "thornwaddle-kid"
NEEDLES = [SIGNATURE, *WORDS.values(), EMAIL, USERNAME]
CODE = re.compile(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){4}")
OTHERS = ["Nobody told me when my review meeting was happening and I missed it",
          "My carer helped me with homework every night and it made a difference",
          "Leaving care at eighteen was lonely because the flat had no furniture",
          "Social workers changed four times in one year so I stopped talking",
          "Dads are left out of meetings about their children far too often",
          "The independent reviewing officer listened and changed the plan",
          "Pocket money does not go far when bus fares keep going up",
          "Family time was cancelled at short notice and nobody explained why",
          "School let me have a quiet room when things were hard at home",
          "My foster carer came to parents evening and that meant a lot",
          "Court letters are long and hard to understand for parents",
          "Having the same advocate for years helped me trust people again"]


def words(*names: str) -> str:
    return " ".join(f"{WORDS[n]} {SIGNATURE}" for n in names)


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses the person's address, so the error names it (as real ones
    do) and the message waits in the queue with the address in it."""

    def send_messages(self, messages):  # type: ignore[no-untyped-def]
        raise smtplib.SMTPRecipientsRefused({m.to[0]: (550, b"mailbox unavailable")
                                             for m in messages})


@dataclass
class Person:
    me: Client
    other_device: Client
    api_code: str
    staff: dict = field(default_factory=dict)


def _sign_up(client: Client) -> None:
    response = client.post("/account/create/", {"username": USERNAME,
                                                "password": STAFF_PASSWORD,
                                                "password_again": STAFF_PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]


def _share_journey(client: Client, text: str, send: bool = True) -> str | None:
    base_url = "/share/share-your-experience"
    assert client.post(f"{base_url}/who/", {"perspectives": ["care_leaver"]}).status_code == 302
    assert client.post(f"{base_url}/what/", {"kind": "story"}).status_code == 302
    assert client.post(f"{base_url}/write/", {"title": "", "text": text}).status_code == 302
    if not send:
        return None
    client.post(f"{base_url}/consent/", {"consent_analysis": "yes", "consent_quote": "yes",
                                         "consent_publish": "yes"})
    client.post(f"{base_url}/about-you/", {"age_band": "16_17"})
    done = client.post(f"{base_url}/check/", follow=True).content.decode()
    return CODE.search(done).group(0)


def _others(activity: Activity) -> None:
    for text in OTHERS:
        do_submit_contribution(activity, NewContribution(
            kind="story", text=text, perspectives=("child_in_care",),
            consents={"analysis": True, "quote": True, "publish": True}), None)


def _consultation(me: Client, facilitator, moderator) -> None:
    consultation = make_activity(Activity.Kind.CONSULTATION, facilitator)
    free, single, multiple, idea = questions_of(consultation)
    saved = me.post(f"{base(consultation)}/questions/", {
        free.field_name: words("consultation"), single.field_name: "Some things",
        idea.field_name: f"Ask first {words('consultation')}", "action": "continue"})
    assert saved.status_code == 302
    finish(me, consultation, perspectives=("care_leaver",))
    answer = Contribution.objects.filter(activity=consultation).order_by("pk").first()
    do_review_redactions(answer, moderator, [])
    do_hold(answer, moderator, f"We took out a name near {WORDS['reason']}.")
    other = make_activity(Activity.Kind.CONSULTATION, facilitator, title="Second one")
    draft = me.post(f"{base(other)}/questions/", {
        questions_of(other)[0].field_name: f"{AT_RISK} {words('draft', 'held_answer')}",
        "action": "save"})
    assert draft.status_code == 302
    saved_draft = ConsultationResponse.objects.get(status="draft")
    assert saved_draft.held, "the at-risk draft answer is kept for the lead before Send"


def _ideas(me: Client, user, facilitator, moderator) -> None:
    call = make_activity(Activity.Kind.CALL_FOR_IDEAS, facilitator, title="Better visits")
    mine, _ = do_submit_idea(call, NewContribution(
        kind="idea", text=f"Give every child a welcome box. {words('idea')}",
        perspectives=("care_leaver",),
        consents={"analysis": True, "quote": True, "publish": True}), user)
    theirs, _ = do_submit_idea(call, NewContribution(
        kind="idea", text="Let brothers and sisters live together.",
        consents={"analysis": True, "quote": True, "publish": True}), None)
    for idea in (mine, theirs):
        do_review_redactions(idea, moderator, [])
        do_publish(idea, moderator)
    assert me.post(f"/activities/{call.slug}/ideas/{theirs.pk}/support/").status_code == 302
    opinion_map = do_create_opinion_map("Visits", "What should change?", facilitator)
    assert do_seed_from_ideas(opinion_map, facilitator) >= 1


def _open_space(user, facilitator) -> None:
    now = timezone.now()
    event = do_create_event("Leaving care day", "What would help?", "What first?",
                            now + timedelta(hours=1), now + timedelta(hours=5), facilitator)
    room = do_add_room(event, "Oak", "https://meet.example.org/oak", facilitator)
    slot = do_add_time_slot(event, now + timedelta(hours=2), now + timedelta(hours=3),
                            facilitator)
    # Access needs at risk are copied for the safeguarding lead as they arrive.
    registration, _code = do_register(event, ["care_leaver"], f"{AT_RISK} {words('access')}",
                                      {"analysis": True, "quote": True, "publish": True}, user)
    topic = do_propose_topic(event, registration, f"Money {WORDS['topic']} {SIGNATURE}", user)
    session = do_schedule_session(topic, room, slot, "mixed", "", 8, facilitator)
    do_advance_phase(event, facilitator)
    do_join_session(session, registration, user)
    do_add_session_notes(session, registration, {"problem": words("note"),
                                                 "solution": f"Fund it {words('note')}"}, user)
    do_advance_phase(event, facilitator)
    solution = SessionNote.objects.get(field="solution")
    do_cast_dot(solution, registration, user)
    do_advance_phase(event, facilitator)
    do_answer_closing_question(Registration.objects.get(pk=registration.pk),
                               words("closing"), user)


def _opinion_map(me: Client, facilitator) -> None:
    opinion_map = do_create_opinion_map("Pocket money", "What is fair?", facilitator)
    for text in ("Pocket money should rise with prices.", "Everyone should get the same."):
        do_add_statement(opinion_map, text, facilitator)
    slug = opinion_map.activity.slug
    assert me.post(f"/opinions/{slug}/", {"perspectives": ["care_leaver"]}).status_code == 302
    statement = opinion_map.statements.first()
    me.post(f"/opinions/{slug}/vote/", {"statement": statement.pk, "vote": "agree"})
    me.post(f"/opinions/{slug}/suggest/", {"text": f"Rise it {words('statement')}"})


def _analysis(analyst, moderator) -> None:
    for contribution in Contribution.objects.live().filter(redaction_reviewed_at=None):
        do_review_redactions(contribution, moderator, [])
    run = do_start_analysis(None, "fake", 3, analyst)
    run_pending()
    run.refresh_from_db()
    assert run.status == AnalysisRun.Status.DONE, run.message
    theirs = Theme.objects.filter(run=run, label__icontains=SIGNATURE).first() or \
        Theme.objects.filter(run=run, key_words__icontains=SIGNATURE).first()
    assert theirs is not None, [(t.label, t.key_words) for t in Theme.objects.filter(run=run)]
    do_lock_theme(theirs, True, analyst)  # locked without a name: the next run keeps the label
    do_start_analysis(None, "fake", 3, analyst)
    run_pending()
    code = do_create_code("Money", "About money", "", analyst)
    mine = Contribution.objects.filter(text__icontains=WORDS["share"]).get()
    do_code_contribution(mine, [code], analyst)


def _safeguarding(lead) -> None:
    """The share story's concern is dealt with and closed before the person withdraws; the
    API disclosure's flag is still open when they do."""
    flag = SafeguardingFlag.objects.get(contribution__text__icontains=WORDS["share"])
    do_acknowledge_flag(flag, lead)
    do_record_flag_action(flag, lead, "Spoke to the young person's social worker.")
    do_close_flag(flag, lead, "Support in place.")


def build_person(make_staff, activity, settings) -> Person:
    settings.HEARD_EMBEDDERS = ["fake", "static"]
    staff = {role: make_staff(role) for role in ("facilitator", "moderator", "analyst",
                                                 "safeguarding_lead", "service_lead")}
    _others(activity)
    me, other_device = Client(), Client()
    _sign_up(me)
    code = _share_journey(me, f"I get bullied at school and nobody helps. {words('share')}")
    me.post("/receipt/", {"code": code})
    me.post("/receipt/yours/email/", {"email": EMAIL, "consent": "yes"})
    _consultation(me, staff["facilitator"], staff["moderator"])
    from django.contrib.auth.models import User

    user = User.objects.get(username=USERNAME)
    _ideas(me, user, staff["facilitator"], staff["moderator"])
    _open_space(user, staff["facilitator"])
    _opinion_map(me, staff["facilitator"])
    api = Client().post("/api/contributions", {
        "activity": "share-your-experience", "kind": "story",
        "text": f"My stepdad hits me every night and I am scared to go home tonight. "
                f"{words('api')}", "perspectives": ["child_in_care"],
        "consents": {"analysis": True, "quote": False, "publish": False}},
        content_type="application/json")
    assert api.status_code == 201, api.content
    run_pending()  # redaction suggestions and the safeguarding alert
    _analysis(staff["analyst"], staff["moderator"])
    _safeguarding(staff["safeguarding_lead"])
    # A response to the share journey's activity emails the person; the mail server refuses.
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    do_publish_response(activity, "Review meetings", "We now send letters early.",
                        staff["service_lead"])
    run_pending()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Half-written, unsent words in two browsers signed in to the account.
    _share_journey(me, words("session"), send=False)
    other_device.force_login(user)
    _share_journey(other_device, f"{AT_RISK} {words('session', 'held')}", send=False)
    assert Contribution.objects.filter(held_for_safeguarding=True,
                                       text__icontains=WORDS["held"]).exists()
    # A mistyped password is remembered by sign-in protection, with the username.
    Client().post("/account/sign-in/", {"username": USERNAME, "password": "not my password"})
    return Person(me, other_device, api.json()["receipt_code"], staff)


def erase_everything(person: Person) -> None:
    page = person.me.post("/receipt/yours/delete-everything/", {"confirm": "yes"})
    assert page.status_code == 200 and "Everything has been deleted" in page.content.decode()
    assert USERNAME not in page.content.decode()
    # The API contribution came with its own code: the person enters it and erases that too.
    person.me.post("/receipt/", {"code": person.api_code})
    page = person.me.post("/receipt/yours/delete-everything/", {"confirm": "yes"})
    assert "safeguarding lead keeps what they need" in page.content.decode()
    # Open flags kept their words for the lead (the API disclosure, the two kept before Send
    # and the access needs); every one of their contributions is withdrawn, so closing the
    # flag lets them go.
    lead = person.staff["safeguarding_lead"]
    still_open = SafeguardingFlag.objects.filter(status="open",
                                                 evidence_text__icontains=SIGNATURE)
    assert still_open.count() == 4
    assert {f.contribution.status for f in still_open} == {"withdrawn"}
    evidence = " ".join(f.evidence_text for f in still_open)
    assert all(WORDS[n] in evidence for n in ("api", "held", "held_answer", "access")), evidence
    for flag in still_open:
        do_acknowledge_flag(flag, lead)
        do_record_flag_action(flag, lead, "Called the duty team.")
        do_close_flag(flag, lead, "Police and social care involved.")
    run_pending()  # theme refresh and opinion map updates after the erasure


def test_nothing_of_a_person_who_used_every_channel_is_left_in_any_table(
        make_staff, activity, settings, capsys):
    person = build_person(make_staff, activity, settings)
    before = scan_database(NEEDLES)
    # The test means something only if every word was somewhere to begin with.
    assert before.needles_found() == set(NEEDLES), set(NEEDLES) - before.needles_found()
    for table in ("open_space_topic", "open_space_registration", "opinions_statement",
                  "safety_safeguardingflag", "tasks_outboxemail",
                  "django_session", "insight_analysisrun", "insight_theme",
                  "engagement_answer", "safety_moderationdecision", "auth_user",
                  "audit_auditevent", "people_receipt", "axes_accessattempt"):
        assert table in {t for t, _, _ in before.hits}, f"nothing of the person in {table}"
    # The refusal quoting the address is kept with the message (the outbox records it).
    assert OutboxEmail.objects.filter(last_error__icontains=EMAIL).exists()
    assert OutboxEmail.objects.filter(relayed_at=None).exists()

    erase_everything(person)

    after = scan_database(NEEDLES)
    assert after.hits == [], after.hits
    assert ErasureRecord.objects.count() == 2
    # The other device's session was ended; its browser is anonymous now.
    assert "wimbletusk" not in person.other_device.get(
        "/share/share-your-experience/write/", follow=True).content.decode()
    with capsys.disabled():
        print(f"\n[{connection.vendor}] before erasure: {before.summary()}; "
              f"tables holding the person: {len({t for t, _, _ in before.hits})}")
        print(f"[{connection.vendor}] after erasure: {after.summary()}")


def test_nothing_of_the_person_is_left_in_the_sqlite_files(make_staff, activity, settings,
                                                          capsys):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL keeps its files out of reach; its tables are scanned above.")
    person = build_person(make_staff, activity, settings)
    before = scan_sqlite_files(NEEDLES)
    assert before.hits, "the words should be in the files before the erasure"
    erase_everything(person)
    after = scan_sqlite_files(NEEDLES)
    assert after.hits == [], after.hits
    with capsys.disabled():
        print(f"\n[sqlite] before erasure: {before.summary()}")
        print(f"[sqlite] after erasure: {after.summary()}")

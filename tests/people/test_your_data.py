"""With their receipt code (or signed in to their own account) a person can read and download
everything Heard holds about them: their words as written and as published, their consents with
the wording version, who they said they are, what happened and when, their answers, and the
responses and emails sent to them."""

from __future__ import annotations

import html
import json
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from heard.accountability.actions import do_publish_response
from heard.activities.open_space.actions import do_create_event, do_register
from heard.activities.opinion_map.actions import do_add_statement, do_create_opinion_map
from heard.audit.models import AuditEvent
from heard.contributions.models import CONSENT_TEXT_VERSION, Contribution
from heard.safety.actions import do_publish, do_review_redactions
from heard.safety.redaction import Span
from heard.tasks.queue import run_pending

from ..conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db
BASE = "/share/share-your-experience"
STORY = "My worker Philippa Grint helped me move back near my school."
CODE = re.compile(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){4}")


@pytest.fixture
def person(activity, make_staff):
    moderator, lead = make_staff("moderator"), make_staff("service_lead")
    facilitator = make_staff("facilitator")
    me = Client()
    me.post("/account/create/", {"username": "river-k", "password": STAFF_PASSWORD,
                                 "password_again": STAFF_PASSWORD})
    me.post(f"{BASE}/who/", {"perspectives": ["care_leaver", "social_worker"]})
    me.post(f"{BASE}/what/", {"kind": "story"})
    me.post(f"{BASE}/write/", {"title": "", "text": STORY})
    me.post(f"{BASE}/consent/", {"consent_analysis": "yes", "consent_quote": "yes",
                                 "consent_publish": "yes"})
    me.post(f"{BASE}/about-you/", {"age_band": "18_21"})
    code = CODE.search(me.post(f"{BASE}/check/", follow=True).content.decode()).group(0)
    contribution = Contribution.objects.get()
    start = STORY.index("Philippa")
    do_review_redactions(contribution, moderator, [Span("PERSON", start, start + 14, 1.0, "m")])
    do_publish(contribution, moderator)
    me.post("/receipt/", {"code": code})
    me.post(f"/receipt/yours/{contribution.pk}/consent/", {"purpose": "quote", "given": "no"})
    me.post("/receipt/yours/email/", {"email": "river@example.org", "consent": "yes"})
    from django.contrib.auth.models import User

    user = User.objects.get(username="river-k")
    now = timezone.now()
    event = do_create_event("Summer event", "Q?", "Q?", now, now + timedelta(hours=2),
                            facilitator)
    do_register(event, ["care_leaver"], "A ramp for my wheelchair", {"analysis": True}, user)
    opinion_map = do_create_opinion_map("Visits", "What is fair?", facilitator)
    statement = do_add_statement(opinion_map, "Visits should be at weekends.", facilitator)
    slug = opinion_map.activity.slug
    me.post(f"/opinions/{slug}/", {"perspectives": ["care_leaver"]})
    me.post(f"/opinions/{slug}/vote/", {"statement": statement.pk, "vote": "agree"})
    do_publish_response(activity, "Moving schools", "We now ask before any school move.", lead)
    run_pending()
    return me, code


def test_the_page_shows_everything_held_about_the_person(person):
    me, _code = person
    page = me.get("/receipt/yours/your-data/").content.decode()
    for expected in (STORY, "My worker [name] helped me", "A ramp for my wheelchair",
                     "Visits should be at weekends.", "river@example.org",
                     "We now ask before any school move.", CONSENT_TEXT_VERSION,
                     "A care leaver or an adult who grew up in care", "river-k",
                     "You changed a choice", "18 to 21"):
        assert expected in page, expected
    assert AuditEvent.objects.filter(action="person.data_viewed").exists()


def test_the_download_is_json_with_every_section(person):
    me, _code = person
    response = me.get("/receipt/yours/your-data.json")
    assert response["Content-Disposition"] == 'attachment; filename="heard-your-data.json"'
    data = json.loads(response.content)
    sections = {s["title"]: s["rows"] for s in data["sections"]}
    assert {"What you shared", "Your receipts", "Your account", "Emails we sent you",
            "What happened, and when", "Open Space events you signed up for",
            "Opinion maps you voted in", "Our responses to what you shared"} <= set(sections)
    shared = sections["What you shared"][0]
    assert shared["what you wrote"] == STORY
    assert shared["as published"].startswith("My worker [name]")
    assert [(c["choice"], c["answer"]) for c in shared["choices you made"]][-1] == \
        ("Quote in reports, without your name", False)
    assert all(c["wording version"] == CONSENT_TEXT_VERSION for c in shared["choices you made"])
    assert sections["Emails we sent you"][0]["to"] == "river@example.org"
    assert all(row["by"] in {"you", "the system", "a member of staff"}
               for row in sections["What happened, and when"])
    voted = [row for row in sections["What happened, and when"]
             if row["about"].startswith("votes in an opinion map")]
    assert [(row["what"], row["by"]) for row in voted] == [("Started voting", "you")]
    assert "moderator-persona" not in response.content.decode()  # staff are named by role


def test_a_person_using_welsh_reads_what_they_shared_and_about_you_in_welsh(person):
    """Issue 15: on "your data" in Welsh the section, its labels and the answers about the
    person (age, who they said they are) are Welsh; the file's keys stay English, so its
    format is one in either language, with the answers in the language that asked."""
    from django.conf import settings

    me, _code = person
    me.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    page = html.unescape(me.get("/receipt/yours/your-data/").content.decode())
    for welsh in ("Beth rannoch chi", "Amdanoch chi", "Oed: 18 i 21",
                  "Pwy ddywedoch chi ydych chi",
                  "Ymadawr gofal neu oedolyn a gafodd ei fagu mewn gofal", "Ein nodyn i chi",
                  "Mae unrhyw beth a dynnoch chi'n ôl"):
        assert welsh in page, welsh
    for english in (">About you<", "Age: 18 to 21", "Who you said you are",
                    "A care leaver or an adult who grew up in care", "Anything you took back"):
        assert english not in page, english
    assert STORY in page  # their own words, as they wrote them
    data = json.loads(me.get("/receipt/yours/your-data.json").content)
    shared = next(s for s in data["sections"] if s["title"] == "What you shared")["rows"][0]
    assert shared["about you"]["Oed"] == "18 i 21"
    assert "Ymadawr gofal neu oedolyn a gafodd ei fagu mewn gofal" in \
        shared["who you said you are"]


def test_every_section_of_your_data_is_welsh_on_a_welsh_page(person):
    """Issue 15: every section's heading, note and labels, and the words the data is shown
    with (choices, states, who did what, languages, dates), are Welsh on a Welsh page; what
    people wrote stays as they wrote it."""
    from django.conf import settings

    me, _code = person
    me.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    page = html.unescape(me.get("/receipt/yours/your-data/").content.decode())
    for welsh in ("Eich derbynebau", "Eich cyfrif", "Negeseuon e-bost a anfonon ni atoch chi",
                  "Beth ddigwyddodd, a phryd", "Digwyddiadau Open Space",
                  "Mapiau barn y pleidleisioch chi ynddyn nhw",
                  "Ein hymatebion i beth rannoch chi",
                  # labels, choices and the words the data is shown in
                  "Iaith y negeseuon e-bost", "Saesneg", "Enw defnyddiwr",
                  "Wedi'i wirio am enwau a manylion i'w cuddio",
                  "Fe wnaethoch chi newid dewis", "beth rannoch chi, rhif",
                  "Ei ddyfynnu mewn adroddiadau, heb eich enw", "dewis:", "ateb: Na",
                  "Cofnod", "Gan bwy",
                  "Ymadawr gofal neu oedolyn a gafodd ei fagu mewn gofal",
                  "pleidlais: Cytuno"):
        assert welsh in page, welsh
    # Dates are written by Django's localisation: this month's Welsh name, not the English.
    from django.utils import formats, translation

    with translation.override("cy"):
        assert formats.date_format(timezone.localtime(), "F") in page
    with translation.override("en"):
        assert formats.date_format(timezone.localtime(), "F") not in page
    for english in ("Your receipts", "Your account", "Emails we sent you", "What happened",
                    "Opinion maps you voted in", "Our responses to what you shared",
                    "Language of emails", ">Username<", "You changed a choice",
                    "Quote in reports", "choice:", "vote: Agree", ">None<",
                    "contribution.consent_changed", "redaction.", ">en-gb<", "care_leaver"):
        assert english not in page, english
    assert "A ramp for my wheelchair" in page and "Visits should be at weekends." in page


def test_a_receipt_code_alone_shows_only_that_receipt(person, activity):
    _me, code = person
    stranger = Client()
    assert stranger.get("/receipt/yours/your-data/")["Location"] == "/receipt/"
    stranger.post("/receipt/", {"code": code})
    page = stranger.get("/receipt/yours/your-data/").content.decode()
    assert STORY in page and "A ramp for my wheelchair" not in page  # that was the account's

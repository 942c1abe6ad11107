"""Paper: the printable form for an activity (a PDF with a short form code), and the staff page
that types a returned form in as a contribution marked paper, entered by whom, through the same
triage and moderation as everything else. No scan is ever taken in."""

from __future__ import annotations

import re

import pytest

from heard.activities.models import Activity
from heard.audit.models import AuditEvent
from heard.contributions.actions import (
    ContributionError,
    NewContribution,
    do_enter_paper_response,
)
from heard.contributions.band_texts import GENERAL_TEXTS
from heard.contributions.models import PAPER_CONSENT_TEXT_VERSION, ConsentEvent, Contribution
from heard.contributions.paper import (
    FORM_CODE_ALPHABET,
    activity_for_form_code,
    form_code_for,
    normalise_form_code,
)
from heard.contributions.paper_forms import PaperResponseForm
from heard.core.vocab import PERSPECTIVE_LABELS
from heard.safety.models import SafeguardingFlag

from ..conftest import client_for, pdf_objects, pdf_words

pytestmark = pytest.mark.django_db
WORDS = "I would like my social worker to ring back when she says she will."
RISK = "My stepdad hits me every night and I am scared to go home tonight."
CODE = re.compile(r'id="receipt-code" data-code="([0-9A-Z-]+)"')


def entry(code: str, **extra: object) -> dict[str, object]:
    return {"form_code": code, "kind": "story", "text": WORDS, **extra}


def test_each_activity_has_its_own_stable_six_character_code(activity):
    other = Activity.objects.create(slug="second", title="Second", purpose="Why",
                                    status=Activity.Status.OPEN)
    code = form_code_for(activity)
    assert len(code) == 6 and set(code) <= set(FORM_CODE_ALPHABET)
    assert form_code_for(activity) == code != form_code_for(other)
    assert normalise_form_code(f" {code[:3].lower()}-{code[3:]} ") == code
    assert normalise_form_code("ABC12") is None and normalise_form_code("OOOOOO") is None
    assert activity_for_form_code(code) == activity
    assert activity_for_form_code(form_code_for(other)) == other


def test_the_pdf_renders_with_the_form_code_help_lines_and_tick_boxes(activity, facilitator,
                                                                      tmp_path):
    response = client_for(facilitator).get(
        f"/staff/activities/{activity.slug}/paper-form.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_words(response.content, tmp_path)
    assert f"Form code: {form_code_for(activity)}" in text
    assert activity.title in text
    assert "Childline: 0800 1111" in text and "999" in text
    assert "Tick the boxes you agree with. An empty box means no." in text
    assert "We never scan or photograph this form." in text
    assert "6. Who are you? Tick all that are true for you." in text
    for label in PERSPECTIVE_LABELS.values():
        assert label in text, label
    # What it is about: the share journey's three kinds, in its general words.
    for kind in GENERAL_TEXTS.kinds:
        assert str(kind.label) in text, kind.value
    assert AuditEvent.objects.filter(action="activity.paper_form_printed").count() == 1


def test_staff_print_the_form_in_welsh_from_their_english_page(activity, facilitator,
                                                                tmp_path):
    """Issue 15: a service in Wales hands out the form in Welsh. The staff page stays English;
    the language is chosen per form, and the activity's own Welsh title is used."""
    activity.title_cy = "Dywedwch wrthym ni am eich cartref"
    activity.save(update_fields=["title_cy"])
    staff = client_for(facilitator)
    response = staff.get(f"/staff/activities/{activity.slug}/paper-form.pdf?language=cy")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert f"{form_code_for(activity)}-cy.pdf" in response["Content-Disposition"]
    text = pdf_words(response.content, tmp_path)
    assert "Dywedwch wrthym ni am eich cartref" in text and activity.title not in text
    assert f"Cod y ffurflen: {form_code_for(activity)}" in text
    assert "Ticiwch y blychau rydych chi'n cytuno â nhw." in text
    assert "Tick the boxes" not in text
    # Where to get help is Welsh too (it was English in the Welsh form).
    assert "Gwasanaethau brys: 999" in text and "os ydych chi'n poeni am blentyn" in text
    assert "Emergency services" not in text and "worried about a child" not in text
    # The PDF is tagged with its language, so a screen reader reads it in a Welsh voice.
    assert re.search(rb"/Lang\s*\(cy\)", pdf_objects(response.content))

    english = staff.get(f"/staff/activities/{activity.slug}/paper-form.pdf?language=en-gb")
    assert "Tick the boxes you agree with." in pdf_words(english.content, tmp_path)
    odd = staff.get(f"/staff/activities/{activity.slug}/paper-form.pdf?language=xx")
    assert odd.status_code == 200 and "Tick the boxes" in pdf_words(odd.content, tmp_path)


def test_the_dashboard_links_the_form_and_the_entry_page(activity, facilitator):
    html = client_for(facilitator).get(f"/staff/activities/{activity.slug}/").content.decode()
    assert f"/staff/activities/{activity.slug}/paper-form.pdf" in html
    assert f"/staff/activities/{activity.slug}/paper-form.pdf?language=cy" in html
    assert form_code_for(activity) in html and "/staff/paper/" in html


def test_a_wrong_code_is_refused_clearly_and_nothing_is_saved(activity, facilitator):
    response = client_for(facilitator).post("/staff/paper/", entry("ZZZZZZ"))
    assert response.status_code == 200
    assert "No activity has the form code “ZZZZZZ”" in response.content.decode()
    assert not Contribution.objects.exists()


def test_a_typed_in_form_is_marked_paper_entered_by_whom_and_moderated(activity, facilitator):
    client = client_for(facilitator)
    page = client.get("/staff/paper/").content.decode()
    assert 'type="file"' not in page and "There is no upload here" in page
    response = client.post("/staff/paper/", entry(
        form_code_for(activity).lower(), consent_analysis="on", consent_quote="on",
        wants_code="on", helper_role="carer", capture_mode="written_down"), follow=True)
    html = response.content.decode()
    contribution = Contribution.objects.get()
    assert contribution.channel == Contribution.Channel.PAPER
    assert contribution.entered_by == facilitator
    assert contribution.consents() == {"analysis": True, "quote": True, "publish": False}
    assert contribution.consent_version == PAPER_CONSENT_TEXT_VERSION
    assert set(ConsentEvent.objects.values_list("text_version", flat=True)) == {
        PAPER_CONSENT_TEXT_VERSION}
    assert (contribution.helper_role, contribution.capture_mode) == ("carer", "written_down")
    assert contribution.status == Contribution.Status.IN_MODERATION
    assert contribution.receipt is not None and contribution.receipt.account is None
    assert CODE.search(html), "the code to hand back is shown"
    assert AuditEvent.objects.filter(action="contribution.paper_entered").count() == 1
    # Shown once: the page does not show it again.
    again = client.get("/staff/paper/saved/", follow=True).content.decode()
    assert not CODE.search(again)


def test_who_they_are_is_typed_in_as_ticked_and_kept_on_the_contribution(activity,
                                                                         facilitator):
    client = client_for(facilitator)
    page = client.get("/staff/paper/").content.decode()
    assert "Who they are" in page
    for label in PERSPECTIVE_LABELS.values():
        assert label in page, label
    client.post("/staff/paper/", entry(form_code_for(activity),
                                       perspectives=["care_leaver", "parent_mother"]))
    contribution = Contribution.objects.get()
    assert contribution.perspectives == ["care_leaver", "parent_mother"]
    event = AuditEvent.objects.get(action="contribution.paper_entered")
    assert event.details["perspectives"] == ["care_leaver", "parent_mother"]


def test_nothing_ticked_for_who_they_are_stores_no_perspective(activity, facilitator):
    client_for(facilitator).post("/staff/paper/", entry(form_code_for(activity)))
    assert Contribution.objects.get().perspectives == []


def test_a_perspective_not_on_the_form_is_refused_clearly_and_nothing_is_saved(activity,
                                                                             facilitator):
    response = client_for(facilitator).post(
        "/staff/paper/", entry(form_code_for(activity), perspectives=["astronaut"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose who they are from the list on the form." in html
    assert 'href="#id_perspectives"' in html and 'id="id_perspectives"' in html
    assert WORDS in html, "what was typed is kept on the page"
    assert not Contribution.objects.exists()


def test_no_code_is_shown_when_the_form_did_not_ask(activity, facilitator):
    html = client_for(facilitator).post("/staff/paper/", entry(form_code_for(activity)),
                                        follow=True).content.decode()
    assert not CODE.search(html) and "did not ask for a receipt code" in html
    assert Contribution.objects.get().consents() == {
        "analysis": False, "quote": False, "publish": False}


def test_paper_words_are_triaged_like_any_other(activity, facilitator):
    html = client_for(facilitator).post("/staff/paper/", {
        **entry(form_code_for(activity)), "text": RISK}, follow=True).content.decode()
    flag = SafeguardingFlag.objects.get()
    assert flag.contribution.channel == "paper"
    assert "The safeguarding lead has been told" in html or flag.level == "concern"


def test_only_staff_who_record_contributions_may_enter_paper(activity, make_staff):
    moderator = make_staff("moderator")
    assert client_for(moderator).get("/staff/paper/").status_code == 403
    assert client_for(moderator).get(
        f"/staff/activities/{activity.slug}/paper-form.pdf").status_code == 403


def test_the_action_needs_a_staff_member_and_the_form_checks_helper_answers(activity):
    with pytest.raises(ContributionError):
        do_enter_paper_response(activity, NewContribution(kind="story", text=WORDS), None)
    form = PaperResponseForm(entry(form_code_for(activity), helper_role="advocate"))
    assert not form.is_valid() and "capture_mode" in form.errors


def test_a_closed_activity_still_takes_forms_filled_in_while_it_was_open(activity,
                                                                        facilitator):
    Activity.objects.filter(pk=activity.pk).update(status=Activity.Status.CLOSED)
    activity.refresh_from_db()
    contribution, _ = do_enter_paper_response(
        activity, NewContribution(kind="idea", text=WORDS), facilitator)
    assert contribution.channel == "paper"

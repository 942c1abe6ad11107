"""Wellbeing surveys: made on the activity pages, run in waves, answered by age band, with
results across waves (suppressed), a CSV export and reference figures staff load."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from heard.activities.models import Activity
from heard.activities.wellbeing_survey.actions import (
    WellbeingError,
    do_add_wave,
    do_submit_wellbeing_response,
    open_wave,
)
from heard.activities.wellbeing_survey.demo import load_wellbeing_demo
from heard.activities.wellbeing_survey.models import WaveAnswer, WaveResponse, WellbeingReference
from heard.activities.wellbeing_survey.questions import QUESTION_SETS
from heard.audit.models import AuditEvent
from heard.contributions.actions import do_withdraw_contribution
from heard.contributions.models import Contribution
from heard.people.actions import do_create_staff_member
from heard.safety.models import SafeguardingFlag

from ..conftest import STAFF_PASSWORD, client_for
from .activity_helpers import make_activity

pytestmark = pytest.mark.django_db
RISK = "I am going to kill myself tonight and nobody will stop me."


@pytest.fixture
def survey(facilitator) -> Activity:
    activity = make_activity(Activity.Kind.WELLBEING_SURVEY, facilitator, title="How are you")
    today = timezone.localdate()
    do_add_wave(activity, today - timedelta(days=3), today + timedelta(days=10), facilitator)
    return activity


def _all_yes(band: str) -> dict[str, str]:
    top = "2" if band == "4-7" else "4"
    return {q.key: top for q in QUESTION_SETS[band]}


def test_a_facilitator_makes_a_survey_on_the_activity_pages_and_adds_waves(facilitator):
    staff = client_for(facilitator)
    page = staff.get("/staff/activities/new/").content.decode()
    assert 'value="wellbeing_survey"' in page
    response = staff.post("/staff/activities/new/", {
        "kind": "wellbeing_survey", "title": "Spring check-in", "purpose": "How are you doing?",
        "audience": "", "run_by": "", "outputs_go_to": ""})
    assert response.status_code == 302
    activity = Activity.objects.get(title="Spring check-in")
    dashboard = staff.get(f"/staff/activities/{activity.slug}/").content.decode()
    assert f"/staff/wellbeing/{activity.slug}/" in dashboard
    page = staff.post(f"/staff/wellbeing/{activity.slug}/", {
        "step": "wave", "wave-opens_on-day": "1", "wave-opens_on-month": "3",
        "wave-opens_on-year": "2027", "wave-closes_on-day": "31", "wave-closes_on-month": "3",
        "wave-closes_on-year": "2027"})
    assert page.status_code == 302
    # The second wave may not start before the first has closed: a clear message, nothing saved.
    page = staff.post(f"/staff/wellbeing/{activity.slug}/", {
        "step": "wave", "wave-opens_on-day": "15", "wave-opens_on-month": "3",
        "wave-opens_on-year": "2027", "wave-closes_on-day": "1", "wave-closes_on-month": "5",
        "wave-closes_on-year": "2027"})
    assert page.status_code == 400 and "Wave 1 is open until 31 March 2027" in page.content.decode()
    staff.post(f"/staff/wellbeing/{activity.slug}/", {
        "step": "wave", "wave-opens_on-day": "1", "wave-opens_on-month": "9",
        "wave-opens_on-year": "2027", "wave-closes_on-day": "30", "wave-closes_on-month": "9",
        "wave-closes_on-year": "2027"})
    assert list(activity.waves.values_list("number", flat=True)) == [1, 2]
    assert AuditEvent.objects.filter(action="wellbeing_wave.added").count() == 2


def test_bad_wave_dates_are_refused(survey, facilitator):
    today = timezone.localdate()
    with pytest.raises(WellbeingError, match="close on or after"):
        do_add_wave(survey, today + timedelta(days=40), today + timedelta(days=39), facilitator)
    page = client_for(facilitator).post(f"/staff/wellbeing/{survey.slug}/", {
        "step": "wave", "wave-opens_on-day": "31", "wave-opens_on-month": "2",
        "wave-opens_on-year": "2027"})
    assert page.status_code == 400 and "must be a real date" in page.content.decode()
    assert survey.waves.count() == 1


def test_a_child_answers_through_the_pages_and_the_answers_are_saved_with_an_audit_row(survey):
    child = Client()
    start = child.get(f"/wellbeing/{survey.slug}/").content.decode()
    assert "How old are you?" in start
    page = child.get(f"/wellbeing/{survey.slug}/answer/", {"band": "8-11",
                                                             "perspective": "child_in_care"})
    html = page.content.decode()
    assert "Do you feel safe where you live?" in html and "Most of the time" in html
    assert html.count('type="radio"') == len(QUESTION_SETS["8-11"]) * 6  # five and "rather not"
    answers = _all_yes("8-11") | {"school": "skip", "band": "8-11",
                                  "perspective": "child_in_care", "comment": ""}
    done = child.post(f"/wellbeing/{survey.slug}/answer/", answers)
    assert done.status_code == 302 and done["Location"].endswith("/thanks/")
    response = WaveResponse.objects.get()
    assert (response.band, response.perspective, response.comment) == ("8-11", "child_in_care",
                                                                       None)
    assert response.answers.count() == len(QUESTION_SETS["8-11"]) - 1  # school was skipped
    assert AuditEvent.objects.filter(action="wellbeing_response.submitted").count() == 1


def test_pressing_send_twice_saves_one_response(survey):
    child = Client()
    html = child.get(f"/wellbeing/{survey.slug}/answer/", {"band": "12-17",
                                                             "perspective": ""}).content.decode()
    token = html.split('name="send_token" value="')[1].split('"')[0]
    answers = {"band": "12-17", "perspective": "", "safe": "4", "send_token": token,
               "comment": "My new school is good."}
    for _ in range(2):
        assert child.post(f"/wellbeing/{survey.slug}/answer/", answers).status_code == 302
    assert WaveResponse.objects.count() == 1
    assert Contribution.objects.filter(activity=survey).count() == 1
    answers["send_token"] = "another-page"
    child.post(f"/wellbeing/{survey.slug}/answer/", answers)
    assert WaveResponse.objects.count() == 2


def test_the_youngest_band_answers_on_three_faces(survey):
    page = Client().get(f"/wellbeing/{survey.slug}/answer/", {"band": "4-7", "perspective": ""})
    html = page.content.decode()
    assert "🙂" in html and '<span aria-hidden="true">🙂</span> Yes' in html
    do_submit_wellbeing_response(survey, "4-7", "", {"safe": "2", "happy": "1"}, "", None)
    assert sorted(WaveAnswer.objects.values_list("question", "choice", "points")) == [
        ("happy", 1, 3), ("safe", 2, 3)]


@pytest.mark.parametrize("band, perspective, answers, message", [
    ("8-11", "child_in_care", {"safe": "7"}, "Choose one of the answers"),
    ("8-11", "child_in_care", {"safe": "²"}, "Choose one of the answers"),
    ("8-11", "child_in_care", {}, "Answer at least one question"),
    ("99", "child_in_care", {"safe": "1"}, "Choose how old you are"),
    ("8-11", "social_worker", {"safe": "1"}, "Choose who you are"),
])
def test_bad_answers_change_nothing(survey, band, perspective, answers, message):
    with pytest.raises(WellbeingError, match=message):
        do_submit_wellbeing_response(survey, band, perspective, answers, "", None)
    assert not WaveResponse.objects.exists()


def test_no_age_chosen_shows_the_start_page_with_the_problem_linked_to_the_first_age(survey):
    page = Client().get(f"/wellbeing/{survey.slug}/answer/")
    html = page.content.decode()
    assert page.status_code == 400
    assert '<a href="#band-4-7">Choose how old you are.</a>' in html and 'id="band-4-7"' in html


@pytest.mark.parametrize("stray", ["²", "①", "٣", "9" * 30])
def test_an_answer_that_is_no_choice_gets_the_message_not_a_server_error(survey, stray):
    page = Client().post(f"/wellbeing/{survey.slug}/answer/", {
        "band": "8-11", "perspective": "child_in_care", "safe": stray})
    assert page.status_code == 400
    assert "Choose one of the answers for each question." in page.content.decode()
    assert not WaveResponse.objects.exists()


def test_a_wrong_answer_on_the_page_shows_the_problem_and_keeps_what_was_chosen(survey):
    page = Client().post(f"/wellbeing/{survey.slug}/answer/", {
        "band": "12-17", "perspective": "care_leaver", "safe": "3", "happy": "12",
        "comment": "I like my flat."})
    html = page.content.decode()
    assert page.status_code == 400 and "There is a problem" in html
    assert 'id="safe-3" name="safe" type="radio" value="3" checked' in html
    assert "I like my flat." in html and not WaveResponse.objects.exists()


def test_no_answers_outside_a_wave_or_on_a_closed_survey(survey, facilitator):
    later = timezone.localdate() + timedelta(days=30)
    assert open_wave(survey, later) is None
    with pytest.raises(WellbeingError, match="not taking answers"):
        do_submit_wellbeing_response(survey, "8-11", "", {"safe": "1"}, "", None, day=later)
    survey.status = Activity.Status.CLOSED
    survey.save()
    assert "not taking answers now" in Client().get(f"/wellbeing/{survey.slug}/").content.decode()


def test_a_draft_survey_is_not_found_by_participants(facilitator):
    draft = make_activity(Activity.Kind.WELLBEING_SURVEY, facilitator, open_it=False)
    assert Client().get(f"/wellbeing/{draft.slug}/").status_code == 404
    assert client_for(facilitator).get(f"/staff/wellbeing/{draft.slug}/").status_code == 200


def test_words_in_the_last_box_are_triaged_like_any_contribution(survey):
    """The free-text route: risk words leave a safeguarding flag and are never published."""
    child = Client()
    child.post(f"/wellbeing/{survey.slug}/answer/", {
        "band": "12-17", "perspective": "child_in_care", "safe": "0", "comment": RISK})
    thanks = child.get(f"/wellbeing/{survey.slug}/thanks/").content.decode()
    assert 'data-testid="help-now"' in thanks and 'id="receipt-code"' in thanks
    response = WaveResponse.objects.get()
    assert response.comment is not None and response.comment.text == RISK
    assert response.comment.status != Contribution.Status.PUBLISHED
    assert SafeguardingFlag.objects.filter(contribution=response.comment).exists()


def test_the_receipt_code_takes_the_words_back_and_the_scores_stay(survey):
    child = Client()
    child.post(f"/wellbeing/{survey.slug}/answer/", {
        "band": "8-11", "perspective": "", "safe": "4", "comment": "I want my own room."})
    thanks = child.get(f"/wellbeing/{survey.slug}/thanks/").content.decode()
    code = thanks.split('data-code="')[1].split('"')[0]
    assert "help-now" not in thanks
    assert 'data-code="' not in child.get(f"/wellbeing/{survey.slug}/thanks/").content.decode()
    mine = Client().post("/receipt/", {"code": code}, follow=True).content.decode()
    assert "I want my own room." in mine
    comment = WaveResponse.objects.get().comment
    assert comment is not None
    do_withdraw_contribution(comment, None)
    comment.refresh_from_db()
    assert comment.status == Contribution.Status.WITHDRAWN
    assert WaveAnswer.objects.filter(question="safe").count() == 1


def test_results_page_and_csv_show_waves_with_suppression_and_references(survey, facilitator):
    first = survey.waves.get()
    first.opens_on -= timedelta(days=90)
    first.closes_on = first.opens_on + timedelta(days=30)
    first.save()
    for _ in range(6):
        do_submit_wellbeing_response(survey, "8-11", "child_in_care", {"safe": "1"}, "", None,
                                     day=first.opens_on)
    today = timezone.localdate()
    do_add_wave(survey, today, today + timedelta(days=5), facilitator)
    for _ in range(6):
        do_submit_wellbeing_response(survey, "8-11", "child_in_care", {"safe": "4"}, "", None)
    for _ in range(2):
        do_submit_wellbeing_response(survey, "8-11", "adopted", {"safe": "0"}, "", None)
    staff = client_for(facilitator)
    staff.post(f"/staff/wellbeing/{survey.slug}/", {
        "step": "reference", "ref-question": "safe", "ref-share_positive": "82",
        "ref-source": "Bright Spots 2023 national", "ref-year": "2023"})
    html = staff.get(f"/staff/wellbeing/{survey.slug}/results/").content.decode()
    assert "82.0% positive (Bright Spots 2023 national, 2023)" in html
    assert "Hidden (fewer than 5)" in html
    assert "up 100 points" not in html  # wave 2's everyone cell is 8 people: 75% positive
    assert "up 75 points" in html
    rows = list(csv.DictReader(io.StringIO(staff.get(
        f"/staff/wellbeing/{survey.slug}/results.csv").content.decode())))
    safe = {(r["group"], r["wave"]): r for r in rows if r["question"] == "safe"}
    assert safe[("Everyone", "2")]["share_positive_percent"] == "75.0"
    assert safe[("Everyone", "2")]["change_from_previous_wave"] == "75.0"
    assert safe[("Adopted people", "2")]["people"] == "fewer than 5"
    assert safe[("Adopted people", "2")]["share_positive_percent"] == ""
    # The two adopted children could be worked out from everyone less the children in care.
    assert safe[("Children in care", "2")]["people"] == "fewer than 5"
    assert "Bright Spots 2023 national" in safe[("Everyone", "1")]["reference_figures"]


def test_a_reference_csv_with_a_bad_line_saves_nothing_and_lists_the_problems(survey,
                                                                            facilitator):
    staff = client_for(facilitator)
    bad = (b"question,share_positive,source,year\nsafe,85,Bright Spots 2023 national,2023\n"
           b"happy,200,ONS general population,2022\n")
    page = staff.post(f"/staff/wellbeing/{survey.slug}/", {
        "step": "upload", "upload-file": SimpleUploadedFile("refs.csv", bad, "text/csv")})
    html = page.content.decode()
    assert page.status_code == 400 and "Nothing was saved. Line 3:" in html
    assert "0 to 100" in html and not WellbeingReference.objects.exists()
    page = staff.post(f"/staff/wellbeing/{survey.slug}/", {
        "step": "upload", "upload-file": SimpleUploadedFile("refs.csv", b"\xff\xfe\x00b",
                                                            "text/csv")})
    assert page.status_code == 400 and "UTF-8" in page.content.decode()
    good = bad.replace(b"happy,200", b"happy,71.5")
    page = staff.post(f"/staff/wellbeing/{survey.slug}/", {
        "step": "upload", "upload-file": SimpleUploadedFile("refs.csv", good, "text/csv")})
    assert page.status_code == 302
    assert sorted(WellbeingReference.objects.values_list("question", "year")) == [
        ("happy", 2022), ("safe", 2023)]
    assert AuditEvent.objects.filter(action="wellbeing_references.loaded").exists()


def test_a_bad_single_reference_figure_says_what_is_wrong(survey, facilitator):
    page = client_for(facilitator).post(f"/staff/wellbeing/{survey.slug}/", {
        "step": "reference", "ref-question": "safe", "ref-share_positive": "lots",
        "ref-source": "ONS", "ref-year": "last year"})
    html = page.content.decode()
    assert page.status_code == 400 and "a number from 0 to 100" in html
    assert "year like 2023" in html and not WellbeingReference.objects.exists()


def test_only_facilitators_see_the_staff_pages(survey, make_staff):
    moderator = client_for(make_staff("moderator"))
    for path in ("", "results/", "results.csv"):
        assert moderator.get(f"/staff/wellbeing/{survey.slug}/{path}").status_code == 403


def test_the_demo_loads_two_waves_with_answers(baseline):
    do_create_staff_member("facilitator", STAFF_PASSWORD, ["facilitator"], None)
    line = load_wellbeing_demo()
    activity = Activity.objects.get(kind=Activity.Kind.WELLBEING_SURVEY)
    assert f"/wellbeing/{activity.slug}/" in line
    assert [w.responses.count() for w in activity.waves.order_by("number")] == [47, 52]
    assert "already loaded" in load_wellbeing_demo()


def test_no_age_band_chosen_is_asked_again_but_rather_not_say_is_a_choice(survey):
    child = Client()
    asked = child.get(f"/wellbeing/{survey.slug}/answer/", {"perspective": ""})
    assert "Choose how old you are." in asked.content.decode()
    assert child.post(f"/wellbeing/{survey.slug}/answer/", {"perspective": ""}).status_code == 400
    chosen = child.get(f"/wellbeing/{survey.slug}/answer/", {"band": "", "perspective": ""})
    assert chosen.status_code == 200
    assert "Choose how old you are." not in chosen.content.decode()

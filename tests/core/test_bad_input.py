"""Bad input gets a clear message and changes nothing; no server error anywhere."""

from __future__ import annotations

import pytest
from django.test import Client

from heard.contributions.models import Contribution

pytestmark = pytest.mark.django_db
BASE = "/share/share-your-experience"


def started(client: Client) -> Client:
    client.post(f"{BASE}/who/", {"perspectives": ["care_leaver"]})
    client.post(f"{BASE}/what/", {"kind": "story"})
    return client


def test_empty_text_is_refused_with_a_message():
    client = started(Client())
    for text in ("", "   \n\t "):
        response = client.post(f"{BASE}/write/", {"text": text})
        assert response.status_code == 200
        assert "Write what you want to share" in response.content.decode()
    assert Contribution.objects.count() == 0


def test_over_long_text_is_refused_and_says_how_long_it_is():
    client = started(Client())
    response = client.post(f"{BASE}/write/", {"text": "a" * 20_001})
    assert response.status_code == 200
    body = response.content.decode()
    assert "20,000 characters or fewer" in body and "20,001" in body
    assert Contribution.objects.count() == 0


def test_exactly_the_limit_is_accepted():
    client = started(Client())
    response = client.post(f"{BASE}/write/", {"text": "b" * 20_000})
    assert response.status_code == 302


@pytest.mark.parametrize("code", ["", "hello", "ABCD-1234", "!!!!-####-$$$$-%%%%-^^^^",
                                  "ABCD-1234-EFGH-5678-JKMN", "x" * 100, "\x01\x02 code"])
def test_wrong_or_malformed_receipt_codes_get_a_clear_message(code, young_person_story):
    response = Client().post("/receipt/", {"code": code})
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert any(m in body for m in ("Enter your receipt code", "does not look like",
                                   "could not find", "as it was shown"))


def test_a_forged_form_without_csrf_token_changes_nothing():
    client = Client(enforce_csrf_checks=True)
    client.get(f"{BASE}/")
    response = client.post(f"{BASE}/who/", {"perspectives": ["care_leaver"]})
    assert response.status_code == 403
    assert "this form has expired" in response.content.decode()
    assert Contribution.objects.count() == 0


def test_unknown_activity_is_a_friendly_not_found_page():
    for url in ("/share/no-such-activity/", "/share/no-such-activity/who/",
                "/activities/no-such-activity/"):
        response = Client().get(url)
        assert response.status_code == 404
        assert "Page not found" in response.content.decode()


def test_invalid_choices_are_refused():
    client = Client()
    response = client.post(f"{BASE}/who/", {"perspectives": ["astronaut"]})
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    client.post(f"{BASE}/who/", {"perspectives": ["care_leaver"]})
    response = client.post(f"{BASE}/what/", {"kind": "poem"})
    assert response.status_code == 200 and "Choose what you want to share" in \
        response.content.decode()
    response = started(Client()).post(f"{BASE}/write/", {"text": "ok"})
    response = client.post(f"{BASE}/about-you/", {"ethnicity": "martian"})
    assert response.status_code in (200, 302)
    assert Contribution.objects.count() == 0


def test_unanswered_consents_are_refused():
    client = started(Client())
    client.post(f"{BASE}/write/", {"text": "Something happened."})
    response = client.post(f"{BASE}/consent/", {"consent_analysis": "yes"})
    assert response.status_code == 200
    html = response.content.decode()
    # Each unanswered question is named once in the summary and once beside it; the answered
    # one is not mentioned.
    assert html.count("Choose yes or no: can we quote some of your words in reports?") == 2
    assert html.count("Choose yes or no: can we show what you wrote on this website?") == 2
    assert "Choose yes or no: can we read it together" not in html


def test_a_closed_activity_takes_nothing(activity):
    activity.status = activity.Status.CLOSED
    activity.save(update_fields=["status"])
    client = Client()
    page = client.get(f"{BASE}/")
    assert page.status_code == 200 and "closed" in page.content.decode()
    response = client.post(f"{BASE}/who/", {"perspectives": ["care_leaver"]})
    assert response.status_code == 302
    assert Contribution.objects.count() == 0


def test_html_and_script_are_shown_as_text_never_run():
    client = started(Client())
    client.post(f"{BASE}/write/", {"text": "<script>alert(1)</script> <b>hi</b>"})
    page = client.get(f"{BASE}/write/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_a_null_character_is_refused_everywhere_before_the_database(activity, tmp_path,
                                                                    capsys):
    from heard.cli import main
    from heard.contributions.actions import (
        ContributionError,
        NewContribution,
        do_submit_contribution,
    )

    with pytest.raises(ContributionError, match="null character"):
        do_submit_contribution(activity, NewContribution(kind="story", text="a\x00b"), None)
    started(Client()).post(f"{BASE}/write/", {"text": "a\x00b"})
    path = tmp_path / "nul.csv"
    path.write_text("response\nfine words\nbad\x00words\n", encoding="utf-8")
    assert main(["import-csv", str(path), "--text-column", "response"]) == 0
    assert "refused, the text contains a null character" in capsys.readouterr().out
    assert list(Contribution.objects.values_list("text", flat=True)) == ["fine words"]


def test_null_characters_in_any_form_are_refused_with_a_page(make_staff, young_person_story):
    from ..conftest import client_for

    contribution, code = young_person_story
    lead = client_for(make_staff("safeguarding_lead"))
    for client, url, data in (
        (Client(), "/receipt/", {"code": "A\x00"}),
        (lead, "/staff/safeguarding/1/", {"step": "action", "action_taken": "x\x00"}),
        (client_for(make_staff("analyst")), "/staff/themes/", {"scope": "\x00"}),
    ):
        response = client.post(url, data)
        assert response.status_code == 400, url
        assert "null character" in response.content.decode()

"""Pressing Send ten times at once makes one contribution, and every press shows the same
receipt code. Runs on SQLite by default and on PostgreSQL with DATABASE_URL set."""

from __future__ import annotations

import re
import threading
from http import HTTPStatus

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import Client

from heard.contributions.models import Contribution
from heard.people.models import (
    Receipt,
    format_receipt_code,
    hash_receipt_code,
    receipt_code_for_token,
)

pytestmark = pytest.mark.django_db(transaction=True)
BASE = "/share/share-your-experience"
PRESSES = 10
TOKEN = re.compile(r'name="send_token" value="([A-Za-z0-9_-]+)"')
CODE = re.compile(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){4}")


def ready_to_send(text: str) -> tuple[Client, str]:
    client = Client()
    client.post(f"{BASE}/who/", {"perspectives": ["child_in_care"]})
    client.post(f"{BASE}/what/", {"kind": "story"})
    client.post(f"{BASE}/write/", {"title": "", "text": text})
    client.post(f"{BASE}/consent/", {"consent_analysis": "yes", "consent_quote": "no",
                                     "consent_publish": "no"})
    client.post(f"{BASE}/about-you/", {})
    page = client.get(f"{BASE}/check/").content.decode()
    return client, TOKEN.search(page).group(1)


def press_together(clients: list[Client], token: str) -> list[tuple[int, str]]:
    """Every client presses Send at the same moment; each follows to the page it is sent to."""
    barrier = threading.Barrier(len(clients))
    results: list[tuple[int, str]] = [(0, "")] * len(clients)

    def press(index: int) -> None:
        try:
            barrier.wait()
            response = clients[index].post(f"{BASE}/check/", {"send_token": token})
            shown = clients[index].get(response["Location"]).content.decode() \
                if response.status_code == HTTPStatus.FOUND else ""
            found = CODE.search(shown)
            results[index] = (response.status_code, found.group(0) if found else "")
        finally:
            connection.close()

    threads = [threading.Thread(target=press, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def copy_of(client: Client) -> Client:
    """Another tab of the same journey: a second session holding the same answers."""
    original = SessionStore(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)
    twin = SessionStore()
    twin.update(original.load())
    twin.create()
    other = Client()
    other.cookies[settings.SESSION_COOKIE_NAME] = twin.session_key
    return other


@pytest.mark.parametrize("round_", range(3))
def test_ten_presses_from_one_browser_make_one_contribution(baseline, round_):
    client, token = ready_to_send(f"I had six social workers in two years ({round_}).")
    same_browser = [Client() for _ in range(PRESSES)]
    for other in same_browser:
        other.cookies = client.cookies  # the very same session cookie
    results = press_together(same_browser, token)
    assert [status for status, _ in results] == [HTTPStatus.FOUND] * PRESSES
    assert Contribution.objects.count() == 1 and Receipt.objects.count() == 1
    code = format_receipt_code(receipt_code_for_token(token))
    assert Receipt.objects.get().code_hash == hash_receipt_code(code.replace("-", ""))
    # Whichever press the browser shows last, the code on the page is this one.
    assert {shown for _, shown in results if shown} == {code}


def test_ten_tabs_pressing_the_same_send_all_show_the_same_receipt(baseline):
    client, token = ready_to_send("Nobody asked me what I wanted before I moved.")
    tabs = [copy_of(client) for _ in range(PRESSES)]
    results = press_together(tabs, token)
    assert Contribution.objects.count() == 1
    code = format_receipt_code(receipt_code_for_token(token))
    assert results == [(HTTPStatus.FOUND, code)] * PRESSES
    print(f"\n[{connection.vendor}] {PRESSES} simultaneous presses: "
          f"{Contribution.objects.count()} contribution, codes shown: "
          f"{sorted({shown for _, shown in results})}")


def test_a_new_journey_gets_a_new_token_and_a_new_receipt(baseline):
    first, token_one = ready_to_send("The first thing I wanted to say.")
    first.post(f"{BASE}/check/", {"send_token": token_one})
    again, token_two = ready_to_send("Something else, another day.")
    assert token_two != token_one
    again.post(f"{BASE}/check/", {"send_token": token_two})
    assert Contribution.objects.count() == 2 and Receipt.objects.count() == 2


def test_a_forged_token_cannot_fetch_someone_elses_receipt(baseline):
    client, token = ready_to_send("My words, my receipt.")
    client.post(f"{BASE}/check/", {"send_token": token})
    stranger, _ = ready_to_send("A stranger's words.")
    stranger.post(f"{BASE}/check/", {"send_token": "A" * 43})  # not the token on its page
    assert Contribution.objects.count() == 2
    assert Receipt.objects.filter(code_hash=hash_receipt_code(
        receipt_code_for_token("A" * 43))).count() == 0


def _press_twice(client: Client, url: str) -> list[str]:
    token = TOKEN.search(client.get(url).content.decode()).group(1)
    shown = []
    for _ in range(2):
        page = client.post(url, {"send_token": token}, follow=True).content.decode()
        shown.append(CODE.search(page).group(0))
    return shown


def test_a_second_press_of_send_for_an_idea_makes_nothing_new(make_staff):
    from heard.activities.models import Activity

    from ..activities.activity_helpers import make_activity

    call = make_activity(Activity.Kind.CALL_FOR_IDEAS, make_staff("facilitator"))
    client, url = Client(), f"/activities/{call.slug}/ideas"
    client.post(f"{url}/new/", {"title": "Welcome box", "text": "A box of things on day one."})
    client.post(f"{url}/who/", {"perspectives": ["care_leaver"]})
    client.post(f"{url}/consent/", {"consent_analysis": "yes", "consent_quote": "yes",
                                    "consent_publish": "yes"})
    first, second = _press_twice(client, f"{url}/check/")
    assert first == second and Contribution.objects.filter(activity=call).count() == 1


def test_a_second_press_of_send_for_a_consultation_makes_nothing_new(make_staff):
    from heard.activities.models import Activity, ConsultationResponse

    from ..activities.activity_helpers import base, full_answers, make_activity

    consultation = make_activity(Activity.Kind.CONSULTATION, make_staff("facilitator"))
    client, url = Client(), base(consultation)
    client.post(f"{url}/questions/", full_answers(consultation))
    client.post(f"{url}/who/", {"perspectives": ["care_leaver"]})
    client.post(f"{url}/consent/", {"consent_analysis": "yes", "consent_quote": "no",
                                    "consent_publish": "no"})
    first, second = _press_twice(client, f"{url}/check/")
    assert first == second and ConsultationResponse.objects.count() == 1
    assert Contribution.objects.filter(activity=consultation).count() == 2  # two free answers

"""A moderator works through a queue of 250 on a phone-sized screen: pages of 50 with the GOV.UK
pagination, oldest first, a redacted excerpt for each, and "next item" after every decision
until the queue is empty. axe and the 320 px reflow check run on every kind of page.

The browser walks the whole journey once: the queue and its five pages, the first decisions
(a hold with its reason among them) and the last one, which empties the queue. The 240 in
between are the same forms, as the decision page serves them, sent by a signed-in HTTP client
through the same views: a browser adds nothing to what those prove, and took about three
minutes to click through them (decision 0032)."""

from __future__ import annotations

import re
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.utils import timezone
from playwright.sync_api import expect

from heard.contributions.actions import NewContribution, do_submit_contribution
from heard.contributions.models import Contribution
from heard.safety.models import ModerationDecision
from heard.tasks.queue import run_pending

from ..conftest import client_for
from .conftest import signed_in

QUEUE = 250
IN_BROWSER_FIRST = 9  # decisions 0-8: "next item" pages, and the hold at number 7
HOLD_REASON = "We need to check a name first."


def _decision_for(number: int) -> str:
    return "hold" if number % 50 == 7 else "publish"


def test_a_moderator_clears_a_queue_of_250(browser, live_server, axe_check, make_staff,
                                           activity):
    moderator = make_staff("moderator")
    now = timezone.now()
    made = [do_submit_contribution(activity, NewContribution(
        kind="idea" if n % 5 == 0 else "story",
        text=f"Story {n}: my social worker changed again and nobody told me why.",
        consents={"analysis": True, "quote": True, "publish": True},
        submitted_at=now - timedelta(minutes=QUEUE - n)), None)[0].pk for n in range(QUEUE)]
    # The worker's turn: it stores each one's redaction suggestions, as it does before a
    # moderator opens them. (The page would work them out itself, but the first to do so in a
    # process loads the language model, which can take longer than a click waits on a busy
    # machine.)
    run_pending()
    assert not Contribution.objects.filter(redaction_suggestions__isnull=True).exists()
    url = live_server.url
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    signed_in(page, url, moderator)

    page.goto(f"{url}/staff/moderation/")
    axe_check(page)
    expect(page.get_by_test_id("queue-count")).to_have_text(  # whitespace normalised
        "250 contributions – showing 1 to 50", use_inner_text=True)
    expect(page.get_by_test_id("state-counts")).to_contain_text(
        "Waiting to be checked (250)", use_inner_text=True)
    expect(page.get_by_test_id("excerpt")).to_have_count(50)
    # Oldest first, kept through the pages.
    page.get_by_label("Order").select_option("oldest")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"order=oldest"))
    seen = _listed(page)
    for number in range(2, 6):
        # On a phone the pagination shows Previous and Next; the page numbers are for wider
        # screens.
        page.get_by_role("navigation", name="Pages of the moderation queue") \
            .get_by_role("link", name="Next page").click()
        expect(page).to_have_url(re.compile(rf"order=oldest.*page={number}|"
                                            rf"page={number}.*order=oldest"))
        expect(page.get_by_test_id("queue-count")).to_have_text(
            f"250 contributions – showing {number * 50 - 49} to {number * 50}",
            use_inner_text=True)
        seen += _listed(page)
    axe_check(page)
    assert seen == made

    page.goto(f"{url}/staff/moderation/?order=oldest")
    page.get_by_role("link", name=f"Check contribution {made[0]}", exact=True).click()
    axe_check(page)
    for number in range(IN_BROWSER_FIRST):
        _decide_in_browser(page, made[number], _decision_for(number))
        if number == 1:
            axe_check(page)  # a decision page reached by "next item"

    # The middle of the queue: each decision page fetched, its form sent back as served with
    # the decision chosen, and "next item" followed, as the browser did above.
    last = _decide_over_http(client_for(moderator), urlsplit(page.url), made, IN_BROWSER_FIRST,
                             QUEUE - 1)

    # The last one, in the browser again: it empties the queue.
    page.goto(f"{url}{last}")
    _decide_in_browser(page, made[-1], _decision_for(QUEUE - 1))
    done = page.locator(".govuk-notification-banner--success")  # beside any alerts banner
    expect(done).to_contain_text("There is nothing else to check here", use_inner_text=True)
    expect(page).to_have_url(re.compile(r"[?&]order=oldest\b"))
    expect(page.get_by_test_id("state-counts")).to_contain_text(
        "Waiting to be checked (0)", use_inner_text=True)
    axe_check(page)
    # Nothing lost: every one of the 250 decided once, as chosen, by this moderator.
    statuses = dict(Contribution.objects.values_list("pk", "status"))
    assert statuses == {pk: "held" if _decision_for(n) == "hold" else "published"
                        for n, pk in enumerate(made)}
    decisions = ModerationDecision.objects.filter(contribution_id__in=made)
    assert sorted(decisions.values_list("contribution_id", flat=True)) == sorted(made)
    assert set(decisions.values_list("decided_by", flat=True)) == {moderator.pk}
    assert set(decisions.filter(decision="hold").values_list("reason", flat=True)) \
        == {HOLD_REASON}

    failures = {u: v for u, v in axe_check.results.items() if v}
    assert failures == {}, failures


def _decide_in_browser(page, contribution_id: int, decision: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Check contribution {contribution_id}", use_inner_text=True)
    page.get_by_role("radio", name="Publish" if decision == "publish" else "Hold back",
                     exact=True).check()
    if decision == "hold":
        page.get_by_label(re.compile("^Reason")).fill(HOLD_REASON)
    page.get_by_role("button", name="Save decision").click()


def _decide_over_http(client, start, made: list[int], first: int, stop: int) -> str:
    """Decide made[first:stop] by following "next item" from ``start`` (the browser's decision
    page for made[first]); returns the address "next item" gives after the last of them."""
    client.handler.enforce_csrf_checks = True  # the token comes from the form, as in a browser
    address = f"{start.path}?{start.query}"
    for number in range(first, stop):
        response = client.get(address)
        assert response.status_code == 200
        html = response.content.decode()
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
        assert heading and heading.group(1).strip() == f"Check contribution {made[number]}"
        if number > first:  # the previous decision's confirmation, on the page it led to
            assert f"Decision saved for contribution {made[number - 1]}. This is the next " \
                   "one." in html
        form = _DecisionForm()
        form.feed(html)
        fields = form.fields + [("decision", _decision_for(number))]
        if _decision_for(number) == "hold":
            fields = [(k, HOLD_REASON if k == "reason" else v) for k, v in fields]
        response = client.post(urljoin(address, form.action), _as_post(fields))
        assert response.status_code == 302, response.content.decode()[:2000]
        address = response["Location"]
        assert "order=oldest" in address
    return address


def _as_post(fields: list[tuple[str, str]]) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    return data


class _DecisionForm(HTMLParser):
    """The decision form's fields as a browser would send them before a choice is made: hidden
    and text inputs, ticked boxes, textareas and each select's chosen option."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.action = ""
        self.fields: list[tuple[str, str]] = []
        self._in_form = False
        self._textarea: str | None = None
        self._select: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "form" and found.get("method") == "post" and "novalidate" in found:
            self._in_form, self.action = True, found.get("action", "")
        if not self._in_form:
            return
        if tag == "input" and found.get("name"):
            kind = found.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in found and "disabled" not in found and kind == "checkbox":
                    self.fields.append((found["name"], found.get("value", "on")))
            elif kind != "submit":
                self.fields.append((found["name"], found.get("value", "")))
        elif tag == "textarea":
            self._textarea, self._text = found["name"], []
        elif tag == "select":
            self._select = found["name"]
        elif tag == "option" and self._select and "selected" in found:
            self.fields.append((self._select, found.get("value", "")))

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, "".join(self._text)))
            self._textarea = None
        elif tag == "select":
            self._select = None


def _listed(page) -> list[int]:
    links = page.get_by_test_id("queue").get_by_role("link").all_inner_texts()
    return [int(text.rsplit(" ", 1)[1]) for text in links]

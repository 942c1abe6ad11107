"""Headless Chromium from Debian, driven by Playwright, with axe-core for accessibility."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from ..conftest import STAFF_PASSWORD, client_for, pass_second_factor

ROOT = Path(__file__).resolve().parents[2]
AXE_PATH = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Debian's build of Chromium's headless shell: the same Blink and V8 as Debian's chromium, of
# the same version, without the full browser around them (the build Playwright itself runs for
# headless tests). The same browser tests cost about a quarter less CPU in it than in the full
# browser's headless mode (decision 0032, fourth round).
HEADLESS_SHELL = (shutil.which("chromium-headless-shell")
                  or "/usr/lib/chromium/chromium-headless-shell")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# Chromium features the tests turn off, beside those Playwright turns off itself.
# RenderDocument makes a new frame for every navigation, even to the same site; without it a
# page's next document reuses the frame, as browsers did before it. It changes nothing a page
# can see, and Chromium spent about 12% less CPU on the whole browser suite without it
# (decision 0047; 42-44 to 28-30 ms of its CPU a navigation of a small page).
DISABLED_FEATURES = ("RenderDocument",)


def playwright_disabled_features(bundle: Path | None = None) -> list[str]:
    """The features Playwright's driver turns off in every Chromium it launches. Chromium keeps
    only the last ``--disable-features`` on its command line, and ours comes after
    Playwright's, so ours must name Playwright's too or they would silently come back on.
    Read from the driver Playwright ships, so that an upgrade's list comes with it."""
    if bundle is None:
        import playwright

        bundle = Path(playwright.__file__).parent / "driver" / "package" / "lib" / \
            "coreBundle.js"
    found = re.search(r"disabledFeatures = \[(.*?)\]\.filter", bundle.read_text("utf-8"), re.S)
    if not found:
        pytest.fail(f"Playwright's list of disabled Chromium features was not found in {bundle}:"
                    " its driver has changed; see playwright_disabled_features.")
    names = re.findall(r'^\s*"(\w+)",?\s*$', found.group(1), re.M)
    if not names:
        pytest.fail(f"Playwright's list of disabled Chromium features in {bundle} is empty.")
    return names


# The flags keep Chromium off the network it cannot reach here, and let it run as root in CI.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage"]


def chromium_args() -> list[str]:
    features = [*playwright_disabled_features(), *DISABLED_FEATURES]
    return [*CHROMIUM_ARGS, "--disable-features=" + ",".join(features)]


# Reported to the console by a script Playwright adds before any of the page's own (through
# the DevTools protocol, so the page's Content-Security-Policy does not apply to it).
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  const blocked = event.blockedURI || "inline";
  console.error(`CSP violation: ${event.violatedDirective} blocked ${blocked}`);
});
"""
UNSAFE_SOURCES = ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "http:", "https:")
REQUIRED_DIRECTIVES = ("default-src", "script-src", "style-src", "object-src", "base-uri",
                       "frame-ancestors")


# The longest browser tests, longest first (seconds on a quiet machine, in the lead's
# whole-suite run of session 29). pytest-django runs the live-server tests after the other
# database tests, so the browser tests end the parallel run, and xdist's work stealing takes
# tests from the end of a worker's queue: a long test left near the end kept one worker busy
# while the other had finished. Run first in their group, they overlap with the other
# worker's work instead (decision 0033). A test not named here keeps its place after them.
LONGEST_FIRST = (
    "test_open_space_in_browser.py::test_an_open_space_event_end_to_end_in_four_browsers",
    "test_moderation_queue_in_browser.py::test_a_moderator_clears_a_queue_of_250",
    "test_themes_in_browser.py::test_analyst_themes_demo_data_and_edits_survive_a_rerun",
    "test_key_messages_in_browser.py::test_key_messages_page_is_accessible_and_downloads_work",
    "test_codebook_in_browser.py::test_two_analysts_code_the_same_contributions_and_see_agreement",
    "test_opinion_map_in_browser.py::test_three_phones_vote_and_the_facilitator_sees_the_map",
    "test_share_journey_in_browser.py::test_young_person_shares_returns_changes_consent_and_withd",
    "test_campaigns_in_browser.py::test_analyst_sees_a_campaign_once_with_its_count",
    "test_activity_pages_in_browser.py::test_participant_pages_pass_axe",
)


# Every test in this folder drives a browser against pytest-django's live server, which answers
# from another thread with its own database connection: it sees only what a test commits, so
# each test is a transactional one.
BROWSER_MARKS = (pytest.mark.browser, pytest.mark.django_db(transaction=True))


def pytest_itemcollected(item: pytest.Item) -> None:
    """Mark each browser test here, so a new module cannot leave a mark out: pytest calls this
    hook only for tests under this conftest's folder, before any selection (`-m "not browser"`)
    or pytest-django's ordering of the database tests, which both read these marks."""
    for mark in BROWSER_MARKS:
        item.add_marker(mark)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Put the longest browser tests first among the browser tests, in the places the browser
    tests already hold: pytest-django's order of groups (tryfirst) is kept, and every worker
    computes the same order, as xdist requires."""
    here = Path(__file__).resolve().parent
    places = [n for n, item in enumerate(items) if here in Path(item.path).parents]

    def rank(item: pytest.Item) -> int:
        name = item.nodeid.rsplit("/", 1)[-1]
        return next((n for n, long in enumerate(LONGEST_FIRST) if name.startswith(long)),
                    len(LONGEST_FIRST))

    ordered = sorted((items[n] for n in places), key=rank)  # stable: file order otherwise
    for n, item in zip(places, ordered, strict=True):
        items[n] = item


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """The headless shell, launched once per process through Playwright's driver."""
    from playwright.sync_api import sync_playwright

    if not Path(HEADLESS_SHELL).exists():
        pytest.fail(f"{HEADLESS_SHELL} is missing: run `make system-deps` (Debian package "
                    "chromium-headless-shell).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=HEADLESS_SHELL, headless=True,
                                             args=chromium_args())
        yield browser
        browser.close()


# WCAG 1.4.10 (reflow): content must fit 320 CSS pixels without scrolling sideways. axe cannot
# see this, so every page axe checks is also laid out at that width and measured.
REFLOW_WIDTH = 320
# The elements that stick out past the right edge, named so a failure says where to look.
WIDEST_ELEMENTS_JS = """(limit) => {
  const names = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.right > limit + 0.5 && box.width > 0) {
      const cls = (el.getAttribute('class') || '').split(/\\s+/).filter(Boolean).slice(0, 2);
      names.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                 + (cls.length ? '.' + cls.join('.') : '') + ' ' + Math.round(box.right) + 'px');
    }
  }
  return names.slice(-3);
}"""


# Python's None printed on a page ("Title None") is a bug wherever it happens. People's own words
# (quotes, excerpts) may say "None", and so may our "None yet." lines: those are left alone.
NONE_ON_PAGE_JS = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode.textContent;
    const owner = walker.currentNode.parentElement;
    if (!/(^|[^A-Za-z])None([^A-Za-z]|$)/.test(text)) continue;
    const theirs = '.heard-quote, .heard-excerpt, textarea, script, [data-people-words]';
    if (owner.closest(theirs)) continue;
    if (/None yet/.test(text) || /^\\s*None\\.\\s*$/.test(text)) continue;
    found.push(text.trim().slice(0, 80));
  }
  for (const field of document.querySelectorAll('input:not([type=hidden]), textarea')) {
    if (field.value === 'None') found.push('field ' + (field.id || field.name) + ' holds None');
  }
  return found;
}"""


def none_problems(page) -> list[str]:
    return [f"Python None on the page: {text!r}" for text in page.evaluate(NONE_ON_PAGE_JS)]


def reflow_problems(page) -> list[str]:
    """Lay the page out at 320 CSS px, measure its width, and put the viewport back (a page
    already 320 px wide, as the phone-sized tests' are, is measured without the two resizes)."""
    size = page.viewport_size or {"width": 1280, "height": 720}
    if size["width"] == REFLOW_WIDTH:  # a phone-sized page is measured as it is: no resizing
        return _reflow_at_width(page)
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": size["height"]})
    try:
        return _reflow_at_width(page)
    finally:
        page.set_viewport_size(size)


def _reflow_at_width(page) -> list[str]:
    """The reflow problem of a page whose viewport is REFLOW_WIDTH wide, after a frame."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => r(null)))")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    if width <= REFLOW_WIDTH:
        return []
    widest = page.evaluate(WIDEST_ELEMENTS_JS, REFLOW_WIDTH)
    return [f"reflow: {width} px wide at {REFLOW_WIDTH} px (WCAG 1.4.10); "
            f"sticking out: {widest}"]


def csp_problems(url: str, header: str | None) -> list[str]:
    """Why a page's Content-Security-Policy is missing or not strict; empty when it is."""
    if not header:
        return [f"{url}: no Content-Security-Policy header"]
    directives = {part.split()[0]: part.split()[1:] for part in header.split(";") if part.split()}
    problems = [f"{url}: {name} is missing" for name in REQUIRED_DIRECTIVES
                if name not in directives]
    problems += [f"{url}: {name} allows {source}" for name, sources in directives.items()
                 for source in sources if source in UNSAFE_SOURCES]
    return problems


class WatchedBrowser:
    """The shared Chromium, but every context it opens reports CSP violations (our listener and
    Chromium's own console message) and uncaught script errors, and checks the CSP header of
    every page it loads; a test fails if any appear. Other console errors are left alone:
    Chromium logs every 4xx answer as one, and our forms answer 400 on purpose."""

    def __init__(self, browser) -> None:
        self._browser = browser
        self.problems: list[str] = []
        self.pages_checked = 0
        self._contexts: list[object] = []

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        context.add_init_script(REPORT_CSP_VIOLATIONS)
        context.on("console", self._console)
        context.on("response", self._response)
        context.on("weberror", lambda error: self.problems.append(f"script error: {error.error}"))
        self._contexts.append(context)
        return context

    def new_page(self, **options):
        return self.new_context(**options).new_page()

    def _console(self, message) -> None:
        text = message.text
        if message.type == "error" and ("CSP violation" in text
                                        or "Content Security Policy" in text):
            self.problems.append(f"console error: {text}")

    def _response(self, response) -> None:
        if response.request.resource_type != "document":
            return
        self.pages_checked += 1
        self.problems.extend(csp_problems(response.url,
                                          response.headers.get("content-security-policy")))

    def close(self) -> None:
        for context in self._contexts:
            context.close()


@pytest.fixture
def browser(chromium) -> Iterator[WatchedBrowser]:
    yield from _watched(chromium)


def _watched(launched) -> Iterator[WatchedBrowser]:
    watched = WatchedBrowser(launched)
    yield watched
    watched.close()
    assert watched.problems == [], "\n".join(watched.problems)


# Every page the browser tests check, over the whole run, for the summary at the end: the
# reflow figure the issue asks for ("every page visited ... at 320 CSS px").
CHECKED: dict[str, list[str]] = {}


def pytest_terminal_summary(terminalreporter) -> None:
    if not CHECKED:
        return
    reflow = {url: [p for p in problems if p.startswith("reflow:")]
              for url, problems in CHECKED.items()}
    failing = {url: found for url, found in reflow.items() if found}
    terminalreporter.write_line(
        f"Reflow at {REFLOW_WIDTH} px and axe: {len(CHECKED)} distinct pages checked; "
        f"{len(failing)} too wide; {sum(1 for v in CHECKED.values() if v)} with any problem.")
    for url, found in failing.items():
        terminalreporter.write_line(f"  {url}: {found[0]}")


# True when this document already holds axe-core (run by an earlier check of the same page).
AXE_LOADED_JS = "() => typeof window.axe === 'object' && typeof window.axe.run === 'function'"


# Messages Playwright gives when the document went away under a script: a navigation.
NAVIGATION_ERRORS = ("Execution context was destroyed", "reading 'documentElement'",
                     "Cannot find context", "navigation")


def _navigated_during(error: Exception) -> bool:
    return any(text in str(error) for text in NAVIGATION_ERRORS)


# What axe's verdict depends on, read from the page: the whole document as it stands (its
# markup, and the state of its form fields, which markup does not show) and the size and media
# it is laid out for. The CSRF token's value is left out: it differs on every response and no
# rule reads it. Two checks that read the same key have checked the same page.
DOCUMENT_KEY_JS = """() => {
  const copy = document.documentElement.cloneNode(true);
  for (const token of copy.querySelectorAll('input[name=csrfmiddlewaretoken]')) {
    token.setAttribute('value', '');
  }
  const fields = [...document.querySelectorAll('input, select, textarea')]
    .map((field) => field.type === 'checkbox' || field.type === 'radio'
      ? String(field.checked)
      : (field.name === 'csrfmiddlewaretoken' ? '' : field.value));
  const media = ['(prefers-color-scheme: dark)', '(forced-colors: active)',
                 '(prefers-reduced-motion: reduce)', '(scripting: enabled)']
    .map((query) => matchMedia(query).matches);
  return JSON.stringify([innerWidth, innerHeight, devicePixelRatio, media, fields,
                         copy.outerHTML]);
}"""

# axe's violations for each document already checked in this process, by the SHA-256 of its
# key (above). The same page is checked many times over a run: the first pages of the share
# journey in each of the ten age-band journeys, the same event and vote pages on three phones.
# axe is a function of the document, its styles and its viewport, so an identical document
# gets the verdict axe gave it the first time instead of a second run (decision 0033). The
# reflow and None checks still run on every check.
AXE_VERDICTS: dict[str, list[dict]] = {}


def _document_key(page) -> str:
    return hashlib.sha256(page.evaluate(DOCUMENT_KEY_JS).encode("utf-8")).hexdigest()


def axe_violations(page, script: str) -> list[dict]:
    """axe-core's WCAG violations on the page as it stands (or the verdict on an identical
    document checked before in this process)."""
    key = _document_key(page)
    if key in AXE_VERDICTS:
        return AXE_VERDICTS[key]
    # Evaluated through the DevTools protocol: an inline <script> would be (rightly) blocked
    # by the page's Content-Security-Policy. axe-core is half a megabyte; it is sent only
    # when this document does not have it yet (a new page load starts without it), not
    # for every check of the same page.
    if not page.evaluate(AXE_LOADED_JS):
        page.evaluate(script)
    # Only the violations are read, so only they are asked for: the same rules run on the
    # same nodes, but axe does not gather every node of every passed and inapplicable rule,
    # and the page sends back a few hundred bytes instead of 100-150 kB per check (2-4 times
    # less wall time per run, measured in decision 0032's fourth round).
    violations = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}, "
        "resultTypes: ['violations']})).violations",
        WCAG_TAGS,
    )
    # Kept only if the page did not change while axe ran (a script updating it, say): the
    # verdict then belongs to exactly that document.
    if _document_key(page) == key:
        AXE_VERDICTS[key] = violations
    return violations


def page_problems(page, script: str) -> list[str]:
    """axe-core's WCAG violations, the 320 px reflow check and Python's None in the text."""
    problems = [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: "
                f"{json.dumps([n['target'] for n in v['nodes']][:3])})"
                for v in axe_violations(page, script)]
    return problems + reflow_problems(page) + none_problems(page)


@pytest.fixture
def axe_check():
    """Run axe-core on the current page, the 320 px reflow check and a check for Python's None
    in the text, and collect the problems per URL: tests assert there are none."""
    script = AXE_PATH.read_text(encoding="utf-8")
    found: dict[str, list[str]] = {}

    def check(page) -> None:
        # A click that navigates returns before the next page has loaded, so a check can start
        # in the old document and find it gone ("documentElement" of null) or finish in it
        # while the address changes. Wait for the load, and check again when either happened.
        for attempt in range(3):
            page.wait_for_load_state("load")
            url = page.url
            try:
                problems = page_problems(page, script)
            except PlaywrightError as error:
                if attempt == 2 or not _navigated_during(error):
                    raise
                continue
            if page.url == url:
                break
        found[url] = problems
        # Keyed by path and query, since each test's live server has its own port.
        CHECKED.setdefault("/" + url.split("//", 1)[-1].partition("/")[2], []).extend(problems)

    check.results = found  # type: ignore[attr-defined]
    return check


def sign_in(page, url: str, user: User | str):
    """Sign a staff persona in on ``page`` as staff do: username and password, then the code
    from their authenticator app. Returns the page, on the staff dashboard."""
    username = user if isinstance(user, str) else user.username
    page.goto(f"{url}/staff/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    pass_second_factor(page, username)
    expect(page.get_by_role("heading", name="Enter your code")).to_have_count(0)
    return page


def signed_in(page, url: str, user: User | str):
    """Start ``page`` signed in as a staff persona who has passed both factors, without typing
    into the sign-in form: the session is made as the form's last step leaves it (Django's login
    and django-otp's device key, by ``client_for``) and its cookie is given to the page's
    browser context. For tests that are not about signing in; the form itself is tested by
    test_staff_sign_in_in_browser.py (every role) and the sign-in, lockout and two-factor tests,
    which use ``sign_in``. Returns the page, on the staff dashboard."""
    if isinstance(user, str):
        user = User.objects.get(username=user)
    session = client_for(user).cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session,
                               "url": url}])
    dashboard = f"{url}{reverse('staff:dashboard')}"
    page.goto(dashboard)
    expect(page).to_have_url(dashboard)  # not sent to the sign-in or code page
    return page


def share_words(page, base: str, words: str, who: str = "A child or young person in care",
                about: str = "Something that happened") -> None:
    """The share journey's first three pages: who you are, what it is about, the words; returns
    on the next page ("Is someone helping you share this?"), loaded.
    `base` is the activity's address, such as f"{url}/share/share-your-experience"."""
    page.goto(f"{base}/who/")
    page.get_by_label(who).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label(about).check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Write it here").fill(words)
    page.get_by_role("button", name="Continue").click()
    # Waited for: the words page and the next both have a Back link and a Continue button, and
    # a caller's next click could reach the words page before it goes (CI once clicked its
    # Back link, on PostgreSQL, and stayed on the next page). And loaded whole: a heading can
    # show before the page's scripts have run, and CI on PostgreSQL (session 41) clicked the
    # next page's Back link then and stayed there too.
    expect(page.get_by_role("heading", name="Is someone helping you share this?")).to_be_visible()
    page.wait_for_load_state("load")


def sharing_alone(page) -> None:
    """The "is someone helping you?" page: no one, and 13 or older."""
    page.get_by_label("No, I am sharing on my own").check()
    page.get_by_label("No, I am 13 or older").check()
    page.get_by_role("button", name="Continue").click()


def answer_consents(page, yes: bool = True) -> None:
    """The consent page's three questions (read with others, quote, show on this website),
    answered all the same way. Does not press Continue: some tests check the page first."""
    for question in ("consent_analysis", "consent_quote", "consent_publish"):
        page.locator(f"#id_{question}{'' if yes else '_no'}").check()


def consent_check_and_send(page, axe_check, yes: bool = True) -> None:
    """The end of an activity's own journey, from its consent page: the consents answered
    (`answer_consents`), the check page, Send, and the page that thanks; axe checks the last
    two."""
    answer_consents(page, yes=yes)
    page.get_by_role("button", name="Continue").click()
    axe_check(page)
    page.get_by_role("button", name="Send").click()
    axe_check(page)


SMALL_PHONE = {"width": 320, "height": 640}  # the narrowest screen WCAG reflow asks for


# A page's own scripts, blocked where a page is checked as served.
SCRIPT_URL = re.compile(r".*\.m?js(\?.*)?$")
# Content-Length and encoding describe the bytes on the wire, not a body as Playwright keeps it.
WIRE_HEADERS = ("content-length", "content-encoding", "transfer-encoding")


def axe_as_served(browser, person, lang: str | None = None):
    """axe needs JavaScript to run, so a page seen without it is checked in a second browser
    with every script of the page blocked: the DOM as served. The second browser is given the
    very response the person's page got (its status, headers and body), not a second request:
    that is the page they saw, even where a second look would differ (a receipt code is shown
    once), and the site renders each page once. ``lang``: the language the served page must say
    it is in."""
    context = browser.new_context(viewport=SMALL_PHONE)
    served: dict[object, object] = {}  # each of the person's pages: its last document response
    replay: dict[str, tuple[int, dict[str, str], bytes]] = {}  # address: response to give

    def keep(response) -> None:
        if response.request.resource_type == "document" and response.frame.parent_frame is None:
            served[response.frame.page] = response

    def route(route) -> None:
        address = route.request.url
        if route.request.resource_type == "document" and address in replay:
            status, headers, body = replay.pop(address)
            route.fulfill(status=status, headers=headers, body=body)
        elif SCRIPT_URL.match(address):
            route.abort()
        else:
            route.continue_()

    person.on("response", keep)
    context.route("**/*", route)
    checker = context.new_page()

    def check(page, axe_check) -> None:
        page.wait_for_load_state("load")
        address = page.url.split("#", 1)[0]
        response = served[page]
        assert response.url == address, (response.url, address)
        replay[address] = (response.status,
                           {name: value for name, value in response.headers.items()
                            if name not in WIRE_HEADERS},
                           response.body())
        checker.goto(address)
        assert address not in replay, f"{address} was fetched again, not replayed"
        if lang is not None:
            expect(checker.locator("html")).to_have_attribute("lang", lang)
        axe_check(checker)

    return check

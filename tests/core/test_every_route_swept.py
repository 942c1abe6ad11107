"""Every route of the site, swept with the demo loaded: an activity of every kind in the slugs
and ids of real rows, by a member of staff who holds every permission and by nobody.

- **Bad input gets a clear answer, never a server error.** Each address is asked for with GET
  and POST, with a stray value in every query parameter and form field the pages read ("²",
  which `str.isdigit` takes for a digit and `int` refuses; decision 0053). Any answer but a 5xx
  is fine: the point is the class, not each page's own message, which the pages' own tests
  check. Whatever those requests write, apart from the session, comes with an audit row
  (decision 0055).
- **Looking at a page changes nothing** (decision 0054). A GET writes no row, apart from the
  record that staff looked at personal data (the audit log), the staff member's own session and
  the two writes named in ALLOWED_WRITES with their reasons. A visitor who is not signed in is
  not even given a session: reading a page leaves no identifier behind.

The routes are read from Django's resolver and the kinds from the registry, so a new page or a
new kind is swept without being listed here."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from copy import deepcopy
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.db.models import Model
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from heard.accountability.actions import do_publish_response
from heard.accountability.models import Response
from heard.activities.defaults import ensure_default_activity
from heard.activities.models import Activity, Question
from heard.activities.open_space.models import Session
from heard.activities.registry import kinds
from heard.contributions.models import Contribution
from heard.demo import load_demo
from heard.insight.actions import do_start_analysis
from heard.insight.codebook_actions import do_create_code
from heard.insight.models import AnalysisRun, Code, Theme
from heard.people.actions import do_create_staff_member
from heard.people.roles import ensure_roles
from heard.safety.models import SafeguardingFlag
from heard.tasks.queue import run_pending

from ..audit_guard import AUDIT, WRITE
from ..conftest import STAFF_PASSWORD, client_for, give_authenticator, kept_for_the_module

pytestmark = pytest.mark.django_db

STRAY = "²"
# Longer than any column of ours (the longest holds 500 characters), as a pasted paragraph
# would be. Sent to a staff page by nobody, its query string is longer than Django lets a
# redirect to the sign-in page carry, and Django answers 400: not a server error.
LONG_STRAY = "²" * 501
# The names of every value a page reads from a query string or a form, as far as a sweep can
# know them: the filters and pickers of the staff pages, and the common fields of the forms.
FIELDS = ("page", "object_id", "propose", "area", "activity", "order", "kind", "waiting",
          "safety", "age_band", "code", "theme", "scope", "k", "words", "status", "step",
          "session", "topic", "room", "slot", "capacity", "dots", "score", "days", "band",
          "perspective", "perspectives", "statement", "vote", "decision", "answer", "text",
          "title", "idea", "subject", "solution", "safe", "happy", "id", "part", "contribution")
# Routes that end the signed-in session would leave the rest of the sweep signed out.
SIGNING_OUT = re.compile(r"sign-out|logout|leave|exit")

# Each id in a route, and the row of the demo it names: a page behind a real row is reached,
# where an id of 1 mostly reached "not found". A route with an id not named here fails the
# sweep, so that a new one is given a real row.
IDS: dict[str, Callable[[], Model | None]] = {
    "contribution_id": lambda: Contribution.objects.order_by("pk").first(),
    "idea_id": lambda: Contribution.objects.published().filter(kind="idea").first(),
    "flag_id": lambda: SafeguardingFlag.objects.order_by("pk").first(),
    "question_id": lambda: Question.objects.order_by("pk").first(),
    "response_id": lambda: Response.objects.order_by("pk").first(),
    "run_id": lambda: AnalysisRun.objects.order_by("pk").first(),
    "theme_id": lambda: Theme.objects.order_by("pk").first(),
    "code_id": lambda: Code.objects.order_by("pk").first(),
    "session_id": lambda: Session.objects.order_by("pk").first(),
    "user_id": lambda: User.objects.filter(username="facilitator").first(),
}

# What a request may write without an audit row: the session. Any other write is personal data
# or what staff did with it, so it comes through an action that records it (DESIGN.md; decision
# 0055). The sign-in throttle's count of wrong passwords and codes (django-axes) is no exception:
# people/sign_in_audit.py records each failure from the same signal that django-axes counts.
NOT_PERSONAL = {"django_session"}
# Writes a GET may make, by table, and why.
# - The audit log records that a member of staff looked at personal data (a view is an event).
# - A signed-in member of staff's session is saved on every request, so that it ends after
#   HEARD_SESSION_IDLE_SECONDS without one (SESSION_SAVE_EVERY_REQUEST).
ALWAYS_ALLOWED = {AUDIT} | NOT_PERSONAL
ALLOWED_WRITES = {
    # The set-up page shows a QR code for a new authenticator's secret, which must exist before
    # the code from the app can be checked against it; an unfinished one is reused, so a
    # reload writes nothing more (people/actions.do_start_authenticator).
    "staff:two-factor-set-up": {"otp_totp_totpdevice"},
    # A moderator opening a contribution before the background task has stored its redaction
    # suggestions: the page stores them through the audited action, once (decision 0037).
    "staff:decide": {"contributions_contribution"},
}
# Routes that answer "not found" to the sweeping member of staff, and why that is right.
NOT_FOUND_FOR_STAFF = {
    "api/",  # the API's root: no page; its operations are swept by their own addresses
    # A person's own contribution, reached only after their receipt code is entered on this
    # browser: the test's staff member holds no receipt.
    "receipt/yours/<int:contribution_id>/withdraw/",
}


@dataclass(frozen=True)
class Site:
    route_of: dict[str, str]  # each address to sweep, and the route it fills in
    sweeper: User


def _routes(patterns: list, prefix: str = "") -> Iterator[tuple[str, Callable]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def _slugs_for(view: Callable, by_package: dict[str, list[str]], every: list[str]) -> list[str]:
    """The activities a route's slug can name: those of the kind whose package holds the view,
    or every activity for the pages all kinds share (the dashboard, exports, "you said, we
    did")."""
    module = view.__module__
    return next((slugs for package, slugs in by_package.items()
                 if module.startswith(package + ".")), every)


def _addresses(ids: dict[str, int]) -> dict[str, str]:
    """Each address to sweep, and the route it fills in."""
    activities = list(Activity.objects.order_by("pk"))
    by_package: dict[str, list[str]] = {}
    for kind in kinds():
        for urls in (*kind.participant_urls, *kind.staff_urls):
            package = urls.patterns.rsplit(".urls.", 1)[0]
            by_package[package] = [a.slug for a in activities if a.kind == kind.key]
    every = [a.slug for a in activities]
    found = {}
    for route, view in _routes(get_resolver().url_patterns):
        if route.startswith("^") or "(?P" in route or SIGNING_OUT.search(route):
            continue  # regex routes (static files, i18n) and signing out
        address = route
        for name in re.findall(r"<int:(\w+)>", route):
            assert name in ids, f"{route}: no demo row for <int:{name}>; add it to IDS"
            address = address.replace(f"<int:{name}>", str(ids[name]))
        if "<" in address.replace("<slug:slug>", ""):
            continue  # the invitation link's signed token: its own tests reach it
        slugs = _slugs_for(view, by_package, every) if "<slug:slug>" in route else [""]
        found.update({"/" + address.replace("<slug:slug>", slug): route for slug in slugs})
    return found


@pytest.fixture(scope="module")
def _site_once(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[Site]:
    """The demo (every kind's activity, contributions at every stage, an opinion map), a theme
    analysis, a code and a "you said, we did" response, and a member of staff with every
    permission, built once for the module and rolled back after it."""
    with kept_for_the_module(django_db_blocker):
        with django_db_blocker.unblock():
            ensure_default_activity(Activity)  # as `baseline`, after a transactional test
            ensure_roles()
            load_demo(seed=7, count=20,
                      credentials_path=tmp_path_factory.mktemp("demo") / "credentials.txt")
            # Every permission, so every staff page is reached (an administrator cannot see
            # the moderation queue, say).
            sweeper = do_create_staff_member("sweeper", STAFF_PASSWORD, ["administrator"], None)
            sweeper.is_superuser = True
            sweeper.save(update_fields=["is_superuser"])
            give_authenticator(sweeper)
            do_create_code("Moving home", "Moves between homes.", "", sweeper)
            # A theme analysis, read the quick way the insight tests read one.
            with override_settings(HEARD_EMBEDDERS=["fake", "static"]):
                do_start_analysis(None, "fake", 3, sweeper)
                run_pending()
            do_publish_response(Activity.objects.get(kind=Activity.Kind.CONSULTATION),
                                "Moves", "We now tell you a week before a move.", sweeper)
            ids = {name: row.pk if (row := find()) is not None else 0
                   for name, find in IDS.items()}
            route_of = _addresses(ids)
        yield Site(route_of, sweeper)


@pytest.fixture
def site(_site_once) -> Site:
    return deepcopy(_site_once)


def test_a_stray_value_gets_no_server_error_and_no_write_without_its_audit_row(site):
    failed, unaudited = _sweep_with(site, STRAY)
    assert failed == []
    assert unaudited == []


def test_a_value_longer_than_its_column_gets_no_server_error(site):
    """PostgreSQL refuses a text longer than its column with an error, which an action must
    refuse first with a message (decision 0056): this found the audit log page recording a
    typed filter of any length. SQLite keeps any length in any column, so there is nothing
    to find there; CI sweeps PostgreSQL too."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite stores a text of any length in any column: swept on PostgreSQL")
    failed, unaudited = _sweep_with(site, LONG_STRAY)
    assert failed == []
    assert unaudited == []


def _sweep_with(site: Site, value: str) -> tuple[list[str], list[str]]:
    """Every address, GET and POST, as staff and as nobody, with `value` in every field: the
    requests answered with a server error, and those that wrote without an audit row."""
    staff = client_for(site.sweeper)
    staff.raise_request_exception = False
    nobody = Client(raise_request_exception=False)
    stray = {name: value for name in FIELDS}
    assert len(site.route_of) > 150, "the sweep found too few routes: check how it reads them"
    failed, unaudited = [], []
    for address in site.route_of:
        for who, client in (("staff", staff), ("nobody", nobody)):
            for method in ("GET", "POST"):
                status, written = _writes_of(client, address, method, stray)
                if status >= 500:
                    failed.append(f"{method} {address} as {who}: {status}")
                if written - NOT_PERSONAL and AUDIT not in written:
                    unaudited.append(f"{method} {address} as {who} ({status}) wrote "
                                     f"{sorted(written - NOT_PERSONAL)} with no audit row")
    return failed, unaudited


def _writes_of(client: Client, address: str, method: str = "GET",
               data: dict[str, str] | None = None) -> tuple[int, set[str]]:
    """The status of a request and the tables it wrote to."""
    connection.queries_log.clear()  # the log keeps 9,000 queries, and the sweep makes more
    with CaptureQueriesContext(connection) as seen:
        response = getattr(client, method.lower())(address, data or {})
    return response.status_code, {found["table"] for query in seen.captured_queries
                                  if (found := WRITE.match(query["sql"]))}


def test_looking_at_a_page_changes_nothing(site):
    staff = client_for(site.sweeper)
    staff.raise_request_exception = False
    changed, reached = [], set()
    for address in site.route_of:
        allowed = ALWAYS_ALLOWED | ALLOWED_WRITES.get(resolve(address).view_name, set())
        status, written = _writes_of(staff, address)
        if status != 404:
            reached.add(site.route_of[address])
        if written - allowed:
            changed.append(f"GET {address} as staff ({status}) wrote {sorted(written - allowed)}")
        # A new visitor each time: one page's session must not hide the next one's.
        status, written = _writes_of(Client(raise_request_exception=False), address)
        if written:
            changed.append(f"GET {address} as nobody ({status}) wrote {sorted(written)}")
    assert changed == []
    # Every route was reached with a real row or activity, so the sweep looked at real pages.
    assert set(site.route_of.values()) - reached == NOT_FOUND_FOR_STAFF

"""Bad input gets a clear answer, never a server error: a sweep of every route of the site.

Each route is asked for with GET and POST, with a stray value in every query parameter and
form field the pages read ("²", which `str.isdigit` takes for a digit and `int` refuses; see
decision 0053), by a member of staff who holds every permission and by nobody. Slugs name
the default activity and ids are 1, so the pages behind them are reached where they exist. Any
answer is fine but a 5xx: the point is the class, not each page's own message, which the pages'
own tests check."""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from ..conftest import client_for

STRAY = "²"
# The names of every value a page reads from a query string or a form, as far as a sweep can
# know them: the filters and pickers of the staff pages, and the common fields of the forms.
FIELDS = ("page", "object_id", "propose", "area", "activity", "order", "kind", "waiting",
          "safety", "age_band", "code", "theme", "scope", "k", "words", "status", "step",
          "session", "topic", "room", "slot", "capacity", "dots", "score", "days", "band",
          "perspective", "perspectives", "statement", "vote", "decision", "answer", "text",
          "title", "idea", "subject", "solution", "safe", "happy", "id", "part", "contribution")
# Routes that end the signed-in session would leave the rest of the sweep signed out.
SIGNING_OUT = re.compile(r"sign-out|logout|leave|exit")


def _routes(patterns: list, prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def _addresses(slug: str) -> list[str]:
    found = []
    for route in _routes(get_resolver().url_patterns):
        if route.startswith("^") or "(?P" in route:  # regex routes: static files, i18n
            continue
        route = re.sub(r"<slug:\w+>", slug, route)
        route = re.sub(r"<int:\w+>", "1", route)
        if "<" in route or SIGNING_OUT.search(route):
            continue
        found.append("/" + route)
    return found


def test_no_route_answers_a_stray_value_with_a_server_error(make_staff, activity):
    # Every permission, so every staff page is reached (an administrator cannot see the
    # moderation queue, say).
    everyone = make_staff("administrator")
    everyone.is_superuser = True
    everyone.save(update_fields=["is_superuser"])
    staff = client_for(everyone)
    staff.raise_request_exception = False
    nobody = Client(raise_request_exception=False)
    stray = {name: STRAY for name in FIELDS}
    addresses = _addresses(activity.slug)
    assert len(addresses) > 100, "the sweep found too few routes: check how it reads them"
    failed = [f"{method} {address} as {who}: {response.status_code}"
              for address in addresses
              for who, client in (("staff", staff), ("nobody", nobody))
              for method, response in (("GET", client.get(address, stray)),
                                       ("POST", client.post(address, stray)))
              if response.status_code >= 500]
    assert failed == []

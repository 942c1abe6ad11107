"""Property-based run of the whole API from its own OpenAPI schema: no input gives a 500, and
every response matches the schema it declares."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from heard.activities.models import DEFAULT_ACTIVITY_SLUG
from heard.wsgi import application

# Transactional: the WSGI handler opens and closes connections around each request, as in
# production, so the data the fixtures make must be committed.
pytestmark = [pytest.mark.urls("tests.api.urls"), pytest.mark.django_db(transaction=True)]

EXAMPLES_PER_OPERATION = 115
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance,
          content_type_conformance]


def test_generated_requests_never_fail(theme_run, published_response, moderator,
                                       token_for, settings):
    # The fuzzer sends hundreds of malformed tokens on purpose; left at the real limit, the
    # wrong-token throttle (tested on its own in test_guessing.py) would answer 429 to the
    # rest and hide the endpoints from it.
    settings.HEARD_TOKEN_GUESS_RATE = "100000/10m"
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    headers = {"Authorization": f"Bearer {token_for(moderator)}"}
    counts: dict[str, int] = {}

    for result in schema.get_all_operations():
        _fuzz(result.ok(), headers, counts)

    total = sum(counts.values())
    print(f"schemathesis: {total} requests over {len(counts)} operations: {counts}")
    assert len(counts) == 10
    assert total >= 1000


def _fuzz(operation, headers: dict[str, str], counts: dict[str, int]) -> None:
    label = operation.label

    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
              phases=[Phase.generate], derandomize=True,
              suppress_health_check=list(HealthCheck))
    def run(case) -> None:
        n = counts.get(label, 0)
        counts[label] = n + 1
        # Half the submissions name the real activity, so they reach the database.
        if label == "POST /api/contributions" and isinstance(case.body, dict) and n % 2:
            case.body["activity"] = DEFAULT_ACTIVITY_SLUG
        # Most staff calls carry a moderator's token; the rest check the 401 path.
        extra = headers if "/staff/" in label and n % 4 else {}
        case.call_and_validate(headers=extra, checks=CHECKS)

    run()

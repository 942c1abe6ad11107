"""Bad input to the submit endpoint gets a 4xx with a message people can act on."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.test import Client

from heard.activities.models import DEFAULT_ACTIVITY_SLUG
from heard.contributions.models import Contribution

pytestmark = [pytest.mark.urls("tests.api.urls"), pytest.mark.django_db]

VALID = {"activity": DEFAULT_ACTIVITY_SLUG, "kind": "story", "text": "It got better.",
         "perspectives": ["adopted"], "consents": {"analysis": True}}


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"text": ""}, "body.text", "Write what you want to share"),
    ({"text": "   \n "}, "body.text", "Write what you want to share"),
    ({"text": "x" * 20_001}, "body.text", "20,000 characters or fewer"),
    ({"text": 42}, "body.text", "Write what you want to share"),
    ({"kind": "rant"}, "body.kind", "story, problem or idea"),
    ({"perspectives": ["astronaut"]}, "body.perspectives", "Choose who you are"),
    ({"perspectives": "adopted"}, "body.perspectives", "Choose who you are"),
    ({"consents": {"analysis": "yes"}}, "body.consents.analysis", "true or false"),
    ({"consents": {"sell": True}}, "body.consents.sell", "true or false"),
    ({"activity": "not a slug!"}, "body.activity", "short name"),
    ({"activity": None}, "body.activity", "short name"),
    ({"surprise": 1}, "body.surprise", "Extra inputs are not permitted"),
])
def test_bad_fields_are_422_with_a_message(api, activity, change, field, message):
    response = api.post("/contributions", {**VALID, **change})
    assert response.status_code == 422, response.content
    body = response.json()
    assert message in body["detail"]
    assert field in [e["field"] for e in body["errors"]]
    assert not Contribution.objects.exists()


def test_exactly_20000_characters_is_accepted(api, activity):
    response = api.post("/contributions", {**VALID, "text": "y" * 20_000})
    assert response.status_code == 201


@pytest.mark.parametrize("raw", ["{not json", "", "[]", "null", '"text"', "\xff"])
def test_malformed_or_wrong_shaped_bodies_are_4xx(api, activity, raw):
    response = api.post("/contributions", raw)
    assert response.status_code in (400, 422)
    assert response.json()["detail"]


def test_missing_fields_are_422(api, activity):
    response = api.post("/contributions", {"activity": DEFAULT_ACTIVITY_SLUG})
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"body.kind", "body.text"} <= fields


def test_token_body_with_wrong_types_is_422(api):
    response = api.post("/staff/token", {"username": 1, "password": ["x"]})
    assert response.status_code == 422
    assert response.json()["errors"]


@pytest.mark.parametrize("path", ["/api/contributions", "/api/staff/token"])
@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded",
                                          "multipart/form-data"])
def test_a_form_instead_of_json_is_4xx_not_a_server_error(path, content_type, activity):
    # The pages' null-character check used to read such a body first, and the API's own read
    # of a multipart one then failed (RawPostDataException: a 500, in both multipart cases).
    client = Client(raise_request_exception=False)
    fields = {**VALID, "username": "someone", "password": "x"}
    if content_type == "multipart/form-data":
        response = client.post(path, {k: str(v) for k, v in fields.items()})
    else:
        response = client.post(path, urlencode({k: str(v) for k, v in fields.items()}),
                               content_type=content_type)
    assert 400 <= response.status_code < 500, response.content[:500]
    assert response.json()["detail"]
    assert not Contribution.objects.exists()


def test_a_null_character_sent_to_the_api_is_refused_there(api, activity):
    response = api.post("/contributions", {**VALID, "text": "It got\x00 better."})
    assert 400 <= response.status_code < 500
    assert not Contribution.objects.exists()

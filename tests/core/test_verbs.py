"""The one-view-per-verb helpers: each verb reaches its own view, anything else is refused."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from heard.core.verbs import by_step, by_verb


def _answer(text: str):
    def view(request: HttpRequest, **kwargs: object) -> HttpResponse:
        return HttpResponse(f"{text} {kwargs.get('slug', '')}".strip())
    return view


VIEW = by_verb(get=_answer("shown"), post=by_step(
    {"add": _answer("added"), "remove": _answer("removed")}, unknown=_answer("refused")))


def test_get_shows_and_post_acts_on_one_address() -> None:
    factory = RequestFactory()
    assert VIEW(factory.get("/x/"), slug="a").content == b"shown a"
    assert VIEW(factory.head("/x/"), slug="a").content == b"shown a"
    assert VIEW(factory.post("/x/", {"step": "add"}), slug="a").content == b"added a"
    assert VIEW(factory.post("/x/", {"step": "remove"}), slug="a").content == b"removed a"


def test_a_step_the_page_does_not_have_is_refused() -> None:
    factory = RequestFactory()
    for data in ({}, {"step": ""}, {"step": "delete_everything"}, {"step": ["add", "x"]}):
        assert VIEW(factory.post("/x/", data)).content == b"refused"


def test_other_verbs_get_405_naming_the_allowed_ones() -> None:
    response = VIEW(RequestFactory().put("/x/"))
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST"

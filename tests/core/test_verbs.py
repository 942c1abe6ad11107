"""The one-view-per-verb helpers: each verb reaches its own view, anything else is refused."""

from __future__ import annotations

import pytest
from django import forms
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from heard.core.verbs import Buttons, acted, by_step, by_verb, form_acted


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


class _Refused(Exception):
    pass


def _buttons_request(data: dict[str, str]) -> HttpRequest:
    """A POST with a message store, as the middleware would give it."""
    from django.contrib.messages.storage.fallback import FallbackStorage
    request = RequestFactory().post("/things/a/", data)
    request.session = {}  # type: ignore[assignment]
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    return request


def _said(request: HttpRequest) -> list[str]:
    from django.contrib.messages import get_messages
    return [str(m) for m in get_messages(request)]


def _act(request: HttpRequest, thing: str) -> str:
    if request.POST.get("ok") != "yes":  # test stand-in for a step's form and action
        raise _Refused(f"{thing} refused")
    return f"{thing} done"


BUTTONS = Buttons(guard=lambda view: view, load=lambda slug: f"thing {slug}",
                  page=lambda request, thing: HttpResponse(f"page of {thing}"),
                  back="facilitator:event", refused=_Refused)
BUTTONS_POST = BUTTONS.post({"go": BUTTONS.step(_act)})


def test_a_button_done_says_so_and_goes_back_to_the_page() -> None:
    request = _buttons_request({"step": "go", "ok": "yes"})
    response = BUTTONS_POST(request, slug="a")
    assert (response.status_code, response["Location"]) == (302, reverse("facilitator:event",
                                                                          kwargs={"slug": "a"}))
    assert _said(request) == ["thing a done"]


def test_a_button_refused_says_why_and_shows_the_page_at_once() -> None:
    request = _buttons_request({"step": "go", "ok": "no"})
    response = BUTTONS_POST(request, slug="a")
    assert (response.status_code, response.content) == (200, b"page of thing a")
    assert _said(request) == ["thing a refused"]


def test_a_button_the_page_does_not_have_changes_nothing() -> None:
    request = _buttons_request({"step": "delete_everything", "ok": "yes"})
    response = BUTTONS_POST(request, slug="a")
    assert response.content == b"page of thing a"
    assert _said(request) == ["Choose what to do."]


class _NameForm(forms.Form):
    name = forms.CharField(max_length=5)


def test_form_acted_runs_the_action_only_on_a_valid_form() -> None:
    calls: list[str] = []
    form = _NameForm({"name": "far too long"})
    assert form_acted(form, lambda: calls.append("ran") or "done", _Refused) is None
    assert calls == []
    assert "name" in form.errors


def test_form_acted_gives_back_what_the_action_returned() -> None:
    form = _NameForm({"name": "Sam"})
    made = form_acted(form, lambda: ("made", form.cleaned_data["name"]), _Refused)
    assert made == ("made", "Sam")
    assert not form.errors


def test_a_refusal_is_put_on_the_form_beside_the_field_named_or_above_it() -> None:
    def refuse() -> str:
        raise _Refused("That name is taken.")

    beside = _NameForm({"name": "Sam"})
    assert form_acted(beside, refuse, _Refused, field="name") is None
    assert beside.errors == {"name": ["That name is taken."]}
    above = _NameForm({"name": "Sam"})
    assert form_acted(above, refuse, _Refused) is None
    assert above.non_field_errors() == ["That name is taken."]


def test_an_error_that_is_not_a_refusal_is_not_swallowed() -> None:
    def crash() -> str:
        raise KeyError("bug")

    with pytest.raises(KeyError):
        form_acted(_NameForm({"name": "Sam"}), crash, _Refused)


def _levels(request: HttpRequest) -> list[tuple[str, str]]:
    from django.contrib.messages import get_messages
    return [(m.level_tag, str(m)) for m in get_messages(request)]


def test_acted_says_what_the_action_returned_as_a_success() -> None:
    request = _buttons_request({})
    assert acted(request, lambda: "Saved.", _Refused) is True
    assert _levels(request) == [("success", "Saved.")]


def test_acted_puts_a_refusal_in_its_own_words_as_an_error_and_nothing_else() -> None:
    def refuse() -> str:
        raise _Refused("That has already been withdrawn.")

    request = _buttons_request({})
    assert acted(request, refuse, _Refused) is False
    assert _levels(request) == [("error", "That has already been withdrawn.")]


def test_acted_does_not_swallow_an_error_that_is_not_the_refusal() -> None:
    def crash() -> str:
        raise KeyError("bug")

    request = _buttons_request({})
    with pytest.raises(KeyError):
        acted(request, crash, _Refused)
    assert _levels(request) == []

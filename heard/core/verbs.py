"""One view per HTTP verb, on the addresses the pages already have.

A page that shows a form and takes it back answers GET and POST at one address. Rather than one
function that branches on ``request.method``, each verb is its own view (``require_GET`` /
``require_POST``) and ``by_verb`` puts the two at that address. A page with several buttons that
post to one address names the button in a ``step`` field; ``by_step`` hands the post to that
step's own view from a table, and a step not in the table is refused by ``unknown`` (which says
so and changes nothing). The views stay short and each reads one form."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed

View = Callable[..., HttpResponse]


def by_verb(*, get: View, post: View) -> View:
    """One address: GET (and HEAD) shows the page, POST acts; any other verb gets a 405."""

    @wraps(get)
    def view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method in ("GET", "HEAD"):
            return get(request, *args, **kwargs)
        if request.method == "POST":
            return post(request, *args, **kwargs)
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])

    return view


class StepForm(forms.Form):
    """Which button was pressed: one of the steps the page offers, in the field it names."""

    def __init__(self, data: Any, steps: Mapping[str, View], field: str) -> None:
        super().__init__(data)
        self.fields[field] = forms.ChoiceField(choices=[(name, name) for name in steps])


def by_step(steps: Mapping[str, View], *, unknown: View, field: str = "step") -> View:
    """One POST address with several buttons: each step is its own view."""

    def view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = StepForm(request.POST, steps, field)
        if not form.is_valid():
            return unknown(request, *args, **kwargs)
        return steps[form.cleaned_data[field]](request, *args, **kwargs)

    return view


def acted(request: HttpRequest, act: Callable[[], str],
          refused: type[Exception] | tuple[type[Exception], ...]) -> bool:
    """Carry out one button's action and say how it went: what it returns as a success
    message, or the refusal's own words as an error. True when it was done."""
    try:
        messages.success(request, act())
    except refused as error:
        messages.error(request, str(error))
        return False
    return True

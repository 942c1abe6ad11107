"""One view per HTTP verb, on the addresses the pages already have.

A page that shows a form and takes it back answers GET and POST at one address. Rather than one
function that branches on ``request.method``, each verb is its own view (``require_GET`` /
``require_POST``) and ``by_verb`` puts the two at that address. A page with several buttons that
post to one address names the button in a ``step`` field; ``by_step`` hands the post to that
step's own view from a table, and a step not in the table is refused by ``unknown`` (which says
so and changes nothing). ``form_acted`` is the middle of most POST views: the form checks what
was sent, the action decides, and a refusal is shown on the form. ``Buttons`` makes those step
views for a staff page whose every button acts on one object and answers the same way. The
views stay short and each reads one form."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import wraps
from typing import Any, Generic, TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

View = Callable[..., HttpResponse]
T = TypeVar("T")
Refused = type[Exception] | tuple[type[Exception], ...]


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


def acted(request: HttpRequest, act: Callable[[], str], refused: Refused) -> bool:
    """Carry out one button's action and say how it went: what it returns as a success
    message, or the refusal's own words as an error. True when it was done."""
    try:
        messages.success(request, act())
    except refused as error:
        messages.error(request, str(error))
        return False
    return True


def form_acted(form: forms.Form, act: Callable[[], T], refused: Refused, *,
               field: str | None = None) -> T | None:
    """A POST read through its form: the action runs only once the form is valid, and if the
    action refuses, its reason goes on the form (beside ``field``, or above the form), so the
    page can be shown again with what was typed. Returns what the action returned, or None when
    the form or the action refused it; either way ``form.errors`` is then set, which is the test
    to use for an action that returns nothing."""
    if not form.is_valid():
        return None
    try:
        return act()
    except refused as error:
        form.add_error(field, str(error))
        return None


@dataclass(frozen=True)
class Buttons(Generic[T]):
    """The buttons of a staff page about one object (found by the slug in its address), each
    posting its ``step`` name to the page's own address. ``step`` turns what one button does
    (return the success message, or raise ``refused`` with the reason) into its POST view:
    done, the page is shown afresh by a redirect, so a reload does not post again; refused,
    the page is shown at once with the reason and what was typed. ``post`` puts a table of
    those views behind the address, refusing a step the page does not have."""

    guard: Callable[[View], View]  # who may press the buttons, e.g. facilitators only
    load: Callable[[str], T]
    page: Callable[[HttpRequest, T], HttpResponse]
    back: str  # the page's URL name, taking the slug
    refused: Refused

    def step(self, act: Callable[[HttpRequest, T], str]) -> View:
        @self.guard
        @require_POST
        @wraps(act)
        def view(request: HttpRequest, slug: str) -> HttpResponse:
            thing = self.load(slug)
            if not acted(request, lambda: act(request, thing), self.refused):
                return self.page(request, thing)
            return redirect(self.back, slug=slug)

        return view

    def post(self, steps: Mapping[str, View]) -> View:
        @self.guard
        @require_POST
        def choose_what_to_do(request: HttpRequest, slug: str) -> HttpResponse:
            messages.error(request, "Choose what to do.")
            return self.page(request, self.load(slug))

        return by_step(steps, unknown=choose_what_to_do)

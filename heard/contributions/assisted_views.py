"""The share journey's pages for assisted capture: "Is someone helping you?", the consent
questions in child words, and the child's choice about their receipt code. Thin views: forms
check, the journey keeps the answers, do_submit_contribution writes (in views.check)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

from heard.activities.models import Activity
from heard.activities.participant_session import hand_over, take_over, urgent_waiting
from heard.core.verbs import by_verb

from . import assisted, journey
from .assisted_forms import ChildConsentForm, HelperForm, ShareCodeForm

StepView = Callable[[HttpRequest, Activity, dict[str, Any]], HttpResponse]


def _at_step(step: str) -> Callable[[StepView], Callable[[HttpRequest, str], HttpResponse]]:
    """For a step's views: the open activity and the journey so far, once the person may be at
    ``step``; else the page the journey sends them to instead."""

    def wrap(view: StepView) -> Callable[[HttpRequest, str], HttpResponse]:
        @wraps(view)
        def at_step(request: HttpRequest, slug: str) -> HttpResponse:
            if isinstance(ready := journey.ready(request, slug, step), HttpResponse):
                return ready
            return view(request, *ready)

        return at_step

    return wrap


def _asks_age(state: dict[str, Any]) -> bool:
    """The helper page asks "Are you 12 or younger?" when the age band did not already say."""
    return assisted.band_says_under_13(state) is None


def _helper_page(request: HttpRequest, activity: Activity, state: dict[str, Any],
                 form: HelperForm) -> HttpResponse:
    return render(request, "share/helper.html", {
        "activity": activity, "form": form, "back_step": _back_step("helper"),
        "held_urgent": bool(state.get("held_id"))})


@require_GET
@_at_step("helper")
def show_helper(request: HttpRequest, activity: Activity, state: dict[str, Any]) -> HttpResponse:
    return _helper_page(request, activity, state,
                        HelperForm(initial=_initial(state), ask_age=_asks_age(state)))


@require_POST
@_at_step("helper")
def answer_helper(request: HttpRequest, activity: Activity, state: dict[str, Any]
                  ) -> HttpResponse:
    form = HelperForm(request.POST, ask_age=_asks_age(state))
    if not form.is_valid():
        return _helper_page(request, activity, state, form)
    answers = form.answers()
    if (kept := assisted.answers_to_ask_again(state, answers)) is not None:
        journey.clear(request, activity.slug)
        journey.save(request, activity.slug, **kept)
    journey.save(request, activity.slug, **answers)
    return redirect(f"share:{journey.next_step(state, 'helper')}", slug=activity.slug)


helper = by_verb(get=show_helper, post=answer_helper)


def _back_step(step: str) -> str:
    return f"share:{journey.previous_step(step)}"


def _initial(state: dict[str, Any]) -> dict[str, Any]:
    if "helper_role" not in state:
        return {}
    under = state.get("under_13")
    return {"helped": "yes" if state["helper_role"] else "no",
            "helper_role": state["helper_role"], "capture_mode": state.get("capture_mode"),
            "under_13": "yes" if under is True else "no" if under is False else
            "rather_not_say"}


def _child_consent_page(request: HttpRequest, activity: Activity, state: dict[str, Any],
                        form: ChildConsentForm) -> HttpResponse:
    return render(request, "share/consent_child.html", {
        "activity": activity, "form": form, "ask_adult": assisted.adult_agreement_required(),
        "back_step": _back_step("consent"), "helped": bool(state.get("helper_role")),
        "held_urgent": bool(state.get("held_id"))})


@_at_step("consent")
def show_child_consent(request: HttpRequest, activity: Activity, state: dict[str, Any]
                       ) -> HttpResponse:
    """The consent step for someone 12 or younger (views.show_consent sends them here)."""
    return _child_consent_page(request, activity, state, ChildConsentForm(
        initial=_consent_initial(state), ask_adult=assisted.adult_agreement_required()))


@_at_step("consent")
def answer_child_consent(request: HttpRequest, activity: Activity, state: dict[str, Any]
                         ) -> HttpResponse:
    """Their answers (views.answer_consent sends them here)."""
    form = ChildConsentForm(request.POST, ask_adult=assisted.adult_agreement_required())
    if not form.is_valid():
        return _child_consent_page(request, activity, state, form)
    journey.save(request, activity.slug, **form.answers())
    return redirect(f"share:{journey.next_step(state, 'consent')}", slug=activity.slug)


def _consent_initial(state: dict[str, Any]) -> dict[str, str]:
    initial = {f"consent_{p}": ("yes" if v else "no")
               for p, v in state.get("consents", {}).items()}
    if state.get("supporting_adult_agreed") is not None:
        initial["supporting_adult"] = "yes" if state["supporting_adult_agreed"] else "no"
    return initial


def _code_choice_page(request: HttpRequest, activity: Activity,
                      form: ShareCodeForm) -> HttpResponse:
    return render(request, "share/code_choice.html", {
        "activity": activity, "form": form,
        "urgent": urgent_waiting(request, activity)})


CodeView = Callable[[HttpRequest, Activity], HttpResponse]


def _while_code_waits(view: CodeView) -> Callable[[HttpRequest, str], HttpResponse]:
    """For the child's code choice: the activity, while a code waits for the child's choice;
    else the done page."""

    @wraps(view)
    def waiting(request: HttpRequest, slug: str) -> HttpResponse:
        activity = journey.open_activity(slug)
        if not assisted.code_waiting_for_child(request):
            return redirect("share:done", slug=slug)
        return view(request, activity)

    return waiting


@never_cache
@require_GET
@_while_code_waits
def show_code_choice(request: HttpRequest, activity: Activity) -> HttpResponse:
    """Someone helped: the child says first whether the helper may see the receipt code."""
    return _code_choice_page(request, activity, ShareCodeForm())


@never_cache
@require_POST
@_while_code_waits
def choose_code_sharing(request: HttpRequest, activity: Activity) -> HttpResponse:
    form = ShareCodeForm(request.POST)
    if not form.is_valid():
        return _code_choice_page(request, activity, form)
    if form.cleaned_data["share"] == "yes":
        hand_over(request, activity, assisted.take_code_for_child(request),
                  urgent_waiting(request, activity))
        return redirect("share:done", slug=activity.slug)
    return render(request, "share/code_private.html", {"activity": activity})


code_choice = by_verb(get=show_code_choice, post=choose_code_sharing)


@never_cache
@require_http_methods(["POST"])
def show_my_code(request: HttpRequest, slug: str) -> HttpResponse:
    """Shown once, to the child, and gone from the session as it is shown: reloading, or going
    back, does not show it again. The response is never cached."""
    activity = journey.open_activity(slug)
    code = assisted.take_code_for_child(request)
    if code is None:
        return redirect("share:code-hidden", slug=slug)
    _, urgent = take_over(request, activity)  # the code was the child's alone: none waits
    return render(request, "share/code_shown.html", {
        "activity": activity, "code": code, "urgent": urgent})


@require_safe
def code_hidden(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "share/code_hidden.html", {"activity": journey.open_activity(slug)})

"""The "who are you" and "how we may use it" pages that consultations and Call for Ideas share
with the share journey: the same forms and templates, kept in each activity's own flow."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from heard.contributions.forms import ConsentForm, WhoForm
from heard.core.verbs import View, by_verb
from heard.core.vocab import PERSPECTIVE_ROWS

from . import flow
from .models import Activity

# The activity, when the step may be shown now; else where to send the person instead.
Ready = Callable[[HttpRequest, str], "Activity | HttpResponse"]


def who_views(ready: Ready, flow_name: str, next_step: str, back: str) -> View:
    """The "who are you" page of a flow: GET shows it, POST keeps the answer and goes on to
    ``next_step``. ``next_step`` and ``back`` are URL names that take the activity's slug."""

    def page(request: HttpRequest, activity: Activity, form: WhoForm) -> HttpResponse:
        return render(request, "engagement/who.html", {
            "activity": activity, "form": form, "perspective_rows": PERSPECTIVE_ROWS,
            "back_url": reverse(back, args=[activity.slug]),
            "held_urgent": held_urgent(flow.load(request, flow_name, activity))})

    @require_GET
    def show_who(request: HttpRequest, slug: str) -> HttpResponse:
        if isinstance(activity := ready(request, slug), HttpResponse):
            return activity
        state = flow.load(request, flow_name, activity)
        return page(request, activity, WhoForm(initial={
            "perspectives": state.get("perspectives", []),
            "rather_not_say": state.get("perspectives") == []}))

    @require_POST
    def answer_who(request: HttpRequest, slug: str) -> HttpResponse:
        if isinstance(activity := ready(request, slug), HttpResponse):
            return activity
        form = WhoForm(request.POST)
        if not form.is_valid():
            return page(request, activity, form)
        flow.save(request, flow_name, activity, perspectives=form.cleaned_data["perspectives"])
        return redirect(next_step, slug=activity.slug)

    return by_verb(get=show_who, post=answer_who)


def consent_views(ready: Ready, flow_name: str, next_step: str, back: str) -> View:
    """The "how we may use it" page of a flow, made the same way as ``who_views``."""

    def page(request: HttpRequest, activity: Activity, form: ConsentForm) -> HttpResponse:
        return render(request, "engagement/consent.html", {
            "activity": activity, "form": form, "back_url": reverse(back, args=[activity.slug]),
            "held_urgent": held_urgent(flow.load(request, flow_name, activity))})

    @require_GET
    def show_consent(request: HttpRequest, slug: str) -> HttpResponse:
        if isinstance(activity := ready(request, slug), HttpResponse):
            return activity
        given = flow.load(request, flow_name, activity).get("consents", {})
        return page(request, activity, ConsentForm(initial={
            f"consent_{p}": ("yes" if v else "no") for p, v in given.items()}))

    @require_POST
    def answer_consent(request: HttpRequest, slug: str) -> HttpResponse:
        if isinstance(activity := ready(request, slug), HttpResponse):
            return activity
        form = ConsentForm(request.POST)
        if not form.is_valid():
            return page(request, activity, form)
        flow.save(request, flow_name, activity, consents=form.consents())
        return redirect(next_step, slug=activity.slug)

    return by_verb(get=show_consent, post=answer_consent)


def held_urgent(state: dict) -> bool:
    """Words written earlier in this flow were kept for the safeguarding lead: help shows on
    every page after, before any question about who the person is."""
    return bool(state.get("held") or state.get("held_id"))

"""The "who are you" and "how we may use it" pages that consultations and Call for Ideas share
with the share journey: the same forms and templates, kept in each activity's own flow."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from heard.contributions.forms import ConsentForm, WhoForm
from heard.people.vocab import PERSPECTIVE_ROWS

from . import flow
from .models import Activity


def who_step(request: HttpRequest, activity: Activity, flow_name: str, next_step: str,
             back_url: str) -> HttpResponse:
    state = flow.load(request, flow_name, activity)
    form = WhoForm(request.POST or None, initial={
        "perspectives": state.get("perspectives", []),
        "rather_not_say": state.get("perspectives") == []})
    if request.method == "POST" and form.is_valid():
        flow.save(request, flow_name, activity, perspectives=form.cleaned_data["perspectives"])
        return redirect(next_step, slug=activity.slug)
    return render(request, "engagement/who.html", {
        "activity": activity, "form": form, "perspective_rows": PERSPECTIVE_ROWS,
        "back_url": back_url, "held_urgent": held_urgent(state)})


def consent_step(request: HttpRequest, activity: Activity, flow_name: str, next_step: str,
                 back_url: str) -> HttpResponse:
    state = flow.load(request, flow_name, activity)
    given = state.get("consents", {})
    form = ConsentForm(request.POST or None, initial={
        f"consent_{p}": ("yes" if v else "no") for p, v in given.items()})
    if request.method == "POST" and form.is_valid():
        flow.save(request, flow_name, activity, consents=form.consents())
        return redirect(next_step, slug=activity.slug)
    return render(request, "engagement/consent.html", {
        "activity": activity, "form": form, "back_url": back_url,
        "held_urgent": held_urgent(state)})


def held_urgent(state: dict) -> bool:
    """Words written earlier in this flow were kept for the safeguarding lead: help shows on
    every page after, before any question about who the person is."""
    return bool(state.get("held") or state.get("held_id"))

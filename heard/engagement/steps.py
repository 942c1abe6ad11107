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
        "back_url": back_url})


def consent_step(request: HttpRequest, activity: Activity, flow_name: str, next_step: str,
                 back_url: str) -> HttpResponse:
    given = flow.load(request, flow_name, activity).get("consents", {})
    form = ConsentForm(request.POST or None, initial={
        f"consent_{p}": ("yes" if v else "no") for p, v in given.items()})
    if request.method == "POST" and form.is_valid():
        flow.save(request, flow_name, activity, consents=form.consents())
        return redirect(next_step, slug=activity.slug)
    return render(request, "engagement/consent.html", {
        "activity": activity, "form": form, "back_url": back_url})

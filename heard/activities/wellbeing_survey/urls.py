"""Wellbeing survey pages: participants under /wellbeing/ (`wellbeing:`), facilitators under
/staff/wellbeing/ (`wellbeing_staff:`)."""

from __future__ import annotations

from django.urls import URLPattern, path

from . import staff_views, views

participant: list[URLPattern] = [
    path("<slug:slug>/", views.start, name="start"),
    path("<slug:slug>/answer/", views.answer, name="answer"),
    path("<slug:slug>/thanks/", views.thanks, name="thanks"),
]

staff_pages: list[URLPattern] = [
    path("<slug:slug>/", staff_views.manage, name="survey"),
    path("<slug:slug>/results/", staff_views.results, name="results"),
    path("<slug:slug>/results.csv", staff_views.results_csv, name="results-csv"),
]

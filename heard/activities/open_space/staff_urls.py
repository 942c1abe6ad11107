from __future__ import annotations

from django.urls import URLPattern, path

from . import staff_views

app_name = "open_space_staff"
urlpatterns: list[URLPattern] = [
    path("", staff_views.events, name="events"),
    path("<slug:slug>/", staff_views.manage, name="manage"),
    path("<slug:slug>/report/", staff_views.report, name="report"),
]

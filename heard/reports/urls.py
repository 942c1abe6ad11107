from __future__ import annotations

from django.urls import URLPattern, path

from . import views

app_name = "reports"
urlpatterns: list[URLPattern] = [
    path("representation/", views.representation, name="representation"),
]

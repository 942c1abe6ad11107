from __future__ import annotations

from django.urls import URLPattern, path

from . import views

app_name = "quality"
urlpatterns: list[URLPattern] = [
    path("share/<slug:slug>/difference/", views.influence, name="influence"),
    path("staff/quality/", views.quality_list, name="list"),
    path("staff/quality/<slug:slug>/", views.quality_activity, name="activity"),
]

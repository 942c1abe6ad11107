"""The knowledge event page, under /activities/<slug>/event/ in the shared `engagement:`
namespace."""

from __future__ import annotations

from django.urls import URLPattern, path

from . import views

participant: list[URLPattern] = [
    path("<slug:slug>/event/", views.knowledge_event, name="event"),
]

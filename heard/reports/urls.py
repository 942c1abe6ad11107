from __future__ import annotations

from django.urls import URLPattern, path

from . import key_messages_views, views

app_name = "reports"
urlpatterns: list[URLPattern] = [
    path("representation/", views.representation, name="representation"),
    path("key-messages/", key_messages_views.key_messages, name="key-messages"),
]

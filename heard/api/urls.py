"""Mounted by heard/urls.py as path("api/", include("heard.api.urls"))."""

from __future__ import annotations

from django.urls import path

from .main import api

urlpatterns = [path("", api.urls)]

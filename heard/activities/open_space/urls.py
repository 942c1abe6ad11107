"""Open Space pages: participants under /events/ (`open_space:`), facilitators under
/staff/events/ (`open_space_staff:`)."""

from __future__ import annotations

from django.urls import URLPattern, path

from . import staff_views, views

participant: list[URLPattern] = [
    path("<slug:slug>/", views.event_home, name="event"),
    path("<slug:slug>/sign-up/", views.register, name="register"),
    path("<slug:slug>/come-back/", views.come_back, name="come-back"),
    path("<slug:slug>/topics/", views.topics, name="topics"),
    path("<slug:slug>/agenda/", views.agenda, name="agenda"),
    path("<slug:slug>/sessions/<int:session_id>/", views.session_page, name="session"),
    path("<slug:slug>/vote/", views.vote, name="vote"),
    path("<slug:slug>/closing/", views.closing, name="closing"),
    path("<slug:slug>/outcomes/", views.outcomes, name="outcomes"),
]

staff_pages: list[URLPattern] = [
    path("", staff_views.events, name="events"),
    path("<slug:slug>/", staff_views.manage, name="manage"),
    path("<slug:slug>/report/", staff_views.report, name="report"),
]

"""The facilitator pages every kind shares, under /staff/activities/ (`facilitator:`). Each kind's
own pages are in its sub-package and reach heard/urls.py through the kind registry."""

from __future__ import annotations

from django.urls import path

from . import staff_views as staff

staff_patterns = (
    [
        path("", staff.activity_list, name="list"),
        path("new/", staff.activity_new, name="new"),
        path("<slug:slug>/", staff.activity_dashboard, name="dashboard"),
        path("<slug:slug>/edit/", staff.activity_edit, name="edit"),
        path("<slug:slug>/status/", staff.activity_status, name="status"),
        path("<slug:slug>/summary.csv", staff.summary_csv, name="summary-csv"),
        path("<slug:slug>/event/", staff.event, name="event"),
    ],
    "facilitator",
)

"""Opinion map pages: participants under /opinions/ (`opinions:`), facilitators under
/staff/opinions/ in the staff namespace (`staff:opinion-maps`)."""

from __future__ import annotations

from django.urls import URLPattern, path

from . import staff_views, views

participant: list[URLPattern] = [
    path("<slug:slug>/", views.start, name="start"),
    path("<slug:slug>/vote/", views.vote, name="vote"),
    path("<slug:slug>/my-votes/", views.my_votes, name="my-votes"),
    path("<slug:slug>/take-back/", views.take_back, name="take-back"),
    path("<slug:slug>/suggest/", views.suggest, name="suggest"),
    path("<slug:slug>/results/", views.results, name="results"),
]

staff_pages: list[URLPattern] = [
    path("opinions/", staff_views.opinion_maps, name="opinion-maps"),
    path("opinions/<slug:slug>/", staff_views.manage, name="opinion-map"),
]

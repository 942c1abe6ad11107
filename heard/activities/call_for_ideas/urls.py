"""Call for Ideas pages, under /activities/<slug>/ideas/ in the shared `engagement:` namespace."""

from __future__ import annotations

from django.urls import URLPattern, path

from . import views as ideas

participant: list[URLPattern] = [
    path("<slug:slug>/ideas/", ideas.ideas, name="ideas"),
    path("<slug:slug>/ideas/new/", ideas.write, name="idea-new"),
    # idea-who, -consent, -check, -done
    *ideas.STEPS.shared_pages("<slug:slug>/ideas/", check=ideas.check),
    path("<slug:slug>/ideas/<int:idea_id>/support/", ideas.support, name="idea-support"),
]

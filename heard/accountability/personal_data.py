"""Responses in a person's copy of their data: what we said back about what they shared.
Responses and actions are written by staff, so there is nothing here to erase."""

from __future__ import annotations

from heard.contributions.models import Contribution
from heard.people.erasure import Section, Store, Subject, declare_not_erased, register_store

from .notifications import responses_for


def _describe(subject: Subject) -> list[Section]:
    rows = []
    for contribution in Contribution.objects.filter(pk__in=subject.contribution_ids):
        rows += [{"about your contribution": contribution.pk, "response": r.title,
                  "what we said": r.body, "published": r.published_at,
                  "actions": [{"action": a.title, "status": a.get_status_display(),
                               "progress": a.progress} for a in r.actions.all()]}
                 for r in responses_for(contribution)]
    return [Section("Our responses to what you shared", rows)]


register_store(Store(name="responses", holds=(), erase=lambda subject: 0, describe=_describe))

STAFF_WRITTEN = "written by staff as a public response"
declare_not_erased({
    "accountability.Response.theme_key": "a theme's id",
    "accountability.Response.title": STAFF_WRITTEN, "accountability.Response.body": STAFF_WRITTEN,
    "accountability.Action.title": STAFF_WRITTEN, "accountability.Action.owner": STAFF_WRITTEN,
    "accountability.Action.reason": STAFF_WRITTEN,
    "accountability.ActionUpdate.note": STAFF_WRITTEN,
    "accountability.Response.title_cy": STAFF_WRITTEN,
    "accountability.Response.body_cy": STAFF_WRITTEN,
    "accountability.Action.title_cy": STAFF_WRITTEN,
    "accountability.Action.owner_cy": STAFF_WRITTEN,
    "accountability.Action.reason_cy": STAFF_WRITTEN,
    "accountability.ActionUpdate.note_cy": STAFF_WRITTEN,
})

"""Responses in a person's copy of their data: what we said back about what they shared.
Responses and actions are written by staff, so there is nothing here to erase."""

from __future__ import annotations

from django.utils.translation import get_language, gettext_noop

from heard.contributions.models import Contribution
from heard.people.erasure import Section, Store, Subject, declare_not_erased, register_store

from .notifications import responses_for


def _describe(subject: Subject) -> list[Section]:
    """Keys are marked, not translated (the file's format is one in either language); the
    response and its actions are in staff's Welsh wording on a Welsh page where they gave one."""
    welsh = (get_language() or "").startswith("cy")
    rows = []
    for contribution in Contribution.objects.filter(pk__in=subject.contribution_ids):
        rows += [{gettext_noop("about what you shared, number"): contribution.pk,
                  gettext_noop("response"): _in_language(r.title, r.title_cy, welsh),
                  gettext_noop("what we said"): _in_language(r.body, r.body_cy, welsh),
                  gettext_noop("published"): r.published_at,
                  gettext_noop("actions"): [
                      {gettext_noop("action"): _in_language(a.title, a.title_cy, welsh),
                       gettext_noop("status"): str(a.get_status_display()),
                       gettext_noop("progress"): f"{a.progress}%"}
                      for a in r.actions.all()]}
                 for r in responses_for(contribution)]
    return [Section(gettext_noop("Our responses to what you shared"), rows)]


def _in_language(english: str, welsh_text: str, welsh: bool) -> str:
    return welsh_text if welsh and welsh_text.strip() else english


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

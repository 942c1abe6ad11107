"""The audit log's query string, read through a form like every other input."""

from __future__ import annotations

from heard.core.posted import PostedForm, RawText


class AuditLogFilterForm(PostedForm):
    """?object_id= narrows the log to one object (the access helper decides what a number
    is); ?page= is handed to the paginator, which turns anything odd into a page it has."""

    object_id = RawText()
    page = RawText()

"""How a browser session remembers a participant's place in an activity: their Open Space
registration, their opinion-map voter, their saved consultation answers, the answers of a
journey not yet sent, and the receipt code Send hands to the page after it.

Anonymous participants have no account, so the server-side session is what ties their next page
to the row they made. Every kind remembers through this one helper, so the session keys follow
one pattern (`<what>:<id of the thing taken part in>`) and a remembered id is always checked
against the thing it belongs to before it is used (a stale or copied session finds nothing).
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest

RowT = TypeVar("RowT", bound=Model)


def _key(what: str, within: Model) -> str:
    """The one key pattern: what is remembered, then the id of the thing taken part in."""
    return f"{what}:{within.pk}"


class Remembered(Generic[RowT]):
    """One row per participant per activity (or event, or map), remembered by its id."""

    def __init__(self, what: str) -> None:
        self.what = what  # kept as the key's prefix: sessions made before this helper still work

    def key(self, within: Model) -> str:
        return _key(self.what, within)

    def remember(self, request: HttpRequest, within: Model, row: RowT) -> None:
        request.session[self.key(within)] = row.pk

    def forget(self, request: HttpRequest, within: Model) -> None:
        request.session.pop(self.key(within), None)

    def recall(self, request: HttpRequest, within: Model, rows: QuerySet[RowT]) -> RowT | None:
        """The remembered row, looked up only among `rows` (those that belong to `within`)."""
        row_id = request.session.get(self.key(within))
        return rows.filter(pk=row_id).first() if row_id else None


class Answers:
    """What a participant has written or chosen so far in a journey, between pages. Nothing
    reaches the database until they press Send (or choose to save and come back)."""

    def __init__(self, what: str) -> None:
        self.what = what

    def key(self, within: str | int) -> str:
        return f"{self.what}:{within}"

    def load(self, request: HttpRequest, within: str | int) -> dict[str, Any]:
        return dict(request.session.get(self.key(within), {}))

    def save(self, request: HttpRequest, within: str | int, **values: Any) -> None:
        state = self.load(request, within)
        state.update(values)
        request.session[self.key(within)] = state

    def clear(self, request: HttpRequest, within: str | int) -> None:
        request.session.pop(self.key(within), None)


# What Send hands to the page after it, shown there once: the new receipt code (none where a
# helper keeps it for the child to see alone, or the kind gives none) and whether the words
# needed help at once. The share journey, its assisted pages and every kind's flow use these
# functions. Kept per activity, as above, so one activity's code never shows on another's page.
NEW_CODE_KEY = "new_receipt_code"
URGENT_KEY = "new_receipt_urgent"


def hand_over(request: HttpRequest, within: Model, code: str | None, urgent: bool) -> None:
    """Leave the code and the need for help for the next page. Without a code, one an earlier
    Send left unshown is dropped: the next page must not show it as this one's."""
    if code:
        request.session[_key(NEW_CODE_KEY, within)] = code
    else:
        request.session.pop(_key(NEW_CODE_KEY, within), None)
    request.session[_key(URGENT_KEY, within)] = urgent


def take_over(request: HttpRequest, within: Model) -> tuple[str | None, bool]:
    """The code and the need for help Send left, gone from the session as they are read: the
    code is shown once, and going back or reloading does not show it again."""
    return (request.session.pop(_key(NEW_CODE_KEY, within), None),
            bool(request.session.pop(_key(URGENT_KEY, within), False)))


def urgent_waiting(request: HttpRequest, within: Model) -> bool:
    """Whether the words Send took needed help at once, left in place for the page that will
    take it over (a page on the way there shows the help too)."""
    return bool(request.session.get(_key(URGENT_KEY, within), False))

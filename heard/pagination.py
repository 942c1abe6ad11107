"""Long lists split into pages, shown with the GOV.UK pagination component.

Every link keeps the page's other query parameters (filters, order), so moving between pages
never loses what the person chose.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import QueryDict

from heard.core.numbers import whole_number


@dataclass
class PageLink:
    number: int | None  # None for the "…" between distant page numbers
    href: str = ""
    current: bool = False


@dataclass
class Pagination:
    page: Page
    previous_href: str = ""
    next_href: str = ""
    items: list[PageLink] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return self.page.paginator.num_pages > 1

    @property
    def first_shown(self) -> int:
        return self.page.start_index()

    @property
    def last_shown(self) -> int:
        return self.page.end_index()

    @property
    def total(self) -> int:
        return self.page.paginator.count


def page_number(raw: str | None) -> int:
    """Anything but a positive whole number means the first page: a bad link is no error. A
    number past the last page is the last page (the caller caps it), so any length is read."""
    return whole_number(raw, most_digits=18) or 1


def paginate(rows: Any, query: QueryDict, per_page: int = 50) -> Pagination:
    """The page the query asks for (the last one if it asks for more), with its links."""
    paginator = Paginator(rows, per_page)
    page = paginator.get_page(min(page_number(query.get("page")), paginator.num_pages))
    result = Pagination(page=page)
    if page.has_previous():
        result.previous_href = page_href(query, page.previous_page_number())
    if page.has_next():
        result.next_href = page_href(query, page.next_page_number())
    result.items = [PageLink(n) if n is None else
                    PageLink(n, page_href(query, n), n == page.number)
                    for n in page_numbers_shown(page.number, paginator.num_pages)]
    return result


def page_href(query: QueryDict, number: int) -> str:
    kept = query.copy()
    kept["page"] = str(number)
    return f"?{kept.urlencode()}"


def page_numbers_shown(current: int, last: int) -> list[int | None]:
    """First, last, and the neighbours of the current page; None marks a gap, as GOV.UK's
    pagination guidance shows it (1 … 4 5 6 … 20)."""
    wanted = {1, last, current - 1, current, current + 1}
    numbers = sorted(n for n in wanted if 1 <= n <= last)
    shown: list[int | None] = []
    for before, number in zip([0, *numbers], numbers, strict=False):
        if before and number - before > 1:
            shown.append(None)
        shown.append(number)
    return shown

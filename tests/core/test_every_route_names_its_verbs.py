"""Every address Heard serves says which verbs it answers (issue 13: views only translate HTTP).

`test_views_one_per_verb.py` stops a view from branching on `request.method`; this stops the
other half of the class: a page view with no verb decorator at all, which answers a POST (or a
PUT, or a DELETE) as if it were a GET. Each route's view must be wrapped, somewhere in its
chain of decorators, by Django's `require_http_methods` (`require_GET`, `require_POST`,
`require_safe`) or by `heard.core.verbs.by_verb` / `by_step`. Class-based views answer each verb
with its own method and are allowed as they are. Routes of other packages (Django's
`set_language`, the API's own router) are theirs to restrict."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver
from django.views.decorators.http import require_GET, require_POST

from heard.core.verbs import by_step, by_verb


def _sync(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")


async def _async(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")


# Every wrapper Django's verb decorators make shares one code object (one for sync views, one
# for async), and so does each of ours: `functools.wraps` copies a view's name onto its
# wrapper, but not the wrapper's code, so the code object is what tells them apart.
_VERB_WRAPPERS = {require_GET(_sync).__code__, require_GET(_async).__code__,
                  by_verb(get=_sync, post=_sync).__code__,
                  by_step({}, unknown=_sync).__code__}


def _layers(view: Callable[..., Any]) -> Iterator[Callable[..., Any]]:
    seen: set[int] = set()
    layer: Any = view
    while layer is not None and id(layer) not in seen:
        seen.add(id(layer))
        yield layer
        layer = getattr(layer, "__wrapped__", None)


def says_its_verbs(view: Callable[..., Any]) -> bool:
    return hasattr(view, "view_class") or any(
        getattr(layer, "__code__", None) in _VERB_WRAPPERS for layer in _layers(view))


def innermost_module(view: Callable[..., Any]) -> str:
    *_, inner = _layers(view)
    return getattr(inner, "__module__", None) or ""


def _routes(resolver: URLResolver, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern


def heard_routes() -> list[tuple[str, Callable[..., Any]]]:
    return [(route, pattern.callback) for route, pattern in _routes(get_resolver())
            if innermost_module(pattern.callback).startswith("heard.")]


def test_every_heard_route_is_restricted_to_its_verbs() -> None:
    routes = heard_routes()
    assert len(routes) > 100, f"the scan found {len(routes)} routes: check how it walks the URLs"
    open_to_any = sorted(f"/{route} ({view.__module__}.{view.__name__})"
                         for route, view in routes if not says_its_verbs(view))
    assert not open_to_any, ("These views answer any HTTP verb; decorate each with require_GET "
                             f"or require_POST, or join them with by_verb: {open_to_any}")


def test_the_check_tells_a_restricted_view_from_an_open_one() -> None:
    def page(request: HttpRequest) -> HttpResponse:
        return HttpResponse("page")

    def guard(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        from functools import wraps

        @wraps(view)
        def guarded(request: HttpRequest) -> HttpResponse:
            return view(request)
        return guarded

    assert not says_its_verbs(page)
    assert not says_its_verbs(guard(page))
    assert says_its_verbs(require_GET(page))
    assert says_its_verbs(guard(require_POST(page)))  # the verb check may sit under a guard
    assert says_its_verbs(by_verb(get=page, post=page))
    assert says_its_verbs(by_step({"a": page}, unknown=page))
    assert require_GET(page)(RequestFactory().post("/")).status_code == 405

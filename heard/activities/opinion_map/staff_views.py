"""Facilitators' pages: create an opinion map, add and check statements, update the results."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from heard.audit.log import record
from heard.core.posted import TypedForm
from heard.core.verbs import acted, by_step, by_verb
from heard.people.roles import facilitator_page, signed_in

from .access import find_statement, get_opinion_map, statements_in, voter_count
from .actions import (
    OpinionMapError,
    do_add_statement,
    do_create_opinion_map,
    do_moderate_statement,
    do_seed_from_ideas,
    do_set_statement_welsh,
    do_update_results,
)
from .forms import CreateMapForm, StatementChoiceForm, StatementTextForm, StatementWelshForm
from .models import OpinionMap, Statement


def _maps_page(request: HttpRequest, error: str = "") -> HttpResponse:
    maps = OpinionMap.objects.select_related("activity").order_by("-activity__created_at")
    return render(request, "staff/opinion_maps.html", {
        "maps": maps, "error": error, "form_data": TypedForm(request.POST).typed()})


@facilitator_page
@require_GET
def show_opinion_maps(request: HttpRequest) -> HttpResponse:
    return _maps_page(request)


@facilitator_page
@require_POST
def create_opinion_map(request: HttpRequest) -> HttpResponse:
    form = CreateMapForm(request.POST)
    try:
        opinion_map = do_create_opinion_map(form.value("title"), form.value("question"),
                                            signed_in(request), form.allows_suggestions())
    except OpinionMapError as problem:
        return _maps_page(request, error=str(problem))
    return redirect("staff:opinion-map", slug=opinion_map.activity.slug)


opinion_maps = by_verb(get=show_opinion_maps, post=create_opinion_map)


@facilitator_page
@require_GET
def show_manage(request: HttpRequest, slug: str) -> HttpResponse:
    opinion_map = get_opinion_map(slug)
    record(request.user, "opinion_map.viewed", opinion_map)
    return render(request, "staff/opinion_map.html", {
        "opinion_map": opinion_map, "activity": opinion_map.activity,
        "pending": statements_in(opinion_map, Statement.Status.PENDING),
        "accepted": statements_in(opinion_map, Statement.Status.ACCEPTED),
        "voters": voter_count(opinion_map)})


Step = Callable[[HttpRequest, OpinionMap], str]


def _manage_step(step: Step) -> Callable[..., HttpResponse]:
    """One button on the manage page as a POST view: it says what changed, or why nothing did,
    and shows the page afresh."""

    @facilitator_page
    @require_POST
    @wraps(step)
    def view(request: HttpRequest, slug: str) -> HttpResponse:
        opinion_map = get_opinion_map(slug)
        acted(request, lambda: step(request, opinion_map), OpinionMapError)
        return redirect("staff:opinion-map", slug=slug)

    return view


def _add(request: HttpRequest, opinion_map: OpinionMap) -> str:
    form = StatementTextForm(request.POST)
    do_add_statement(opinion_map, form.value("text"), signed_in(request),
                     text_cy=form.value("text_cy"))
    return "Statement added."


def _welsh(request: HttpRequest, opinion_map: OpinionMap) -> str:
    form = StatementWelshForm(request.POST)
    chosen = form.value("statement")
    statement = find_statement(opinion_map, int(chosen)) if chosen else None
    if statement is None:
        raise OpinionMapError("That statement is not in this opinion map.")
    do_set_statement_welsh(statement, form.value("text_cy"), signed_in(request))
    return "Welsh wording saved."


def _seed(request: HttpRequest, opinion_map: OpinionMap) -> str:
    added = do_seed_from_ideas(opinion_map, signed_in(request))
    return f"Added {added} statement(s) from published ideas."


def _moderate(shown: bool) -> Step:
    def moderate(request: HttpRequest, opinion_map: OpinionMap) -> str:
        form = StatementChoiceForm(request.POST)
        statement = (find_statement(opinion_map, form.cleaned_data["statement"])
                     if form.is_valid() else None)
        if statement is None:
            raise OpinionMapError("That statement is not in this opinion map.")
        do_moderate_statement(statement, signed_in(request), shown)
        return "Saved."
    return moderate


def _update(request: HttpRequest, opinion_map: OpinionMap) -> str:
    do_update_results(opinion_map, signed_in(request))
    return "Results updated."


def _refuse(request: HttpRequest, opinion_map: OpinionMap) -> str:
    raise OpinionMapError("Choose what to do.")


STEPS: dict[str, Step] = {"add": _add, "seed": _seed, "accept": _moderate(True),
                          "reject": _moderate(False), "update": _update, "welsh": _welsh}

manage = by_verb(get=show_manage, post=by_step(
    {name: _manage_step(step) for name, step in STEPS.items()}, unknown=_manage_step(_refuse)))

"""Participant pages (one statement at a time, works without JavaScript) and the results."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from heard.core.vocab import PERSPECTIVE_ROWS
from heard.people.roles import participant_account

from .access import VOTER, get_opinion_map, next_statement, voter_for
from .actions import (
    OpinionMapError,
    do_add_statement,
    do_cast_vote,
    do_register_voter,
    do_withdraw_voter,
)
from .models import Statement
from .presentation import results_context

VOTE_VALUES = {"agree": 1, "disagree": -1, "pass": 0}


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, slug: str) -> HttpResponse:
    opinion_map = get_opinion_map(slug)
    if request.method == "POST":
        try:
            voter = do_register_voter(opinion_map, request.POST.getlist("perspectives"),
                                      participant_account(request))
        except OpinionMapError as error:
            messages.error(request, str(error))
            return redirect("opinions:start", slug=slug)
        VOTER.remember(request, opinion_map, voter)
        return redirect("opinions:vote", slug=slug)
    return render(request, "opinions/start.html", {
        "opinion_map": opinion_map, "activity": opinion_map.activity,
        "perspective_rows": PERSPECTIVE_ROWS, "voter": voter_for(request, opinion_map)})


HELP_NOW_KEY = "opinions_help_now"


@require_http_methods(["GET", "POST"])
def vote(request: HttpRequest, slug: str) -> HttpResponse:
    opinion_map = get_opinion_map(slug)
    voter = voter_for(request, opinion_map)
    if voter is None:
        return redirect("opinions:start", slug=slug)
    if request.method == "POST":
        _cast(request, opinion_map, voter)
        back = "opinions:my-votes" if request.POST.get("back") == "my-votes" else "opinions:vote"
        return redirect(back, slug=slug)
    statement = next_statement(opinion_map, voter)
    total = opinion_map.statements.filter(status=Statement.Status.ACCEPTED).count()
    answered = voter.votes.filter(statement__status=Statement.Status.ACCEPTED).count()
    level = request.session.pop(HELP_NOW_KEY, "")
    return render(request, "opinions/vote.html", {
        "opinion_map": opinion_map, "activity": opinion_map.activity, "statement": statement,
        "position": answered + 1, "total": total,
        "help_now_urgent": level == "immediate", "help_now_worried": level == "concern"})


def _cast(request: HttpRequest, opinion_map, voter) -> None:
    value = VOTE_VALUES.get(request.POST.get("vote", ""))
    statement = opinion_map.statements.filter(pk=_int(request.POST.get("statement"))).first()
    if value is None or statement is None:
        messages.error(request, gettext("Choose agree, disagree or pass."))
        return
    try:
        do_cast_vote(voter, statement, value)
    except OpinionMapError as error:
        messages.error(request, str(error))


def _int(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() else None


def my_votes(request: HttpRequest, slug: str) -> HttpResponse:
    opinion_map = get_opinion_map(slug)
    voter = voter_for(request, opinion_map)
    if voter is None:
        return redirect("opinions:start", slug=slug)
    votes = voter.votes.select_related("statement").filter(
        statement__status=Statement.Status.ACCEPTED).order_by("statement_id")
    return render(request, "opinions/my_votes.html", {
        "opinion_map": opinion_map, "activity": opinion_map.activity, "votes": votes})


@require_http_methods(["GET", "POST"])
def take_back(request: HttpRequest, slug: str) -> HttpResponse:
    """Take back every vote and suggested statement, after a confirmation. This browser then
    forgets the person, as after "Exit this page"."""
    opinion_map = get_opinion_map(slug)
    voter = voter_for(request, opinion_map)
    if voter is None:
        return redirect("opinions:start", slug=slug)
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            return render(request, "opinions/take_back.html", {
                "opinion_map": opinion_map, "activity": opinion_map.activity,
                "error": gettext("Choose yes if you want to take back your answers.")}, status=400)
        do_withdraw_voter(voter, request.user)
        request.session.flush()
        messages.success(request, gettext("Your answers and suggestions have been deleted."))
        return redirect("opinions:start", slug=slug)
    return render(request, "opinions/take_back.html", {
        "opinion_map": opinion_map, "activity": opinion_map.activity})


@require_http_methods(["GET", "POST"])
def suggest(request: HttpRequest, slug: str) -> HttpResponse:
    opinion_map = get_opinion_map(slug)
    error = ""
    text = request.POST.get("text", "")
    if request.method == "POST":
        try:
            added = do_add_statement(opinion_map, text, request.user,
                                     origin=Statement.Origin.PARTICIPANT,
                                     author=voter_for(request, opinion_map))
        except OpinionMapError as problem:
            error = str(problem)
        else:
            if added.source_contribution is not None:  # triage found risk in it
                request.session[HELP_NOW_KEY] = added.source_contribution.safety_level
            messages.success(request, gettext("Thank you. Your statement will be checked, "
                                              "then shown to others."))
            return redirect("opinions:vote", slug=slug)
    return render(request, "opinions/suggest.html", {
        "opinion_map": opinion_map, "activity": opinion_map.activity, "error": error,
        "text": text})


def results(request: HttpRequest, slug: str) -> HttpResponse:
    opinion_map = get_opinion_map(slug)
    return render(request, "opinions/results.html", {
        "opinion_map": opinion_map, "activity": opinion_map.activity,
        **results_context(opinion_map)})

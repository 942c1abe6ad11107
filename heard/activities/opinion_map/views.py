"""Participant pages (one statement at a time, works without JavaScript) and the results."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from heard.contributions import help_now
from heard.core.posted import ConfirmForm
from heard.core.verbs import by_verb
from heard.core.vocab import PERSPECTIVE_ROWS
from heard.people.roles import participant_account

from .access import (
    VOTER,
    find_statement,
    get_opinion_map,
    next_statement,
    statements_in,
    voter_for,
    votes_on_accepted,
)
from .actions import (
    OpinionMapError,
    do_add_statement,
    do_cast_vote,
    do_register_voter,
    do_withdraw_voter,
)
from .forms import JoinForm, SuggestForm, VoteForm
from .models import OpinionMap, Statement, Voter
from .presentation import results_context

HELP_NOW = help_now.HelpNow("opinions_help_now")


@require_GET
def show_start(request: HttpRequest, slug: str) -> HttpResponse:
    opinion_map = get_opinion_map(slug)
    return render(request, "opinions/start.html", {
        "opinion_map": opinion_map, "activity": opinion_map.activity,
        "perspective_rows": PERSPECTIVE_ROWS, "voter": voter_for(request, opinion_map)})


@require_POST
def join(request: HttpRequest, slug: str) -> HttpResponse:
    opinion_map = get_opinion_map(slug)
    try:
        voter = do_register_voter(opinion_map, JoinForm(request.POST).values("perspectives"),
                                  request.user, account=participant_account(request))
    except OpinionMapError as error:
        messages.error(request, str(error))
        return redirect("opinions:start", slug=slug)
    VOTER.remember(request, opinion_map, voter)
    return redirect("opinions:vote", slug=slug)


start = by_verb(get=show_start, post=join)


def _voting(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Pages for someone who has started: the view gets the map and their voter; anyone else
    is sent to the start."""

    @wraps(view)
    def page(request: HttpRequest, slug: str) -> HttpResponse:
        opinion_map = get_opinion_map(slug)
        voter = voter_for(request, opinion_map)
        if voter is None:
            return redirect("opinions:start", slug=slug)
        return view(request, opinion_map, voter)

    return page


@require_GET
@_voting
def show_vote(request: HttpRequest, opinion_map: OpinionMap, voter: Voter) -> HttpResponse:
    statement = next_statement(opinion_map, voter)
    total = statements_in(opinion_map, Statement.Status.ACCEPTED).count()
    answered = votes_on_accepted(voter).count()
    shown = HELP_NOW.take(request)
    return render(request, "opinions/vote.html", {
        "opinion_map": opinion_map, "activity": opinion_map.activity, "statement": statement,
        "position": answered + 1, "total": total,
        "help_now_urgent": shown.urgent, "help_now_worried": shown.worried})


@require_POST
@_voting
def cast_vote(request: HttpRequest, opinion_map: OpinionMap, voter: Voter) -> HttpResponse:
    form = VoteForm(request.POST)
    statement = (find_statement(opinion_map, form.cleaned_data["statement"])
                 if form.is_valid() else None)
    try:
        if statement is None:
            raise OpinionMapError(gettext("Choose agree, disagree or pass."))
        do_cast_vote(voter, statement, form.value())
    except OpinionMapError as error:
        messages.error(request, str(error))
    back = "opinions:my-votes" if form.back_to_my_votes() else "opinions:vote"
    return redirect(back, slug=opinion_map.activity.slug)


vote = by_verb(get=show_vote, post=cast_vote)


@require_GET
@_voting
def my_votes(request: HttpRequest, opinion_map: OpinionMap, voter: Voter) -> HttpResponse:
    votes = votes_on_accepted(voter)
    return render(request, "opinions/my_votes.html", {
        "opinion_map": opinion_map, "activity": opinion_map.activity, "votes": votes})


def _take_back_page(request: HttpRequest, opinion_map: OpinionMap, error: str = "",
                    status: int = 200) -> HttpResponse:
    return render(request, "opinions/take_back.html", {
        "opinion_map": opinion_map, "activity": opinion_map.activity, "error": error},
        status=status)


@require_GET
@_voting
def show_take_back(request: HttpRequest, opinion_map: OpinionMap, voter: Voter) -> HttpResponse:
    return _take_back_page(request, opinion_map)


@require_POST
@_voting
def take_back_answers(request: HttpRequest, opinion_map: OpinionMap,
                      voter: Voter) -> HttpResponse:
    """Take back every vote and suggested statement, after a confirmation. This browser then
    forgets the person, as after "Exit this page"."""
    if not ConfirmForm(request.POST).is_valid():
        return _take_back_page(request, opinion_map, status=400, error=gettext(
            "Choose yes if you want to take back your answers."))
    do_withdraw_voter(voter, request.user)
    request.session.flush()
    messages.success(request, gettext("Your answers and suggestions have been deleted."))
    return redirect("opinions:start", slug=opinion_map.activity.slug)


take_back = by_verb(get=show_take_back, post=take_back_answers)


def _suggest_page(request: HttpRequest, opinion_map: OpinionMap, text: str = "",
                  error: str = "") -> HttpResponse:
    return render(request, "opinions/suggest.html", {
        "opinion_map": opinion_map, "activity": opinion_map.activity, "error": error,
        "text": text})


@require_GET
def show_suggest(request: HttpRequest, slug: str) -> HttpResponse:
    return _suggest_page(request, get_opinion_map(slug))


@require_POST
def add_suggestion(request: HttpRequest, slug: str) -> HttpResponse:
    opinion_map = get_opinion_map(slug)
    text = SuggestForm(request.POST).value("text")
    try:
        added = do_add_statement(opinion_map, text, request.user,
                                 origin=Statement.Origin.PARTICIPANT,
                                 author=voter_for(request, opinion_map))
    except OpinionMapError as problem:
        return _suggest_page(request, opinion_map, text, error=str(problem))
    if added.source_contribution is not None:  # triage found risk in it
        HELP_NOW.remember(request, added.source_contribution.safety_level)
    messages.success(request, gettext("Thank you. Your statement will be checked, "
                                      "then shown to others."))
    return redirect("opinions:vote", slug=slug)


suggest = by_verb(get=show_suggest, post=add_suggestion)


@require_GET
def results(request: HttpRequest, slug: str) -> HttpResponse:
    opinion_map = get_opinion_map(slug)
    return render(request, "opinions/results.html", {
        "opinion_map": opinion_map, "activity": opinion_map.activity,
        **results_context(opinion_map)})

"""Facilitators' pages: create an opinion map, add and check statements, update the results."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from heard.audit.log import record

from .access import get_opinion_map
from .actions import (
    OpinionMapError,
    do_add_statement,
    do_create_opinion_map,
    do_moderate_statement,
    do_seed_from_ideas,
)
from .models import OpinionMap, Statement
from .updates import update_opinion_map


def _staff(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # login_required and the permission check come first
    return user


@login_required
@permission_required("engagement.manage_activity", raise_exception=True)
@require_http_methods(["GET", "POST"])
def opinion_maps(request: HttpRequest) -> HttpResponse:
    error = ""
    if request.method == "POST":
        try:
            opinion_map = do_create_opinion_map(
                request.POST.get("title", ""), request.POST.get("question", ""),
                _staff(request), request.POST.get("allow") == "yes")
        except OpinionMapError as problem:
            error = str(problem)
        else:
            return redirect("staff:opinion-map", slug=opinion_map.activity.slug)
    maps = OpinionMap.objects.select_related("activity").order_by("-activity__created_at")
    return render(request, "staff/opinion_maps.html", {"maps": maps, "error": error,
                                                       "form_data": request.POST})


@login_required
@permission_required("engagement.manage_activity", raise_exception=True)
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    opinion_map = get_opinion_map(slug)
    if request.method == "POST":
        _handle(request, opinion_map)
        return redirect("staff:opinion-map", slug=slug)
    record(request.user, "opinion_map.viewed", opinion_map)
    return render(request, "staff/opinion_map.html", {
        "opinion_map": opinion_map, "activity": opinion_map.activity,
        "pending": opinion_map.statements.filter(status=Statement.Status.PENDING),
        "accepted": opinion_map.statements.filter(status=Statement.Status.ACCEPTED),
        "voters": opinion_map.voters.count()})


def _handle(request: HttpRequest, opinion_map: OpinionMap) -> None:
    step = request.POST.get("step")
    user = _staff(request)
    try:
        if step == "add":
            do_add_statement(opinion_map, request.POST.get("text", ""), user)
            messages.success(request, "Statement added.")
        elif step == "seed":
            added = do_seed_from_ideas(opinion_map, user)
            messages.success(request, f"Added {added} statement(s) from published ideas.")
        elif step in {"accept", "reject"}:
            raw = request.POST.get("statement", "")
            statement = opinion_map.statements.filter(pk=int(raw)).first() \
                if raw.isdigit() else None
            if statement is None:
                raise OpinionMapError("That statement is not in this opinion map.")
            do_moderate_statement(statement, user, step == "accept")
            messages.success(request, "Saved.")
        elif step == "update":
            update_opinion_map(opinion_map.pk)
            messages.success(request, "Results updated.")
        else:
            raise OpinionMapError("Choose what to do.")
    except (OpinionMapError, ValueError) as error:
        messages.error(request, str(error))

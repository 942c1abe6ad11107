from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST, require_safe

from heard.core.permissions import staff_with
from heard.core.verbs import acted, by_step, by_verb
from heard.people.roles import signed_in

from .access import flags_for, get_flag_for, recent_alerts_for
from .forms import FlagActionForm, FlagListForm, FlagOutcomeForm
from .models import SafeguardingFlag
from .safeguarding import (
    SafeguardingError,
    do_acknowledge_flag,
    do_close_flag,
    do_record_flag_action,
)


@staff_with("safety.handle_safeguarding")
@require_safe
def flag_list(request: HttpRequest) -> HttpResponse:
    show_closed = FlagListForm(request.GET).value("show") == "closed"
    flags = flags_for(request.user, closed=show_closed)
    alerts = recent_alerts_for(request.user)
    return render(request, "staff/safeguarding_list.html", {
        "flags": flags[:300], "show_closed": show_closed, "alerts": alerts})


@login_required
@require_GET
def show_flag(request: HttpRequest, flag_id: int) -> HttpResponse:
    flag = get_flag_for(request.user, flag_id)
    return render(request, "staff/safeguarding_detail.html", {
        "flag": flag, "highlighted": highlight(flag.evidence_text, flag.triggers)})


Record = Callable[[HttpRequest, SafeguardingFlag, User], object]


def _record(record: Record) -> Callable[..., HttpResponse]:
    """One of the flag page's buttons: it records, says how it went and shows the flag again.
    get_flag_for refuses anyone who may not handle this flag."""

    @login_required
    @require_POST
    def view(request: HttpRequest, flag_id: int) -> HttpResponse:
        flag = get_flag_for(request.user, flag_id)

        def act() -> str:
            record(request, flag, signed_in(request))
            return "Saved."

        acted(request, act, SafeguardingError)
        return redirect("staff:flag", flag_id=flag.pk)

    return view


def _choose(request: HttpRequest, flag: SafeguardingFlag, lead: User) -> None:
    raise SafeguardingError("Choose what to record.")


flag_detail = by_verb(get=show_flag, post=by_step({
    "acknowledge": _record(lambda request, flag, lead: do_acknowledge_flag(flag, lead)),
    "action": _record(lambda request, flag, lead: do_record_flag_action(
        flag, lead, FlagActionForm(request.POST).value("action_taken"))),
    "close": _record(lambda request, flag, lead: do_close_flag(
        flag, lead, FlagOutcomeForm(request.POST).value("outcome")))},
    unknown=_record(_choose)))


def highlight(text: str, triggers: list[dict]) -> list[tuple[str, str]]:
    """Split the text into (kind, piece) so the template can mark trigger phrases safely."""
    pieces: list[tuple[str, str]] = []
    cursor = 0
    for start, end in _merged_spans(triggers, len(text)):
        pieces += [("text", text[cursor:start]), ("mark", text[start:end])]
        cursor = end
    pieces.append(("text", text[cursor:]))
    return [(kind, piece) for kind, piece in pieces if piece]


def _merged_spans(triggers: list[dict], length: int) -> list[tuple[int, int]]:
    """Trigger spans inside the text, overlapping ones joined: a rule phrase usually sits
    inside the sentence the model scored, and both should read as one marked stretch."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted((t["start"], t["end"]) for t in triggers if "start" in t):
        if not 0 <= start < end <= length:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged

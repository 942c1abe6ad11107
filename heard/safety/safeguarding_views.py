from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from heard.tasks.models import OutboxEmail

from .access import flags_for, get_flag_for
from .safeguarding import (
    SafeguardingError,
    do_acknowledge_flag,
    do_close_flag,
    do_record_flag_action,
)


@login_required
@permission_required("safety.handle_safeguarding", raise_exception=True)
def flag_list(request: HttpRequest) -> HttpResponse:
    show_closed = request.GET.get("show") == "closed"
    flags = flags_for(request.user, closed=show_closed)
    alerts = OutboxEmail.objects.filter(about__startswith="safeguarding-alert-")[:20]
    return render(request, "staff/safeguarding_list.html", {
        "flags": flags[:300], "show_closed": show_closed, "alerts": alerts})


@login_required
@require_http_methods(["GET", "POST"])
def flag_detail(request: HttpRequest, flag_id: int) -> HttpResponse:
    flag = get_flag_for(request.user, flag_id)
    if request.method == "POST":
        lead = request.user
        assert isinstance(lead, User)  # login_required and the permission check above
        step = request.POST.get("step", "")
        try:
            if step == "acknowledge":
                do_acknowledge_flag(flag, lead)
            elif step == "action":
                do_record_flag_action(flag, lead, request.POST.get("action_taken", ""))
            elif step == "close":
                do_close_flag(flag, lead, request.POST.get("outcome", ""))
            else:
                raise SafeguardingError("Choose what to record.")
        except SafeguardingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Saved.")
        return redirect("staff:flag", flag_id=flag.pk)
    return render(request, "staff/safeguarding_detail.html", {
        "flag": flag, "highlighted": highlight(flag.evidence_text, flag.triggers)})


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

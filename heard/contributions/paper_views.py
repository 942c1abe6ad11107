"""The staff page for typing in a returned paper form (the printable form itself is
heard.reports.paper_form). Thin: the form checks, do_enter_paper_response writes."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST, require_safe

from heard.core.permissions import staff_with
from heard.core.verbs import by_verb, form_acted
from heard.people.models import format_receipt_code

from .access import get_contribution_for
from .actions import ContributionError, do_enter_paper_response
from .paper_forms import PaperResponseForm

RECORD = "contributions.record_contribution"
ENTERED_SESSION_KEY = "paper_entered"


def _paper_page(request: HttpRequest, form: PaperResponseForm) -> HttpResponse:
    return render(request, "staff/paper_enter.html", {"form": form})


@staff_with(RECORD)
@require_GET
def show_paper_form(request: HttpRequest) -> HttpResponse:
    return _paper_page(request, PaperResponseForm())


@staff_with(RECORD)
@require_POST
def save_paper_response(request: HttpRequest) -> HttpResponse:
    form = PaperResponseForm(request.POST)
    entered = form_acted(form, lambda: do_enter_paper_response(
        form.activity(), form.new_contribution(), request.user), ContributionError)
    if entered is None:
        return _paper_page(request, form)
    contribution, code = entered
    # Shown once, on the next page, and only if the form asked for it.
    request.session[ENTERED_SESSION_KEY] = {
        "id": contribution.pk,
        "code": format_receipt_code(code) if form.cleaned_data["wants_code"] else ""}
    return redirect("staff:paper-entered")


enter_paper_response = by_verb(get=show_paper_form, post=save_paper_response)


@never_cache
@staff_with(RECORD)
@require_safe
def paper_response_entered(request: HttpRequest) -> HttpResponse:
    entered = request.session.pop(ENTERED_SESSION_KEY, None)
    if entered is None:
        return redirect("staff:paper")
    # The one this staff member has just entered, through the audited staff look.
    contribution = get_contribution_for(request.user, entered["id"], RECORD)
    return render(request, "staff/paper_entered.html", {
        "contribution": contribution, "code": entered["code"]})

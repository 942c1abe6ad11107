"""The receipt page: a person's own contributions and everything that answers them ("you said,
we did"). It lives here, not in contributions, because responses sit a layer above."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from heard.contributions.access import contributions_for_owner, owned_contributions
from heard.contributions.labels import PERSPECTIVE_LABELS_SHOWN
from heard.people.receipt_session import session_receipt

from .notifications import responses_for


@require_safe
def receipt_view(request: HttpRequest) -> HttpResponse:
    receipt = session_receipt(request)
    owned = owned_contributions(receipt, request.user)
    if owned is None:
        return redirect("receipt:enter")
    contributions = contributions_for_owner(owned)
    for contribution in contributions:
        contribution.answers = responses_for(contribution)  # type: ignore[attr-defined]
    return render(request, "receipt/view.html", {
        "contributions": contributions, "perspective_labels": PERSPECTIVE_LABELS_SHOWN,
        "receipt": receipt})

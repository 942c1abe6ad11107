from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST, require_safe

from heard.activities.models import Activity
from heard.contributions.access import get_contribution_for
from heard.contributions.actions import ContributionError
from heard.contributions.models import Contribution
from heard.core.permissions import staff_with
from heard.core.verbs import by_verb, form_acted
from heard.core.vocab import PERSPECTIVE_LABELS
from heard.pagination import paginate
from heard.people.roles import signed_in

from . import moderation_queue
from .access import decisions_on
from .actions import do_decide
from .forms import DecisionForm, QueueFilterForm
from .redaction import Span, placeholder_for, type_label
from .redaction_review import do_store_redaction_suggestions, span_to_dict, spans_from_review
from .safeguarding_views import highlight

QUEUE_PAGE_SIZE = 50


@staff_with("contributions.moderate_contribution")
@require_safe
def queue(request: HttpRequest) -> HttpResponse:
    form = QueueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    status_key = filters.get("status") or "waiting"
    pagination = paginate(moderation_queue.queue(filters), request.GET, QUEUE_PAGE_SIZE)
    kept = moderation_queue.kept_query(request.GET)
    return render(request, "staff/moderation_queue.html", {
        "form": form, "pagination": pagination, "status_key": status_key,
        "order": filters.get("order") or moderation_queue.DEFAULT_ORDER,
        "rows": [(c, moderation_queue.excerpt(c)) for c in pagination.page],
        "counts": _state_links(filters, request.GET),
        "activities": Activity.objects.all(), "filters": filters, "kept": kept,
    })


def _state_links(filters: dict, query: QueryDict) -> list[dict]:
    """One link per state with its count under the other filters, which the link keeps."""
    counts = moderation_queue.counts_per_state(filters)
    links = []
    for key, name in moderation_queue.STATUS_NAMES.items():
        kept = QueryDict(moderation_queue.kept_query(query), mutable=True)
        kept["status"] = key
        links.append({"key": key, "name": name, "count": counts[key],
                      "href": f"?{kept.urlencode()}"})
    return links


def _decision(request: HttpRequest, contribution_id: int
              ) -> tuple[Contribution, list[Span], list[int]]:
    """The contribution (through the audited staff look), the redaction suggestions for it and
    which of them start ticked."""
    contribution = get_contribution_for(
        request.user, contribution_id, "contributions.moderate_contribution"
    )
    suggestions = do_store_redaction_suggestions(contribution)
    return contribution, suggestions, sorted(_kept_indexes(contribution, suggestions))


def _decide_page(request: HttpRequest, contribution: Contribution, suggestions: list[Span],
                 form: DecisionForm) -> HttpResponse:
    return render(request, "staff/moderation_decide.html", {
        "kept": moderation_queue.kept_query(request.GET),
        "contribution": contribution, "form": form, "perspective_labels": PERSPECTIVE_LABELS,
        "decisions": decisions_on(contribution)[:20],
        "suggestions": _suggestion_rows(contribution.text, suggestions, form),
        "marked": highlight(contribution.text, [span_to_dict(s) for s in suggestions]),
        "flag_open": contribution.has_open_safeguarding_flag(),
    })


@login_required
@require_GET
def show_decision(request: HttpRequest, contribution_id: int) -> HttpResponse:
    contribution, suggestions, kept = _decision(request, contribution_id)
    return _decide_page(request, contribution, suggestions, DecisionForm(
        suggestion_count=len(suggestions), initial={"accept": [str(i) for i in kept]}))


@login_required
@require_POST
def make_decision(request: HttpRequest, contribution_id: int) -> HttpResponse:
    contribution, suggestions, kept = _decision(request, contribution_id)
    form = DecisionForm(request.POST, suggestion_count=len(suggestions),
                        initial={"accept": [str(i) for i in kept]})
    # Where the item stood in the queue, read before the decision takes it out, so "next item"
    # is the one that was after it.
    filters = _queue_filters(request)
    position = moderation_queue.position_of(filters, contribution.pk)
    form_acted(form, lambda: _apply(contribution, request, form, suggestions), ContributionError)
    if form.errors:
        return _decide_page(request, contribution, suggestions, form)
    return _after_decision(request, contribution, filters, position)


decide = by_verb(get=show_decision, post=make_decision)


def _queue_filters(request: HttpRequest) -> dict:
    """The queue's filters travel with the decision page, so "next item" stays in them."""
    form = QueueFilterForm(request.GET)
    return form.cleaned_data if form.is_valid() else {}


def _after_decision(request: HttpRequest, contribution: Contribution, filters: dict,
                    position: int | None) -> HttpResponse:
    kept = moderation_queue.kept_query(request.GET)
    suffix = f"?{kept}" if kept else ""
    following = moderation_queue.next_after(filters, contribution.pk, position)
    if following is None:
        messages.success(request, f"Decision saved for contribution {contribution.pk}. "
                                  "There is nothing else to check here.")
        return redirect(reverse("staff:moderation") + suffix)
    messages.success(request, f"Decision saved for contribution {contribution.pk}. "
                              f"This is the next one.")
    return redirect(reverse("staff:decide", args=[following]) + suffix)


def _kept_indexes(contribution: Contribution, suggestions: list[Span]) -> set[int]:
    """Every suggestion starts ticked; after a review, only the ones the moderator kept."""
    if contribution.redaction_reviewed_at is None:
        return set(range(len(suggestions)))
    kept = {(r["start"], r["end"]) for r in contribution.redactions}
    return {i for i, s in enumerate(suggestions) if (s.start, s.end) in kept}


def _suggestion_rows(text: str, suggestions: list[Span], form: DecisionForm) -> list[dict]:
    ticked = set(form["accept"].value() or [])
    return [{"index": str(i), "number": i + 1, "words": text[s.start:s.end],
             "type": type_label(s.entity_type), "placeholder": placeholder_for(s.entity_type,
                                                                   text[s.start:s.end]),
             "score": s.score, "checked": str(i) in ticked}
            for i, s in enumerate(suggestions)]


def _apply(contribution: Contribution, request: HttpRequest, form: DecisionForm,
           suggestions: list[Span]) -> None:
    user = signed_in(request)
    data = form.cleaned_data
    spans = spans_from_review(contribution.text, suggestions, form.accepted_indexes(),
                              data.get("extra_phrases", ""), data.get("extra_type") or "PERSON")
    do_decide(contribution, user, spans, data["decision"], data.get("reason", ""))

"""Service leads answer what people said; everyone can see the answers and their progress."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST, require_safe

from heard.audit.log import record
from heard.core.permissions import staff_with
from heard.core.verbs import acted, by_step, by_verb, form_acted
from heard.people.roles import signed_in

from .access import RESPOND, get_response_for, published_responses, recent_responses_for
from .actions import (
    AccountabilityError,
    do_add_action,
    do_publish_response_about,
    do_set_response_welsh,
    do_update_action,
)
from .forms import (
    SUBJECTS,
    ActionChoiceForm,
    ActionForm,
    ActionUpdateForm,
    ResponseForm,
    ResponseWelshForm,
)
from .metrics import loop_metrics
from .models import Action, Response


def _responses_page(request: HttpRequest, form: ResponseForm) -> HttpResponse:
    return render(request, "accountability/staff_responses.html", {
        "form": form, "responses": recent_responses_for(request.user),
        "subjects": SUBJECTS, "metrics": loop_metrics()})


@staff_with(RESPOND)
@require_GET
def show_responses(request: HttpRequest) -> HttpResponse:
    # A link from a theme or an idea fills in what the response is about.
    return _responses_page(request, ResponseForm(initial=request.GET))


@staff_with(RESPOND)
@require_POST
def publish_response(request: HttpRequest) -> HttpResponse:
    form = ResponseForm(request.POST, initial=request.GET)

    def publish() -> Response:
        data = form.cleaned_data
        return do_publish_response_about(
            data["subject"], data["title"], data["body"], signed_in(request),
            theme=data["theme"], idea=data["idea"], activity=data["activity"],
            title_cy=data["title_cy"], body_cy=data["body_cy"])

    response = form_acted(form, publish, AccountabilityError)
    if response is None:
        return _responses_page(request, form)
    messages.success(request, "Response published.")
    return redirect("staff:response", response_id=response.pk)


responses = by_verb(get=show_responses, post=publish_response)


def _response_page(request: HttpRequest, response: Response,
                   add_form: ActionForm | None = None, posted: Action | None = None,
                   update_form: ActionUpdateForm | None = None) -> HttpResponse:
    """The response with its actions; after a refused save, that form with what was typed."""
    record(request.user, "response.viewed", response)
    actions = list(response.actions.prefetch_related("updates"))
    return render(request, "accountability/staff_response.html", {
        "response": response, "add_form": add_form or ActionForm(),
        "statuses": Action.Status.choices,
        "actions": [(action, update_form if action == posted else None)
                    for action in actions]})


@staff_with(RESPOND)
@require_GET
def show_response(request: HttpRequest, response_id: int) -> HttpResponse:
    return _response_page(request, get_response_for(request.user, response_id))


@staff_with(RESPOND)
@require_POST
def add_action(request: HttpRequest, response_id: int) -> HttpResponse:
    response = get_response_for(request.user, response_id)
    form = ActionForm(request.POST)
    if not _add(request, response, form):
        return _response_page(request, response, add_form=form)
    return redirect("staff:response", response_id=response.pk)


@staff_with(RESPOND)
@require_POST
def update_action(request: HttpRequest, response_id: int) -> HttpResponse:
    response = get_response_for(request.user, response_id)
    choice = ActionChoiceForm(request.POST)
    action = (response.actions.filter(pk=choice.cleaned_data["action"]).first()
              if choice.is_valid() else None)
    if action is None:
        messages.error(request, "Choose an action from the list.")
        return redirect("staff:response", response_id=response.pk)
    form = ActionUpdateForm(request.POST)
    if not _update(request, action, form):
        return _response_page(request, response, posted=action, update_form=form)
    return redirect("staff:response", response_id=response.pk)


@staff_with(RESPOND)
@require_POST
def _choose_what_to_do(request: HttpRequest, response_id: int) -> HttpResponse:
    messages.error(request, "Choose what to do.")
    return redirect("staff:response", response_id=response_id)


@staff_with(RESPOND)
@require_POST
def set_welsh(request: HttpRequest, response_id: int) -> HttpResponse:
    """The Welsh wording of the response and its actions' titles."""
    response = get_response_for(request.user, response_id)
    form = ResponseWelshForm(request.POST)

    def save() -> str:
        if not form.is_valid():
            raise AccountabilityError(form.errors.get("title_cy", ["Check the Welsh wording."])[0])
        ids = list(response.actions.values_list("pk", flat=True))
        do_set_response_welsh(
            response, form.cleaned_data["title_cy"], form.cleaned_data["body_cy"],
            form.action_titles(ids), signed_in(request), form.action_owners(ids))
        return "Welsh wording saved."

    acted(request, save, AccountabilityError)
    return redirect("staff:response", response_id=response.pk)


response_detail = by_verb(get=show_response, post=by_step(
    {"add": add_action, "update": update_action, "welsh": set_welsh},
    unknown=_choose_what_to_do))


def _add(request: HttpRequest, response: Response, form: ActionForm) -> bool:
    """True when saved; otherwise the form carries the errors and what was typed."""

    def add() -> Action:
        data = form.cleaned_data
        return do_add_action(response, data["title"], data["owner"], signed_in(request),
                             status=data["status"], due_date=data["due_date"],
                             progress=data["progress"], reason=data["reason"],
                             title_cy=data["title_cy"], reason_cy=data["reason_cy"],
                             owner_cy=data["owner_cy"])

    if form_acted(form, add, AccountabilityError) is None:
        return False
    messages.success(request, "Action added.")
    return True


def _update(request: HttpRequest, action: Action, form: ActionUpdateForm) -> bool:
    form_acted(form, lambda: do_update_action(action, signed_in(request), **form.cleaned_data),
               AccountabilityError)
    if form.errors:
        return False
    messages.success(request, f"Saved “{action.title}”.")
    return True


@require_safe
def you_said_we_did(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """The public page: across the organisation, or for one activity."""
    activity, found = published_responses(slug)
    return render(request, "accountability/you_said_we_did.html", {
        "activity": activity, "responses": found.prefetch_related("actions__updates")[:200],
        "metrics": loop_metrics()})

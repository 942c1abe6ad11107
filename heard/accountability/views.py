"""Service leads answer what people said; everyone can see the answers and their progress."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from heard.activities.models import Activity
from heard.audit.log import record
from heard.contributions.models import Contribution

from . import subjects
from .actions import AccountabilityError, do_add_action, do_publish_response, do_update_action
from .forms import SUBJECTS, ActionForm, ActionUpdateForm, ResponseForm
from .metrics import loop_metrics
from .models import Action, Response

RESPOND = "engagement.respond_to_activity"


def _lead(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # login_required and the permission check come first
    return user


@login_required
@permission_required(RESPOND, raise_exception=True)
@require_http_methods(["GET", "POST"])
def responses(request: HttpRequest) -> HttpResponse:
    form = ResponseForm(request.POST or None, initial=request.GET)
    if request.method == "POST" and form.is_valid():
        try:
            response = _publish(form.cleaned_data, _lead(request))
        except AccountabilityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Response published.")
            return redirect("staff:response", response_id=response.pk)
    return render(request, "accountability/staff_responses.html", {
        "form": form, "responses": Response.objects.select_related("activity")[:200],
        "subjects": SUBJECTS, "metrics": loop_metrics()})


def _publish(data: dict, lead: User) -> Response:
    subject = data["subject"]
    if subject == "theme":
        activity = subjects.activity_for_theme(data["theme"])
        if activity is None:
            raise AccountabilityError("Nobody's words are in that theme now. Choose another.")
        return do_publish_response(activity, data["title"], data["body"], lead,
                                   theme_key=data["theme"])
    if subject == "idea":
        idea = Contribution.objects.filter(pk=int(data["idea"])).select_related(
            "activity").first()
        if idea is None:
            raise AccountabilityError("That idea has been taken back. Choose another.")
        return do_publish_response(idea.activity, data["title"], data["body"], lead, idea=idea)
    activity = Activity.objects.filter(slug=data["activity"]).first()
    if activity is None:
        raise AccountabilityError("Choose an activity from the list.")
    return do_publish_response(activity, data["title"], data["body"], lead)


@login_required
@permission_required(RESPOND, raise_exception=True)
@require_http_methods(["GET", "POST"])
def response_detail(request: HttpRequest, response_id: int) -> HttpResponse:
    response = get_object_or_404(Response, pk=response_id)
    step = request.POST.get("step") if request.method == "POST" else None
    add_form = ActionForm(request.POST if step == "add" else None)
    actions = list(response.actions.prefetch_related("updates"))
    posted = _posted_action(request, actions) if step == "update" else None
    update_form = ActionUpdateForm(request.POST) if posted is not None else None
    if step == "add" and _add(request, response, add_form):
        return redirect("staff:response", response_id=response.pk)
    if posted is not None and update_form is not None and _update(request, posted,
                                                                   update_form):
        return redirect("staff:response", response_id=response.pk)
    if step == "update" and posted is None:
        messages.error(request, "Choose an action from the list.")
        return redirect("staff:response", response_id=response.pk)
    record(request.user, "response.viewed", response)
    return render(request, "accountability/staff_response.html", {
        "response": response, "add_form": add_form, "statuses": Action.Status.choices,
        "actions": [(action, update_form if action == posted else None)
                    for action in actions]})


def _posted_action(request: HttpRequest, actions: list[Action]) -> Action | None:
    wanted = _int(request.POST.get("action"))
    return next((a for a in actions if a.pk == wanted), None)


def _add(request: HttpRequest, response: Response, form: ActionForm) -> bool:
    """True when saved; otherwise the form carries the errors and what was typed."""
    if not form.is_valid():
        return False
    data = form.cleaned_data
    try:
        do_add_action(response, data["title"], data["owner"], _lead(request),
                      status=data["status"], due_date=data["due_date"],
                      progress=data["progress"], reason=data["reason"])
    except AccountabilityError as error:
        form.add_error(None, str(error))
        return False
    messages.success(request, "Action added.")
    return True


def _update(request: HttpRequest, action: Action, form: ActionUpdateForm) -> bool:
    if not form.is_valid():
        return False
    try:
        do_update_action(action, _lead(request), **form.cleaned_data)
    except AccountabilityError as error:
        form.add_error(None, str(error))
        return False
    messages.success(request, f"Saved “{action.title}”.")
    return True


def _int(raw: str | None) -> int:
    return int(raw) if raw and raw.isdigit() else 0


def you_said_we_did(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """The public page: across the organisation, or for one activity."""
    activity = None
    found = Response.objects.filter(published_at__isnull=False).select_related("activity")
    if slug is not None:
        activity = Activity.objects.filter(slug=slug).first()
        if activity is None:
            raise Http404("No such activity")
        found = found.filter(activity=activity)
    return render(request, "accountability/you_said_we_did.html", {
        "activity": activity, "responses": found.prefetch_related("actions__updates")[:200],
        "metrics": loop_metrics()})

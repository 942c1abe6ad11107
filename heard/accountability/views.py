"""Service leads answer what people said; everyone can see the answers and their progress."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from heard.audit.log import record
from heard.contributions.models import Contribution
from heard.engagement.models import Activity

from .actions import AccountabilityError, do_add_action, do_publish_response, do_update_action
from .forms import ActionForm, ActionUpdateForm, ResponseForm
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
        "activities": Activity.objects.exclude(status=Activity.Status.DRAFT),
        "metrics": loop_metrics()})


def _publish(data: dict, lead: User) -> Response:
    activity = Activity.objects.filter(slug=data["activity"]).first()
    if activity is None:
        raise AccountabilityError("Choose an activity from the list.")
    idea = None
    if data.get("idea"):
        idea = Contribution.objects.filter(pk=data["idea"]).first()
        if idea is None:
            raise AccountabilityError("There is no idea with that number.")
    return do_publish_response(activity, data["title"], data["body"], lead, idea=idea,
                               theme_key=data.get("theme_key") or "")


@login_required
@permission_required(RESPOND, raise_exception=True)
@require_http_methods(["GET", "POST"])
def response_detail(request: HttpRequest, response_id: int) -> HttpResponse:
    response = get_object_or_404(Response, pk=response_id)
    add_form = ActionForm(request.POST if request.POST.get("step") == "add" else None)
    if request.method == "POST" and _handle(request, response, add_form):
        return redirect("staff:response", response_id=response.pk)
    record(request.user, "response.viewed", response)
    return render(request, "accountability/staff_response.html", {
        "response": response, "add_form": add_form, "statuses": Action.Status.choices,
        "actions": response.actions.prefetch_related("updates")})


def _handle(request: HttpRequest, response: Response, add_form: ActionForm) -> bool:
    lead = _lead(request)
    try:
        if request.POST.get("step") == "add":
            if not add_form.is_valid():
                return False
            data = add_form.cleaned_data
            do_add_action(response, data["title"], data["owner"], lead, status=data["status"],
                          due_date=data["due_date"], progress=data["progress"],
                          reason=data["reason"])
        else:
            action = response.actions.filter(pk=_int(request.POST.get("action"))).first()
            form = ActionUpdateForm(request.POST)
            if action is None or not form.is_valid():
                raise AccountabilityError("Choose a status and a progress from 0 to 100.")
            do_update_action(action, lead, **form.cleaned_data)
    except AccountabilityError as error:
        if request.POST.get("step") == "add":
            add_form.add_error(None, str(error))
            return False
        messages.error(request, str(error))
        return True
    messages.success(request, "Saved.")
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

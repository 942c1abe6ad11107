"""A Call for Ideas for participants: read and support published ideas, share your own. An idea
is a contribution of kind idea, so it is checked and moderated before anyone sees it."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

from heard.activities import flow
from heard.activities.access import (
    get_public_idea,
    ideas_supported_by,
    known_supporter,
    support_count,
    supporter_for,
)
from heard.activities.answers import EngagementError, closed_message
from heard.activities.call_for_ideas.actions import do_submit_idea, do_support_idea
from heard.activities.models import Activity
from heard.activities.participant_session import hand_over
from heard.activities.steps import FlowSteps, held_urgent
from heard.contributions import help_now
from heard.contributions.access import held_disclosure, on_receipt, published_in
from heard.contributions.actions import ContributionError, NewContribution, do_hold_disclosure
from heard.contributions.forms import WriteForm
from heard.contributions.models import Contribution
from heard.core.suppression import shown
from heard.core.verbs import acted, by_verb, form_acted
from heard.people import send_once
from heard.people.models import format_receipt_code, receipt_code_for_token

FLOW = "ideas"
STEPS = FlowSteps(FLOW, Activity.Kind.CALL_FOR_IDEAS, first_page="engagement:ideas",
                  own_step=("text", "engagement:idea-new"), names="engagement:idea",
                  noun="call for ideas")
_activity = STEPS.activity
_needs = STEPS.needs


@require_safe
def ideas(request: HttpRequest, slug: str) -> HttpResponse:
    activity = _activity(slug)
    published = list(published_in(activity).filter(kind=Contribution.Kind.IDEA)
                     .order_by("-moderated_at", "-id")[:200])
    supported = ideas_supported_by(known_supporter(request), published)
    rows = [{"idea": idea, "supports": shown(support_count(idea)),
             "supported": idea.pk in supported} for idea in published]
    return render(request, "engagement/ideas/list.html", {
        "activity": activity, "rows": rows, "accepting": activity.is_accepting(),
        "closed_message": closed_message(activity, "call for ideas")})


@require_http_methods(["POST"])
def support(request: HttpRequest, slug: str, idea_id: int) -> HttpResponse:
    activity = _activity(slug)
    idea = get_public_idea(activity, idea_id)

    def back_it() -> str:
        do_support_idea(idea, supporter_for(request), request.user)
        return _("Thank you. You support this idea.")

    acted(request, back_it, EngagementError)
    return redirect(f"{reverse('engagement:ideas', args=[slug])}#idea-{idea.pk}")


def _write_page(request: HttpRequest, activity: Activity, form: WriteForm) -> HttpResponse:
    return render(request, "engagement/ideas/write.html", {
        "activity": activity, "form": form, "max_length": settings.HEARD_MAX_TEXT_LENGTH},
        status=400 if form.errors else 200)


def _writing(request: HttpRequest, slug: str) -> tuple[Activity, dict] | HttpResponse:
    """The activity and the journey so far; or the step to go back to."""
    activity = _activity(slug)
    if (blocked := _needs(request, activity)) is not None:
        return blocked
    return activity, flow.load(request, FLOW, activity)


@require_GET
def show_write(request: HttpRequest, slug: str) -> HttpResponse:
    if isinstance(writing := _writing(request, slug), HttpResponse):
        return writing
    activity, state = writing
    return _write_page(request, activity, WriteForm(initial={"title": state.get("title", ""),
                                                             "text": state.get("text", "")}))


@require_POST
def take_idea(request: HttpRequest, slug: str) -> HttpResponse:
    if isinstance(writing := _writing(request, slug), HttpResponse):
        return writing
    activity, state = writing
    form = WriteForm(request.POST)

    def hold() -> tuple[NewContribution, Contribution | None]:
        new = NewContribution(kind=Contribution.Kind.IDEA, text=form.cleaned_data["text"],
                              title=form.cleaned_data["title"])
        # Triage now, not at Send: a person at risk may never press it.
        return new, do_hold_disclosure(activity, new, request.user, held=_held(state))

    written = form_acted(form, hold, ContributionError, field="text")
    if written is None:
        return _write_page(request, activity, form)
    new, held = written
    flow.save(request, FLOW, activity, title=new.title, text=new.text,
              held_id=held.pk if held else None)
    return redirect(STEPS.page("who"), slug=slug)


write = by_verb(get=show_write, post=take_idea)


@require_POST
def send(request: HttpRequest, slug: str) -> HttpResponse:
    if isinstance(sending := STEPS.sending(request, slug, _sent_already), HttpResponse):
        return sending
    return _send(request, *sending)


show_check = STEPS.check_page("engagement/ideas/check.html", lambda activity, state: {
    "state": state, "held_urgent": held_urgent(state)})


check = by_verb(get=show_check, post=send)


def _sent_already(request: HttpRequest, activity: Activity) -> HttpResponse | None:
    """A repeat press of Send shows the first press's receipt and makes nothing."""
    earlier = send_once.earlier_press(request)
    idea = on_receipt(earlier.receipt).first() if earlier is not None else None
    if earlier is None or idea is None:
        return None
    flow.clear(request, FLOW, activity)
    hand_over(request, activity, format_receipt_code(earlier.code),
              help_now.is_urgent(idea.safety_level))
    return redirect(STEPS.page("done"), slug=activity.slug)


def _send(request: HttpRequest, activity: Activity, state: dict) -> HttpResponse:
    new = NewContribution(kind=Contribution.Kind.IDEA, text=state["text"],
                          title=state.get("title", ""), perspectives=tuple(state["perspectives"]),
                          consents=state["consents"])
    token = send_once.posted_token(request)
    try:
        idea, code = do_submit_idea(activity, new, request.user,
                                    code=receipt_code_for_token(token)
                                    if token and token == state.get(send_once.FIELD) else None,
                                    held=_held(state))
    except EngagementError as error:
        messages.error(request, str(error))
        return redirect(STEPS.page("check"), slug=activity.slug)
    flow.clear(request, FLOW, activity)
    hand_over(request, activity, format_receipt_code(code),
              help_now.is_urgent(idea.safety_level) or bool(state.get("held_id")))
    return redirect(STEPS.page("done"), slug=activity.slug)


def _held(state: dict) -> Contribution | None:
    return held_disclosure(state.get("held_id"))

"""The "who are you" and "how we may use it" pages that consultations and Call for Ideas share
with the share journey: the same forms and templates, kept in each activity's own flow."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST, require_safe

from heard.contributions.forms import ConsentForm, WhoForm
from heard.core.verbs import View, by_verb
from heard.core.vocab import PERSPECTIVE_LABELS, PERSPECTIVE_ROWS
from heard.people import send_once

from . import flow
from .access import get_public_activity
from .answers import closed_message
from .models import Activity
from .participant_session import take_over

# The activity, when the step may be shown now; else where to send the person instead.
Ready = Callable[[HttpRequest, str], "Activity | HttpResponse"]


# The pages every flow has after its own first step, in order, with the same forms and
# templates: "who are you", "how we may use it", the check page with Send, and the page after.
SHARED_STEPS = ("who", "consent", "check", "done")


@dataclass(frozen=True)
class FlowSteps:
    """A kind's participant flow: its own first step, then SHARED_STEPS, whose pages and URL
    names are made here; and where it sends a person who is not ready for a page: a closed
    activity back to the flow's first page with why, a skipped step back to that step. The
    consultation and the Call for Ideas answer this the same way, with their own pages."""

    flow: str  # the name the flow's answers are kept under in the session (activities.flow)
    kind: str  # the Activity.Kind whose pages these are
    first_page: str  # URL name (taking the slug) a closed activity sends the person back to
    # The flow's own first step: the key of the flow's state it gives, and its page's URL name.
    own_step: tuple[str, str]
    # The URL names of the pages every flow has after its own step (SHARED_STEPS) are this, a
    # dash and the step: "engagement:idea" names "engagement:idea-who", and so on.
    names: str
    noun: str  # what closed_message calls the activity ("consultation", "call for ideas")

    def page(self, step: str) -> str:
        """The URL name (taking the slug) of one of the flow's SHARED_STEPS."""
        return f"{self.names}-{step}"

    @property
    def step_for(self) -> Mapping[str, str]:
        """A key of the flow's state -> URL name of the page that gives it, in the flow's order:
        its own first step, then "perspectives" and "consents" (the who and consent pages)."""
        key, own_page = self.own_step
        return {key: own_page, "perspectives": self.page("who"), "consents": self.page("consent")}

    def activity(self, slug: str) -> Activity:
        return get_public_activity(slug, self.kind)

    def closed(self, request: HttpRequest, activity: Activity) -> HttpResponse | None:
        if activity.is_accepting():
            return None
        messages.error(request, closed_message(activity, self.noun))
        return redirect(self.first_page, slug=activity.slug)

    def needs(self, request: HttpRequest, activity: Activity, *keys: str) -> HttpResponse | None:
        """Send the person back to the first step they have not done yet."""
        if (blocked := self.closed(request, activity)) is not None:
            return blocked
        state = flow.load(request, self.flow, activity)
        for key in keys:
            if key not in state:
                return redirect(self.step_for[key], slug=activity.slug)
        return None

    def ready_for(self, *keys: str) -> Ready:
        """The activity, once the person has done the steps that give ``keys``."""

        def ready(request: HttpRequest, slug: str) -> Activity | HttpResponse:
            activity = self.activity(slug)
            return self.needs(request, activity, *keys) or activity

        return ready

    def needs_all(self, request: HttpRequest, activity: Activity) -> HttpResponse | None:
        """Every step done, as the check page and Send need."""
        return self.needs(request, activity, *self.step_for)

    def sending(self, request: HttpRequest, slug: str,
                sent_already: Callable[[HttpRequest, Activity], HttpResponse | None]
                ) -> tuple[Activity, dict[str, Any]] | HttpResponse:
        """For Send: a repeat press first gets what the first press made (`sent_already`);
        otherwise, once every step is done, the activity and the answers to send."""
        activity = self.activity(slug)
        if (sent := sent_already(request, activity)) is not None:
            return sent
        if (blocked := self.needs_all(request, activity)) is not None:
            return blocked
        return activity, flow.load(request, self.flow, activity)

    def checking(self, request: HttpRequest, slug: str
                 ) -> tuple[Activity, dict[str, Any], str] | HttpResponse:
        """For the check page, once every step is done: the activity, the answers so far, and
        the token its Send button carries (kept in the flow, so a second press of Send is
        known as the same sending)."""
        activity = self.activity(slug)
        if (blocked := self.needs_all(request, activity)) is not None:
            return blocked
        state = flow.load(request, self.flow, activity)
        token = state.get(send_once.FIELD) or send_once.new_token()
        flow.save(request, self.flow, activity, **{send_once.FIELD: token})
        return activity, state, token

    def check_page(self, template: str,
                   own: Callable[[Activity, dict[str, Any]], dict[str, Any]]) -> View:
        """The flow's check page (GET): who the person said they are, what they agreed to, and
        the Send button with its token; `own` adds what the kind's own steps gave (an idea's
        words, a consultation's answers) and whether help shows at the top."""

        @require_GET
        def show_check(request: HttpRequest, slug: str) -> HttpResponse:
            if isinstance(checking := self.checking(request, slug), HttpResponse):
                return checking
            activity, state, token = checking
            return render(request, template, {
                "activity": activity, "steps": self, "send_token": token,
                "consents": state["consents"],
                "perspective_labels": [gettext(PERSPECTIVE_LABELS[p])
                                       for p in state["perspectives"]],
                **own(activity, state)})

        return show_check

    def done_page(self) -> View:
        """The flow's page after Send (templates/engagement/done.html): the receipt code Send
        handed over (participant_session.hand_over), shown this once, and help at the top
        when the words needed it."""

        @require_safe
        def done(request: HttpRequest, slug: str) -> HttpResponse:
            activity = self.activity(slug)
            code, urgent = take_over(request, activity)
            return render(request, "engagement/done.html", {
                "activity": activity, "code": code, "urgent": urgent})

        return done

    def who_and_consent(self) -> tuple[View, View]:
        """The flow's "who are you" and "how we may use it" pages, which come after its own
        first step and before its check page."""
        own, own_page = self.own_step
        who = who_views(self.ready_for(own), self.flow, self.page("consent"), own_page)
        consent = consent_views(self.ready_for(own, "perspectives"), self.flow,
                                self.page("check"), self.page("who"))
        return who, consent

    def shared_pages(self, address: str, check: View) -> list[URLPattern]:
        """The URL patterns of the flow's SHARED_STEPS, each at `address` (which takes the
        activity's slug) and the step: who, consent, the kind's `check` page (its own answers
        on the check page, and its Send) and done. For the kind's urls.py, mounted in the
        namespace that `names` starts with."""
        who, consent = self.who_and_consent()
        views = dict(zip(SHARED_STEPS, (who, consent, check, self.done_page()), strict=True))
        name = self.names.rpartition(":")[2]
        return [path(f"{address}{step}/", view, name=f"{name}-{step}")
                for step, view in views.items()]


def _answer_once_views(ready: Ready, flow_name: str, next_step: str, back: str, *,
                       form_class: type[WhoForm] | type[ConsentForm], template: str,
                       initial: Callable[[dict], dict[str, Any]],
                       keep: Callable[[Any], dict[str, Any]],
                       context: dict[str, Any] | None = None) -> View:
    """A page of a flow with one form: GET shows it filled from the answers kept so far
    (`initial`), POST keeps what `keep` takes from the valid form and goes on to ``next_step``.
    ``next_step`` and ``back`` are URL names that take the activity's slug."""

    def page(request: HttpRequest, activity: Activity, form: Any) -> HttpResponse:
        return render(request, template, {
            **(context or {}), "activity": activity, "form": form,
            "back_url": reverse(back, args=[activity.slug]),
            "held_urgent": held_urgent(flow.load(request, flow_name, activity))})

    @require_GET
    def show(request: HttpRequest, slug: str) -> HttpResponse:
        if isinstance(activity := ready(request, slug), HttpResponse):
            return activity
        return page(request, activity,
                    form_class(initial=initial(flow.load(request, flow_name, activity))))

    @require_POST
    def answer(request: HttpRequest, slug: str) -> HttpResponse:
        if isinstance(activity := ready(request, slug), HttpResponse):
            return activity
        form = form_class(request.POST)
        if not form.is_valid():
            return page(request, activity, form)
        flow.save(request, flow_name, activity, **keep(form))
        return redirect(next_step, slug=activity.slug)

    return by_verb(get=show, post=answer)


def who_views(ready: Ready, flow_name: str, next_step: str, back: str) -> View:
    """The "who are you" page of a flow."""
    return _answer_once_views(
        ready, flow_name, next_step, back, form_class=WhoForm, template="engagement/who.html",
        context={"perspective_rows": PERSPECTIVE_ROWS},
        initial=lambda state: {"perspectives": state.get("perspectives", []),
                               "rather_not_say": state.get("perspectives") == []},
        keep=lambda form: {"perspectives": form.cleaned_data["perspectives"]})


def consent_views(ready: Ready, flow_name: str, next_step: str, back: str) -> View:
    """The "how we may use it" page of a flow."""
    return _answer_once_views(
        ready, flow_name, next_step, back, form_class=ConsentForm,
        template="engagement/consent.html",
        initial=lambda state: {f"consent_{p}": ("yes" if v else "no")
                               for p, v in state.get("consents", {}).items()},
        keep=lambda form: {"consents": form.consents()})


def held_urgent(state: dict) -> bool:
    """Words written earlier in this flow were kept for the safeguarding lead: help shows on
    every page after, before any question about who the person is."""
    return bool(state.get("held") or state.get("held_id"))

"""The share journey, the receipt pages and the public pages. Views stay thin: forms check the
input, actions write, access helpers read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

from heard.activities.models import DEFAULT_ACTIVITY_SLUG, Activity
from heard.activities.participant_session import hand_over, take_over
from heard.activities.registry import kind_of, take_part
from heard.core.posted import ConfirmForm
from heard.core.suppression import item_labels
from heard.core.verbs import View, acted, by_verb
from heard.core.vocab import (
    PERSPECTIVE_ROWS,
    is_dual_perspective,
)
from heard.people import send_once
from heard.people.actions import do_remember_self_description
from heard.people.models import (
    Profile,
    format_receipt_code,
    receipt_code_for_token,
)
from heard.people.receipt_session import hold_receipt, session_receipt
from heard.people.sign_in_guard import code_throttle, too_many_codes_message

from . import assisted, assisted_views, help_now, journey
from .access import (
    get_owned_contribution,
    held_disclosure,
    on_receipt,
    owned_contributions,
    published_in,
    receipt_for_code,
    remembered_profile,
)
from .actions import (
    ContributionError,
    NewContribution,
    do_change_consent,
    do_hold_disclosure,
    do_set_update_email,
    do_submit_contribution,
    do_withdraw_contribution,
)
from .band_texts import (
    AGE_CHOICES,
    AGE_HINT,
    AGE_QUESTION,
    EASY_CONSENT,
    EASY_CONSENT_INTRO,
    EASY_CONSENT_TITLE,
    FACES,
    BandTexts,
    texts_for,
)
from .forms import (
    AboutYouForm,
    AgeForm,
    ChangeConsentForm,
    ConsentForm,
    ReadingForm,
    ReceiptForm,
    ShareWriteForm,
    UpdateEmailForm,
    WhatForm,
    WhoForm,
)
from .labels import PERSPECTIVE_LABELS_SHOWN, kind_label, perspective_label
from .models import EASY_READ_CONSENT_TEXT_VERSION, Contribution
from .presentation import equality_summary, perspective_counts, public_perspectives


@require_safe
def share_index(request: HttpRequest) -> HttpResponse:
    return redirect("share:start", slug=DEFAULT_ACTIVITY_SLUG)


@require_safe
def start(request: HttpRequest, slug: str) -> HttpResponse:
    activity = journey.open_activity(slug)
    if kind_of(activity).own_pages_only:
        # An old or shared link to the story form for an opinion map or an event: people take
        # part in those on their own pages, so send them there rather than to the wrong form.
        entry = take_part(activity)
        if entry is not None:
            return redirect(entry.url)
    return render(request, "share/start.html", {"activity": activity,
                                                 "accepting": activity.is_accepting()})


def _no_extra(request: HttpRequest, state: dict[str, Any]) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class _Step:
    """One page of the share journey. GET shows its form, filled from the journey so far; POST
    checks the form, keeps the answers in the journey and goes on to the next step, or shows
    the form again with what is wrong. Each verb is its own view (``views``)."""

    name: str
    form_class: type[forms.Form]
    template: str
    initial: Callable[[HttpRequest, dict[str, Any]], dict[str, Any]]
    answers: Callable[[Any], dict[str, Any]]
    more: Callable[[HttpRequest, dict[str, Any]], dict[str, Any]] = _no_extra  # for the page

    def show(self, request: HttpRequest, slug: str) -> HttpResponse:
        if isinstance(ready := journey.ready(request, slug, self.name), HttpResponse):
            return ready
        activity, state = ready
        return self.page(request, activity, state,
                         self.form_class(initial=self.initial(request, state)))

    def answer(self, request: HttpRequest, slug: str) -> HttpResponse:
        if isinstance(ready := journey.ready(request, slug, self.name), HttpResponse):
            return ready
        activity, state = ready
        form = self.form_class(request.POST)
        if not form.is_valid():
            return self.page(request, activity, state, form)
        values = self.answers(form)
        if self.name == "write":
            values["held_id"] = _hold_if_at_risk(request, activity, state, values)
        journey.save(request, slug, **values)
        return redirect(f"share:{journey.next_step(state, self.name)}", slug=slug)

    def page(self, request: HttpRequest, activity: Activity, state: dict[str, Any],
             form: forms.Form) -> HttpResponse:
        return render(request, self.template, {
            "activity": activity, "form": form, "step": self.name,
            "back_step": f"share:{journey.previous_step(self.name)}",
            "texts": _texts(state), "held_urgent": bool(state.get("held_id")),
            **self.more(request, state)})

    def views(self) -> View:
        return by_verb(get=require_GET(self.show), post=require_POST(self.answer))


def _hold_if_at_risk(request: HttpRequest, activity: Activity, state: dict[str, Any],
                     values: dict[str, Any]) -> int | None:
    """Triage the words as soon as they are written. Immediate risk is kept for the
    safeguarding lead now, so a person who leaves before Send is not lost; the next page shows
    help at once."""
    new = NewContribution(kind=state.get("kind", "story"), text=values["text"],
                          title=values["title"], perspectives=tuple(state.get("perspectives", [])),
                          age_journey=state.get("age_journey", ""))
    try:
        held = do_hold_disclosure(activity, new, request.user, held=_held(state))
    except ContributionError:
        return state.get("held_id")  # the form has checked the words; nothing else to say
    return held.pk if held is not None else None


def _held(state: dict[str, Any]) -> Contribution | None:
    held_id = state.get("held_id")
    return held_disclosure(held_id)


def _remembered(request: HttpRequest) -> Profile | None:
    """A signed-in participant's own earlier answers, offered again (never for staff)."""
    return remembered_profile(request.user)


def _texts(state: dict[str, Any]) -> BandTexts:
    return texts_for(state.get("age_journey"))


age = _Step(
    "age", AgeForm, "share/age.html",
    lambda request, s: {"age_journey": s.get("age_journey")},
    lambda f: {"age_journey": f.cleaned_data["age_journey"]},
    lambda request, s: {"age_question": AGE_QUESTION, "age_hint": AGE_HINT,
                        "age_choices": AGE_CHOICES},
).views()


def _perspective_rows(texts: BandTexts) -> list[tuple[str, Any, Any]]:
    """(code, label, hint) for the band's own short list, or everyone's list without hints."""
    if texts.perspectives:
        return [(c.value, c.label, c.hint) for c in texts.perspectives]
    return [(code, gettext_lazy(label), "") for code, label, _ in PERSPECTIVE_ROWS]


def _who_initial(request: HttpRequest, state: dict[str, Any]) -> dict[str, Any]:
    profile = _remembered(request)
    remembered = profile.perspectives if profile else []
    return {"perspectives": state.get("perspectives", remembered),
            "rather_not_say": state.get("perspectives") == []}


who = _Step(
    "who", WhoForm, "share/who.html", _who_initial,
    lambda f: {"perspectives": f.cleaned_data["perspectives"]},
    lambda request, s: {"perspective_rows": _perspective_rows(_texts(s)),
                        "perspective_hints": True},
).views()


what = _Step(
    "what", WhatForm, "share/what.html",
    lambda request, s: {"kind": s.get("kind")},
    lambda f: {"kind": f.cleaned_data["kind"]},
    lambda request, s: {"kinds": [(c.value, c.label, c.hint, c.picture)
                                  for c in _texts(s).kinds]},
).views()


write = _Step(
    "write", ShareWriteForm, "share/write.html",
    lambda request, s: {"title": s.get("title", ""), "text": s.get("text", ""),
                        "home_feeling": s.get("home_feeling")},
    lambda f: {"title": f.cleaned_data["title"], "text": f.cleaned_data["text"],
               "home_feeling": f.cleaned_data["home_feeling"]},
    lambda request, s: {"kind": s.get("kind", "story"),
                        "max_length": settings.HEARD_MAX_TEXT_LENGTH,
                        "text_hint": _text_hint(_texts(s), settings.HEARD_MAX_TEXT_LENGTH)},
).views()


def _text_hint(texts: BandTexts, limit: int) -> str:
    return str(texts.text_hint) % {"limit": f"{limit:d}"}


def _easy_read(request: HttpRequest, slug: str, state: dict[str, Any]) -> bool:
    """The easy-read consent page is the default for the youngest bands; anyone can switch
    either way with the link on the page, and the choice holds for this journey."""
    asked = ReadingForm(request.GET).value("read")
    if asked:
        journey.save(request, slug, read=asked)
        return asked == "easy"
    return state["read"] == "easy" if "read" in state else _texts(state).easy_read


def _consent_initial(request: HttpRequest, state: dict[str, Any]) -> dict[str, Any]:
    return {f"consent_{p}": ("yes" if v else "no") for p, v in state.get("consents", {}).items()}


def _consent_step(easy: bool) -> _Step:
    version = EASY_READ_CONSENT_TEXT_VERSION if easy else ""
    return _Step(
        "consent", ConsentForm,
        "share/consent_easy_read.html" if easy else "share/consent.html", _consent_initial,
        lambda f: {"consents": f.consents(), "consent_version": version,
                   "supporting_adult_agreed": None},
        lambda request, s: {"other_version": not easy, "easy_title": EASY_CONSENT_TITLE,
                            "easy_intro": EASY_CONSENT_INTRO, "easy_consent": EASY_CONSENT},
    )


_CONSENT_STEPS = {assisted.ConsentPage.STANDARD: _consent_step(easy=False),
                  assisted.ConsentPage.EASY_READ: _consent_step(easy=True)}


def _consent_page(request: HttpRequest, slug: str) -> _Step | None:
    """This person's consent step; None for the child-consent page (assisted_views)."""
    state = journey.load(request, slug)
    page = assisted.consent_page(state, easy_read=_easy_read(request, slug, state))
    return _CONSENT_STEPS.get(page)


@require_GET
def show_consent(request: HttpRequest, slug: str) -> HttpResponse:
    step = _consent_page(request, slug)
    return assisted_views.show_child_consent(request, slug) if step is None \
        else step.show(request, slug)


@require_POST
def answer_consent(request: HttpRequest, slug: str) -> HttpResponse:
    step = _consent_page(request, slug)
    return assisted_views.answer_child_consent(request, slug) if step is None \
        else step.answer(request, slug)


consent = by_verb(get=show_consent, post=answer_consent)


about_you = _Step(
    "about-you", AboutYouForm, "share/about_you.html",
    lambda request, s: s.get("equality", {}),
    lambda f: {"equality": f.answers()},
).views()


@require_POST
def send(request: HttpRequest, slug: str) -> HttpResponse:
    activity = journey.open_activity(slug)
    if (sent := _sent_already(request, activity)) is not None:
        return sent
    if (elsewhere := journey.blocked(request, activity, "check")) is not None:
        return elsewhere
    state = journey.load(request, slug)
    token = send_once.posted_token(request)
    try:
        contribution, code = do_submit_contribution(
            activity, _new_contribution_from(state), request.user,
            held=_held(state),
            code=receipt_code_for_token(token) if token == state.get(send_once.FIELD)
            and token else None,
        )
    except ContributionError as error:
        messages.error(request, str(error))
        return redirect("share:check", slug=slug)
    if (profile := _remembered(request)) is not None:
        do_remember_self_description(profile.user, state["perspectives"],
                                     state.get("equality", {}))
    return _show_receipt(request, activity, code, contribution,
                         held_urgent=bool(state.get("held_id")))


@require_GET
def show_check(request: HttpRequest, slug: str) -> HttpResponse:
    if isinstance(ready := journey.ready(request, slug, "check"), HttpResponse):
        return ready
    activity, state = ready
    token = state.get(send_once.FIELD) or send_once.new_token()
    journey.save(request, slug, checking=True, **{send_once.FIELD: token})
    context = {
        "activity": activity,
        "send_token": token,
        "state": state,
        "perspective_labels": [perspective_label(p) for p in state["perspectives"]],
        "dual": is_dual_perspective(state["perspectives"]),
        "kind_label": kind_label(state["kind"]),
        "equality": equality_summary(state.get("equality", {})),
        "held_urgent": bool(state.get("held_id")),
        "texts": _texts(state),
        "age_label": _label(AGE_CHOICES, state.get("age_journey")),
        "feeling_label": _label(FACES, str(state.get("home_feeling") or "")),
        "helper": assisted.helper_summary(state),
    }
    return render(request, "share/check.html", context)


check = by_verb(get=show_check, post=send)


def _label(choices: tuple[Any, ...], value: str | None) -> Any:
    return next((c.label for c in choices if c.value == value), None)


def _sent_already(request: HttpRequest, activity: Activity) -> HttpResponse | None:
    """A repeat press of Send (a double click, a slow network): show the first one's receipt."""
    earlier = send_once.earlier_press(request)
    first = on_receipt(earlier.receipt).first() if earlier is not None else None
    if earlier is None or first is None:
        return None
    return _show_receipt(request, activity, earlier.code, first)


def _show_receipt(request: HttpRequest, activity: Activity, code: str,
                  contribution: Contribution, *, held_urgent: bool = False) -> HttpResponse:
    journey.clear(request, activity.slug)
    held_for_child = assisted.hold_code_for_child(request, contribution,
                                                  format_receipt_code(code))
    # Words kept for the lead before Send were urgent, whatever the sent words say now.
    hand_over(request, activity, None if held_for_child else format_receipt_code(code),
              help_now.is_urgent(contribution.safety_level) or held_urgent)
    return redirect("share:done", slug=activity.slug)


def _new_contribution_from(state: dict[str, Any]) -> NewContribution:
    return NewContribution(
        kind=state["kind"], text=state["text"], title=state.get("title", ""),
        perspectives=tuple(state["perspectives"]), consents=state["consents"],
        equality=state.get("equality", {}), age_journey=state.get("age_journey", ""),
        home_feeling=state.get("home_feeling"), **assisted.contribution_fields(state),
    )


@require_safe
def done(request: HttpRequest, slug: str) -> HttpResponse:
    activity = journey.open_activity(slug)
    if assisted.code_waiting_for_child(request):
        return redirect("share:code-choice", slug=slug)
    # Shown once: after this page the code exists only with the person.
    code, urgent = take_over(request, activity)
    if code is None:
        return redirect("receipt:enter")
    return render(request, "share/done.html", {"activity": activity, "code": code,
                                               "urgent": urgent})


@require_GET
def show_receipt_enter(request: HttpRequest) -> HttpResponse:
    return render(request, "receipt/enter.html", {"form": ReceiptForm()})


@require_POST
def open_receipt(request: HttpRequest) -> HttpResponse:
    form = ReceiptForm(request.POST)
    throttle = code_throttle()
    if throttle.is_blocked(request):
        form.is_valid()
        form.add_error("code", too_many_codes_message())
        return render(request, "receipt/enter.html", {"form": form}, status=429)
    if form.is_valid():
        receipt = receipt_for_code(form.cleaned_data["code"])
        if receipt is not None:
            hold_receipt(request, receipt)
            return redirect("receipt:view")
        throttle.count_wrong_guess(request)
        form.add_error("code", gettext(
            "We could not find that receipt code. Check it and try again."))
    return render(request, "receipt/enter.html", {"form": form})


receipt_enter = by_verb(get=show_receipt_enter, post=open_receipt)


def _owned(request: HttpRequest) -> QuerySet[Contribution] | None:
    return owned_contributions(_session_receipt(request), request.user)


def _one_owned(request: HttpRequest, contribution_id: int) -> Contribution | HttpResponse:
    """One of the person's own contributions (404 for anyone else's); with no receipt or
    account in hand, the page that asks for their code."""
    owned = _owned(request)
    if owned is None:
        return redirect("receipt:enter")
    return get_owned_contribution(owned, contribution_id)


# The receipt page itself ("your words and what was done") is heard.accountability.receipt_views:
# it shows responses, which sit a layer above contributions.
_session_receipt = session_receipt


@require_POST
def receipt_email(request: HttpRequest) -> HttpResponse:
    receipt = _session_receipt(request)
    if receipt is None:
        return redirect("receipt:enter")
    form = UpdateEmailForm(request.POST)

    def save() -> str:
        do_set_update_email(receipt, form.value("email"), form.consented(), request.user)
        return (gettext("Saved. We will email you when something changes.") if receipt.email
                else gettext("We will not email you."))

    acted(request, save, ContributionError)
    return redirect("receipt:view")


@require_http_methods(["POST"])
def receipt_change_consent(request: HttpRequest, contribution_id: int) -> HttpResponse:
    if isinstance(contribution := _one_owned(request, contribution_id), HttpResponse):
        return contribution
    form = ChangeConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Choose yes or no for that question."))
        return redirect("receipt:view")

    def change() -> str:
        do_change_consent(contribution, form.cleaned_data["purpose"],
                          form.cleaned_data["given"] == "yes", request.user)
        return gettext("Your choice has been saved.")

    acted(request, change, ContributionError)
    return redirect("receipt:view")


@require_GET
def show_withdraw(request: HttpRequest, contribution_id: int) -> HttpResponse:
    if isinstance(contribution := _one_owned(request, contribution_id), HttpResponse):
        return contribution
    return render(request, "receipt/withdraw.html", {"contribution": contribution})


@require_POST
def withdraw(request: HttpRequest, contribution_id: int) -> HttpResponse:
    if isinstance(contribution := _one_owned(request, contribution_id), HttpResponse):
        return contribution
    if not ConfirmForm(request.POST).is_valid():
        messages.error(request, gettext("Choose yes if you want to take back what you shared."))
        return redirect("receipt:withdraw", contribution_id=contribution.pk)

    def take_back() -> str:
        do_withdraw_contribution(contribution, request.user)
        return gettext("What you shared has been deleted. It will not be used.")

    acted(request, take_back, ContributionError)
    return redirect("receipt:view")


receipt_withdraw = by_verb(get=show_withdraw, post=withdraw)


@require_http_methods(["POST"])
def receipt_leave(request: HttpRequest) -> HttpResponse:
    # The whole session goes, not just the receipt: the next person on this device gets none.
    request.session.flush()
    return redirect(reverse("home"))


@require_safe
def activity_public(request: HttpRequest, slug: str) -> HttpResponse:
    activity = journey.open_activity(slug)
    published = list(published_in(activity).order_by("-moderated_at", "-id")[:200])
    counts = perspective_counts(published_in(activity))
    allowed = public_perspectives(published_in(activity))
    for contribution in published:
        contribution.shown_perspectives = item_labels(  # type: ignore[attr-defined]
            contribution.perspectives or [], allowed)
    return render(request, "activities/public.html", {
        "activity": activity, "published": published, "counts": counts,
        "perspective_labels": PERSPECTIVE_LABELS_SHOWN, "total": len(published),
    })


@require_safe
def activities_index(request: HttpRequest) -> HttpResponse:
    activities = Activity.objects.public()
    return render(request, "activities/index.html", {"activities": activities})


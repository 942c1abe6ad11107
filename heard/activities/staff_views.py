"""Facilitators' pages: set up each type of activity, open and close it, and follow it on a
dashboard. Views only read forms and call actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

from heard.activities.actions import (
    EngagementError,
    do_add_key_message,
    do_add_material,
    do_add_presenter,
    do_create_activity,
    do_remove_event_part,
    do_set_activity_status,
    do_set_key_message_published,
    do_set_key_message_welsh,
    do_update_activity,
)
from heard.activities.consultation.actions import (
    do_add_question,
    do_remove_question,
    do_update_question,
)
from heard.audit.log import record
from heard.contributions.access import wants_raw_words
from heard.core import csv_safe
from heard.core.permissions import staff_with
from heard.core.verbs import Buttons, acted, by_step, by_verb, form_acted
from heard.people.roles import facilitator_page, signed_in

from . import dashboard as board
from .access import get_activity, get_event_part, get_question
from .forms import (
    ActivityForm,
    EventPartForm,
    KeyMessageForm,
    KeyMessageWelshForm,
    MaterialForm,
    NewActivityForm,
    PresenterForm,
    QuestionForm,
    StatusForm,
)
from .models import Activity, KeyMessage
from .registry import kind_of


def _saved(request: HttpRequest, form: Any, act: Callable[[Any, User], object], done: str) -> bool:
    """A facilitator's change from a form: the action runs on the form's fields, as the signed-in
    facilitator, once the form is valid, and says "done" on the next page. False when the form
    or the action refused it; the reason is then on the form, to show the page again with what
    they typed."""
    form_acted(form, lambda: act(form.fields_value(), signed_in(request)), EngagementError)
    if form.errors:
        return False
    messages.success(request, done)
    return True


@facilitator_page
@require_safe
def activity_list(request: HttpRequest) -> HttpResponse:
    activities = Activity.objects.order_by("-created_at", "title")
    return render(request, "engagement/staff/list.html", {"activities": activities})


def _activity_form_page(request: HttpRequest, form: Any,
                        activity: Activity | None) -> HttpResponse:
    return render(request, "engagement/staff/activity_form.html",
                  {"form": form, "activity": activity}, status=400 if form.errors else 200)


@facilitator_page
@require_GET
def show_new_activity(request: HttpRequest) -> HttpResponse:
    return _activity_form_page(request, NewActivityForm(), None)


@facilitator_page
@require_POST
def create_activity(request: HttpRequest) -> HttpResponse:
    form = NewActivityForm(request.POST)
    activity = form_acted(form, lambda: do_create_activity(
        form.cleaned_data["kind"], form.fields_value(), signed_in(request)), EngagementError)
    if activity is None:
        return _activity_form_page(request, form, None)
    messages.success(request, "Activity created. It is a draft until you open it.")
    return redirect("facilitator:dashboard", slug=activity.slug)


activity_new = by_verb(get=show_new_activity, post=create_activity)


@facilitator_page
@require_GET
def show_activity_edit(request: HttpRequest, slug: str) -> HttpResponse:
    activity = get_activity(slug)
    return _activity_form_page(request, ActivityForm.for_activity(activity, None), activity)


@facilitator_page
@require_POST
def update_activity(request: HttpRequest, slug: str) -> HttpResponse:
    activity = get_activity(slug)
    form = ActivityForm.for_activity(activity, request.POST)
    if _saved(request, form, lambda fields, by: do_update_activity(activity, fields, by),
              "Changes saved."):
        return redirect("facilitator:dashboard", slug=slug)
    return _activity_form_page(request, form, activity)


activity_edit = by_verb(get=show_activity_edit, post=update_activity)


@facilitator_page
@require_http_methods(["POST"])
def activity_status(request: HttpRequest, slug: str) -> HttpResponse:
    activity = get_activity(slug)

    def set_status() -> str:
        do_set_activity_status(activity, StatusForm(request.POST).value("status"),
                               signed_in(request))
        return f"The activity is now {activity.get_status_display().lower()}."

    acted(request, set_status, EngagementError)
    return redirect("facilitator:dashboard", slug=slug)


@facilitator_page
@require_safe
def activity_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    activity = get_activity(slug)
    return render(request, "engagement/staff/dashboard.html", {
        "activity": activity, "summary": board.summary(activity),
        "contributions": board.contributions_by_perspective(activity),
        "participants": board.participants_by_perspective(activity),
        "waiting": board.waiting_for_moderation(activity),
        "kind": kind_of(activity),
        "tallies": board.choice_tallies(activity) if kind_of(activity).has_questions else []})


def _csv(filename: str, rows: Any) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv_safe.writer(response)
    for row in rows:
        writer.writerow(row)
    return response


@facilitator_page
@require_safe
def summary_csv(request: HttpRequest, slug: str) -> HttpResponse:
    activity = get_activity(slug)
    record(request.user, "activity.summary_exported", activity)
    rows = list(board.summary_csv_rows(activity))
    return _csv(f"{slug}-summary.csv", rows)


@staff_with("contributions.export_contributions")
@require_safe
def answers_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """People's words leave the system only for analysts, only with consent to analysis, and
    only as a moderator checked them (as written: `?words=raw`, with the permission for it)."""
    activity = get_activity(slug)
    raw = wants_raw_words(request)
    rows = list(board.answer_csv_rows(activity, raw=raw))
    record(request.user, "consultation.answers_exported", activity, rows=len(rows) - 1,
           as_written=raw)
    return _csv(f"{slug}-answers{'-as-written' if raw else ''}.csv", rows)


# --- Consultation questions ----------------------------------------------------------------------


def _questions_page(request: HttpRequest, activity: Activity,
                    form: QuestionForm) -> HttpResponse:
    return render(request, "engagement/staff/questions.html", {
        "activity": activity, "form": form, "questions": activity.questions.all()},
        status=400 if form.errors else 200)


@facilitator_page
@require_GET
def show_questions(request: HttpRequest, slug: str) -> HttpResponse:
    return _questions_page(request, get_activity(slug), QuestionForm())


@facilitator_page
@require_POST
def add_question(request: HttpRequest, slug: str) -> HttpResponse:
    activity = get_activity(slug)
    form = QuestionForm(request.POST)
    if _saved(request, form, lambda fields, by: do_add_question(activity, fields, by),
              "Question added."):
        return redirect("facilitator:questions", slug=slug)
    return _questions_page(request, activity, form)


questions = by_verb(get=show_questions, post=add_question)


def _question_page(request: HttpRequest, question: Any, form: QuestionForm) -> HttpResponse:
    return render(request, "engagement/staff/question_edit.html", {
        "activity": question.activity, "question": question, "form": form},
        status=400 if form.errors else 200)


@facilitator_page
@require_GET
def show_question(request: HttpRequest, slug: str, question_id: int) -> HttpResponse:
    question = get_question(get_activity(slug), question_id)
    return _question_page(request, question, QuestionForm.for_question(question))


@facilitator_page
@require_POST
def save_question(request: HttpRequest, slug: str, question_id: int) -> HttpResponse:
    question = get_question(get_activity(slug), question_id)
    form = QuestionForm.for_question(question, request.POST)
    if _saved(request, form, lambda fields, by: do_update_question(question, fields, by),
              "Question saved."):
        return redirect("facilitator:questions", slug=slug)
    return _question_page(request, question, form)


@facilitator_page
@require_POST
def remove_question(request: HttpRequest, slug: str, question_id: int) -> HttpResponse:
    question = get_question(get_activity(slug), question_id)
    try:
        do_remove_question(question, signed_in(request))
    except EngagementError as error:
        form = QuestionForm.for_question(question, request.POST)
        form.is_valid()  # bound and cleaned before the error is added to it
        form.add_error(None, str(error))
        return _question_page(request, question, form)
    messages.success(request, "Question removed.")
    return redirect("facilitator:questions", slug=slug)


question_edit = by_verb(get=show_question, post=by_step(
    {"remove": remove_question}, unknown=save_question))


# --- Knowledge event parts -----------------------------------------------------------------------


EVENT_FORMS = {"presenter": PresenterForm, "material": MaterialForm, "message": KeyMessageForm}


def _event_page(request: HttpRequest, activity: Activity,
                typed: dict[str, forms.Form] | None = None) -> HttpResponse:
    """The event's parts, with a blank form to add each (or what was typed, after an error)."""
    shown = {name: form_class(prefix=name) for name, form_class in EVENT_FORMS.items()}
    shown.update(typed or {})
    return render(request, "engagement/staff/event.html", {
        "activity": activity, "kind": kind_of(activity), "forms": shown,
        "presenters": activity.presenters.all(), "materials": activity.materials.all(),
        "key_messages": activity.key_messages.all()},
        status=400 if any(f.errors for f in shown.values()) else 200)


@facilitator_page
@require_GET
def show_event(request: HttpRequest, slug: str) -> HttpResponse:
    return _event_page(request, get_activity(slug))


AddPart = Callable[[Activity, dict[str, Any], User], object]


def _add_part(name: str, add: AddPart) -> Callable[..., HttpResponse]:
    """The "add a presenter / material / key message" buttons: each its form and action."""

    @facilitator_page
    @require_POST
    def view(request: HttpRequest, slug: str) -> HttpResponse:
        activity = get_activity(slug)
        form = EVENT_FORMS[name](request.POST, prefix=name)
        if not form.is_valid():
            return _event_page(request, activity, {name: form})
        try:
            add(activity, form.cleaned_data, signed_in(request))
        except EngagementError as error:
            messages.error(request, str(error))
            return _event_page(request, activity, {name: form})
        messages.success(request, "Added.")
        return redirect("facilitator:event", slug=slug)

    return view


ChangePart = Callable[[Any, User], object]


def _change_part(change: ChangePart,
                 messages_only: bool = False) -> Callable[[HttpRequest, Activity], str]:
    """The buttons beside each part: remove it, or publish or unpublish a key message."""

    def act(request: HttpRequest, activity: Activity) -> str:
        form = EventPartForm(request.POST)
        if not form.is_valid():
            raise Http404("No such part of this event")
        part = get_event_part(activity, form.cleaned_data["part"], form.cleaned_data["id"])
        if messages_only and form.cleaned_data["part"] != "message":
            raise EngagementError("Choose what to do.")
        change(part, signed_in(request))
        return "Saved."

    return act


def _set_message_welsh(request: HttpRequest, activity: Activity) -> str:
    """The Welsh of a key message or reflection already on the list."""
    form = EventPartForm(request.POST)
    if not form.is_valid() or form.cleaned_data["part"] != "message":
        raise Http404("No such key message in this event")
    message = get_event_part(activity, "message", form.cleaned_data["id"])
    if not isinstance(message, KeyMessage):  # "message" parts are key messages; for mypy
        raise Http404("No such key message in this event")
    welsh = KeyMessageWelshForm(request.POST)
    do_set_key_message_welsh(message, welsh.text(), signed_in(request))
    return "Welsh saved."


_buttons = Buttons(guard=facilitator_page, load=get_activity, page=_event_page,
                   back="facilitator:event", refused=EngagementError)
event = by_verb(get=show_event, post=_buttons.post({
    "add-presenter": _add_part("presenter", lambda activity, data, user: do_add_presenter(
        activity, data["name"], data["role"], user, data["role_cy"])),
    "add-material": _add_part("material", lambda activity, data, user: do_add_material(
        activity, data["title"], data["url"], user, data["title_cy"])),
    "add-message": _add_part("message", lambda activity, data, user: do_add_key_message(
        activity, data["kind"], data["text"], user, data["text_cy"])),
    "publish": _buttons.step(_change_part(
        lambda part, user: do_set_key_message_published(part, True, user), messages_only=True)),
    "unpublish": _buttons.step(_change_part(
        lambda part, user: do_set_key_message_published(part, False, user), messages_only=True)),
    "remove": _buttons.step(_change_part(do_remove_event_part)),
    "welsh": _buttons.step(_set_message_welsh)}))

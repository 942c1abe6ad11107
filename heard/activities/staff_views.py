"""Facilitators' pages: set up each type of activity, open and close it, and follow it on a
dashboard. Views only read forms and call actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from heard.activities.actions import (
    EngagementError,
    do_add_key_message,
    do_add_material,
    do_add_presenter,
    do_create_activity,
    do_remove_event_part,
    do_set_activity_status,
    do_set_key_message_published,
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

from . import dashboard as board
from .access import get_activity, get_event_part, get_question
from .forms import (
    ActivityForm,
    KeyMessageForm,
    MaterialForm,
    NewActivityForm,
    PresenterForm,
    QuestionForm,
)
from .models import Activity
from .registry import kind_of

MANAGE = "engagement.manage_activity"
View = Callable[..., HttpResponse]


def facilitator(view: View) -> View:
    return login_required(permission_required(MANAGE, raise_exception=True)(view))


def _staff(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # the permission check comes first
    return user


@facilitator
def activity_list(request: HttpRequest) -> HttpResponse:
    activities = Activity.objects.order_by("-created_at", "title")
    return render(request, "engagement/staff/list.html", {"activities": activities})


@facilitator
@require_http_methods(["GET", "POST"])
def activity_new(request: HttpRequest) -> HttpResponse:
    form = NewActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            activity = do_create_activity(form.cleaned_data["kind"], form.fields_value(),
                                          _staff(request))
        except EngagementError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Activity created. It is a draft until you open it.")
            return redirect("facilitator:dashboard", slug=activity.slug)
    return render(request, "engagement/staff/activity_form.html",
                  {"form": form, "activity": None}, status=400 if form.errors else 200)


@facilitator
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, slug: str) -> HttpResponse:
    activity = get_activity(slug)
    form = ActivityForm.for_activity(activity, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            do_update_activity(activity, form.fields_value(), _staff(request))
        except EngagementError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Changes saved.")
            return redirect("facilitator:dashboard", slug=slug)
    return render(request, "engagement/staff/activity_form.html",
                  {"form": form, "activity": activity}, status=400 if form.errors else 200)


@facilitator
@require_http_methods(["POST"])
def activity_status(request: HttpRequest, slug: str) -> HttpResponse:
    activity = get_activity(slug)
    try:
        do_set_activity_status(activity, request.POST.get("status", ""), _staff(request))
    except EngagementError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"The activity is now {activity.get_status_display().lower()}.")
    return redirect("facilitator:dashboard", slug=slug)


@facilitator
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


@facilitator
def summary_csv(request: HttpRequest, slug: str) -> HttpResponse:
    activity = get_activity(slug)
    record(request.user, "activity.summary_exported", activity)
    rows = list(board.summary_csv_rows(activity))
    return _csv(f"{slug}-summary.csv", rows)


@login_required
@permission_required("contributions.export_contributions", raise_exception=True)
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


@facilitator
@require_http_methods(["GET", "POST"])
def questions(request: HttpRequest, slug: str) -> HttpResponse:
    activity = get_activity(slug)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            do_add_question(activity, form.fields_value(), _staff(request))
        except EngagementError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Question added.")
            return redirect("facilitator:questions", slug=slug)
    return render(request, "engagement/staff/questions.html", {
        "activity": activity, "form": form, "questions": activity.questions.all()},
        status=400 if form.errors else 200)


@facilitator
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, slug: str, question_id: int) -> HttpResponse:
    activity = get_activity(slug)
    question = get_question(activity, question_id)
    form = QuestionForm.for_question(question, request.POST or None)
    if request.method == "POST":
        done = _change_question(request, question, form)
        if done:
            return redirect("facilitator:questions", slug=slug)
    return render(request, "engagement/staff/question_edit.html", {
        "activity": activity, "question": question, "form": form},
        status=400 if form.errors else 200)


def _change_question(request: HttpRequest, question: Any, form: QuestionForm) -> bool:
    try:
        if request.POST.get("step") == "remove":
            do_remove_question(question, _staff(request))
            messages.success(request, "Question removed.")
            return True
        if form.is_valid():
            do_update_question(question, form.fields_value(), _staff(request))
            messages.success(request, "Question saved.")
            return True
    except EngagementError as error:
        form.is_valid()  # make sure the form is bound and cleaned before adding to it
        form.add_error(None, str(error))
    return False


# --- Knowledge event parts -----------------------------------------------------------------------


EVENT_FORMS = {"presenter": PresenterForm, "material": MaterialForm, "message": KeyMessageForm}


@facilitator
@require_http_methods(["GET", "POST"])
def event(request: HttpRequest, slug: str) -> HttpResponse:
    activity = get_activity(slug)
    step = request.POST.get("step", "")
    forms = {name: form_class(request.POST if step == f"add-{name}" else None, prefix=name)
             for name, form_class in EVENT_FORMS.items()}
    if request.method == "POST":
        try:
            if _event_step(request, activity, step, forms):
                return redirect("facilitator:event", slug=slug)
        except EngagementError as error:
            messages.error(request, str(error))
    return render(request, "engagement/staff/event.html", {
        "activity": activity, "kind": kind_of(activity), "forms": forms,
        "presenters": activity.presenters.all(), "materials": activity.materials.all(),
        "key_messages": activity.key_messages.all()},
        status=400 if any(f.errors for f in forms.values()) else 200)


def _event_step(request: HttpRequest, activity: Activity, step: str, forms: dict) -> bool:
    """Carry out one change; False when a form needs fixing first."""
    user = _staff(request)
    if step.startswith("add-"):
        form = forms.get(step[4:])
        if form is None or not form.is_valid():
            return False
        data = form.cleaned_data
        if step == "add-presenter":
            do_add_presenter(activity, data["name"], data["role"], user)
        elif step == "add-material":
            do_add_material(activity, data["title"], data["url"], user)
        else:
            do_add_key_message(activity, data["kind"], data["text"], user)
        messages.success(request, "Added.")
        return True
    part_id = request.POST.get("id", "")
    part = get_event_part(activity, request.POST.get("part", ""),
                          int(part_id) if part_id.isdigit() else 0)
    if step in {"publish", "unpublish"} and request.POST.get("part") == "message":
        do_set_key_message_published(part, step == "publish", user)  # type: ignore[arg-type]
    elif step == "remove":
        do_remove_event_part(part, user)
    else:
        raise EngagementError("Choose what to do.")
    messages.success(request, "Saved.")
    return True

"""The guard every test runs under (tests/audit_guard.py, decisions 0057 and 0058): a request,
task or check that writes with no audit row is named, and one that records, or whose only write
was refused, is not. The views and tasks here are the test's own, served by this module as the
site's URLs and put in the task registry for the test alone."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from heard import cli
from heard.activities.models import Activity, IdeaSupport
from heard.audit.log import record
from heard.audit.models import AuditEvent
from heard.audit.redaction import clear_details_before
from heard.contributions.models import Contribution
from heard.tasks import queue
from heard.tasks.queue import enqueue, run_pending

from .. import audit_guard

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

RENAMED = "Renamed by a path that forgot the audit log"


@csrf_exempt
def rename_unrecorded(request: HttpRequest) -> HttpResponse:
    Activity.objects.filter(pk=request.POST["pk"]).update(title=RENAMED)
    return HttpResponse("done")


@csrf_exempt
def rename_recorded(request: HttpRequest) -> HttpResponse:
    activity = Activity.objects.get(pk=request.POST["pk"])
    Activity.objects.filter(pk=activity.pk).update(title=RENAMED)
    record(None, "activity.renamed", activity)
    return HttpResponse("done")


@csrf_exempt
def support_twice(request: HttpRequest) -> HttpResponse:
    try:
        with transaction.atomic():
            IdeaSupport.objects.create(idea_id=request.POST["idea"], supporter="account:1")
    except IntegrityError:
        return HttpResponse("already supported")
    return HttpResponse("supported")


@csrf_exempt
def rename_and_touch_the_log(request: HttpRequest) -> HttpResponse:
    """Writes, and empties the details of audit rows that were there before (as the retention
    rule for the log's details does) instead of adding one."""
    Activity.objects.filter(pk=request.POST["pk"]).update(title=RENAMED)
    clear_details_before(timezone.now() + timedelta(seconds=1))
    return HttpResponse("done")


@csrf_exempt
def rename_nothing(request: HttpRequest) -> HttpResponse:
    renamed = Activity.objects.filter(pk=0).update(title=RENAMED)
    return HttpResponse(f"renamed {renamed}")


@csrf_exempt
def remember(request: HttpRequest) -> HttpResponse:
    request.session["seen"] = True
    return HttpResponse("remembered")


def task_renaming(activity_id: int, recorded: bool) -> None:
    Activity.objects.filter(pk=activity_id).update(title=RENAMED)
    if recorded:
        record(None, "activity.renamed", object_type="activities.activity",
               object_id=str(activity_id))


@csrf_exempt
def queue_and_run_inline(request: HttpRequest) -> HttpResponse:
    """Records what the request did, then runs a task that writes and records nothing, as an
    inline task runs after its request's transaction commits."""
    activity = Activity.objects.get(pk=request.POST["pk"])
    record(None, "activity.queued", activity)
    enqueue("tests.rename", activity_id=activity.pk, recorded=False)
    run_pending(periodic_checks=False)
    return HttpResponse("queued and ran")


urlpatterns = [
    path("touch-log/", rename_and_touch_the_log),
    path("nothing/", rename_nothing),
    path("inline/", queue_and_run_inline),
    path("remember/", remember),
    path("unrecorded/", rename_unrecorded),
    path("recorded/", rename_recorded),
    path("support/", support_twice),
]


def test_a_request_that_writes_with_no_audit_row_is_named(client, activity):
    client.post("/unrecorded/", {"pk": activity.pk})
    assert audit_guard.take_unaudited() == [
        f"POST /unrecorded/ wrote ['{Activity._meta.db_table}'] with no audit row"]
    assert audit_guard.take_unaudited() == []  # taken once


def test_a_request_that_records_what_it_wrote_passes(client, activity):
    client.post("/recorded/", {"pk": activity.pk})
    assert Activity.objects.get(pk=activity.pk).title == RENAMED  # it did write
    assert audit_guard.take_unaudited() == []


def test_an_insert_the_database_refused_wrote_nothing(client, activity, young_person_story):
    idea, _ = young_person_story
    Contribution.objects.filter(pk=idea.pk).update(kind="idea")
    IdeaSupport.objects.create(idea=idea, supporter="account:1")  # the test's own write
    assert client.post("/support/", {"idea": idea.pk}).content == b"already supported"
    assert audit_guard.take_unaudited() == []


def test_changing_an_old_audit_row_is_not_a_record(client, activity):
    earlier = record(None, "activity.created", activity, note="kept for a while")
    client.post("/touch-log/", {"pk": activity.pk})
    assert AuditEvent.objects.get(pk=earlier.pk).details == {}  # it did change the log
    assert audit_guard.take_unaudited() == [
        f"POST /touch-log/ wrote ['audit_auditevent', '{Activity._meta.db_table}'] "
        "with no audit row"]


def test_an_update_that_matched_no_row_wrote_nothing(client, activity):
    assert client.post("/nothing/").content == b"renamed 0"
    assert audit_guard.take_unaudited() == []


def test_a_request_that_writes_only_its_session_is_not_named(client, activity):
    client.post("/remember/")
    assert client.session["seen"] is True  # the session was written
    assert audit_guard.take_unaudited() == []


@pytest.fixture
def renaming_task(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(queue.HANDLERS, "tests.rename", task_renaming)


def test_a_task_that_writes_with_no_audit_row_is_named(activity, renaming_task):
    enqueue("tests.rename", activity_id=activity.pk, recorded=False)
    assert run_pending(periodic_checks=False) == 1
    assert Activity.objects.get(pk=activity.pk).title == RENAMED  # it did write
    assert audit_guard.take_unaudited() == [
        f"the unit of work 'tests.rename' wrote ['{Activity._meta.db_table}'] "
        "with no audit row"]


def test_a_task_that_records_what_it_wrote_passes(activity, renaming_task):
    enqueue("tests.rename", activity_id=activity.pk, recorded=True)
    assert run_pending(periodic_checks=False) == 1
    assert Activity.objects.get(pk=activity.pk).title == RENAMED
    assert audit_guard.take_unaudited() == []


def test_a_task_run_inside_a_request_needs_its_own_audit_row(client, activity, renaming_task):
    # The request's audit row is for what the person did, not for what the task did after.
    assert client.post("/inline/", {"pk": activity.pk}).content == b"queued and ran"
    assert Activity.objects.get(pk=activity.pk).title == RENAMED
    assert audit_guard.take_unaudited() == [
        f"the unit of work 'tests.rename' wrote ['{Activity._meta.db_table}'] "
        "with no audit row"]


def test_a_periodic_check_is_watched_too(activity, monkeypatch: pytest.MonkeyPatch):
    def rename_every_pass() -> None:
        task_renaming(activity.pk, recorded=False)

    monkeypatch.setattr(queue, "PERIODIC", [rename_every_pass])
    run_pending()
    assert audit_guard.take_unaudited() == [
        f"the unit of work 'rename_every_pass' wrote ['{Activity._meta.db_table}'] "
        "with no audit row"]


def test_a_heard_command_is_watched_too(activity, monkeypatch: pytest.MonkeyPatch):
    def renaming_command(args: object) -> int:
        task_renaming(activity.pk, recorded=False)
        return 0

    monkeypatch.setattr(cli, "cmd_retention", renaming_command)
    assert cli.main(["retention"]) == 0
    assert Activity.objects.get(pk=activity.pk).title == RENAMED
    assert audit_guard.take_unaudited() == [
        f"the unit of work 'heard retention' wrote ['{Activity._meta.db_table}'] "
        "with no audit row"]

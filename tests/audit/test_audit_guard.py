"""The guard every test runs under (tests/audit_guard.py, decision 0057): a request that writes
with no audit row is named, and one that records, or whose only write was refused, is not.
The views here are the test's own, served by this module as the site's URLs."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from heard.activities.models import Activity, IdeaSupport
from heard.audit.log import record
from heard.contributions.models import Contribution

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
def remember(request: HttpRequest) -> HttpResponse:
    request.session["seen"] = True
    return HttpResponse("remembered")


urlpatterns = [
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


def test_a_request_that_writes_only_its_session_is_not_named(client, activity):
    client.post("/remember/")
    assert client.session["seen"] is True  # the session was written
    assert audit_guard.take_unaudited() == []

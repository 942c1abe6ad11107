"""Analysts read people's words only as a moderator checked and redacted them: in the export,
in consultation answers and on the coding page. The words as written need a permission of
their own, and every export says which it was in the audit log."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import Permission, User

from heard.audit.models import AuditEvent
from heard.safety.actions import do_review_redactions
from heard.safety.redaction import Span

from ..conftest import client_for, submitted

pytestmark = pytest.mark.django_db
EXPORT = "/staff/activities/share-your-experience/export.csv"
NAMED = "My social worker Bartholomew Quince rang me on 07700 900123 about school."
WAITING = "Call Zebedee Marchbanks on 07700 900456, he is my foster carer."


def share(activity, text: str):
    return submitted(activity, "story", text, ("child_in_care",), {"analysis": True},
                     title="About " + text.split()[3])[0]


@pytest.fixture
def checked_and_waiting(activity, moderator):
    checked = share(activity, NAMED)
    start = NAMED.index("Bartholomew")
    phone = NAMED.index("07700")
    do_review_redactions(checked, moderator, [
        Span("PERSON", start, start + len("Bartholomew Quince"), 1.0, "moderator"),
        Span("PHONE_NUMBER", phone, phone + len("07700 900123"), 1.0, "moderator")])
    checked.refresh_from_db()
    return checked, share(activity, WAITING)


def rows_of(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_the_export_holds_only_checked_redacted_words(checked_and_waiting, analyst):
    checked, waiting = checked_and_waiting
    response = client_for(analyst).get(EXPORT)
    body = response.content.decode()
    for secret in ("Bartholomew", "Quince", "07700", "Zebedee", "Marchbanks", "About"):
        assert secret not in body
    rows = {int(r["id"]): r for r in rows_of(response)}
    assert rows[checked.pk]["words_checked"] == "yes"
    assert rows[checked.pk]["text"] == checked.public_text and "school" in rows[checked.pk]["text"]
    assert rows[waiting.pk]["words_checked"] == "no" and rows[waiting.pk]["text"] == ""
    assert AuditEvent.objects.filter(action="contributions.exported",
                                     details__as_written=False).exists()


def test_words_as_written_need_their_own_permission_and_are_audited(checked_and_waiting,
                                                                    analyst):
    assert client_for(analyst).get(EXPORT + "?words=raw").status_code == 403
    analyst.user_permissions.add(Permission.objects.get(codename="export_raw_text"))
    analyst = User.objects.get(pk=analyst.pk)  # permissions are cached per object
    rows = rows_of(client_for(analyst).get(EXPORT + "?words=raw"))
    assert {r["text_as_written"] for r in rows} == {NAMED, WAITING}
    event = AuditEvent.objects.filter(action="contributions.exported").latest("id")
    assert event.details["as_written"] is True and event.actor == analyst


def test_the_coding_page_waits_for_the_moderator(checked_and_waiting, analyst):
    from heard.insight.codebook_actions import do_create_code

    do_create_code("School", "Anything about school.", "", analyst)
    page = client_for(analyst).get("/staff/themes/codebook/coding/").content.decode()
    assert "Zebedee" not in page and "Bartholomew" not in page
    assert "waiting for a moderator" in page and "about school" in page

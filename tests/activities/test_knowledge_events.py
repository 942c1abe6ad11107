"""Knowledge events: presenters, materials, and key messages and reflections as a structured list,
published as a page. Only what the facilitator publishes is shown."""

from __future__ import annotations

import pytest
from django.test import Client

from heard.activities.actions import EngagementError, do_add_material
from heard.activities.models import Activity, KeyMessage, Material, Presenter
from heard.audit.models import AuditEvent

from ..conftest import client_for
from .activity_helpers import make_activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(facilitator) -> Activity:
    return make_activity(Activity.Kind.KNOWLEDGE_EVENT, facilitator, title="A home of your own")


def _post(client: Client, event: Activity, data: dict):
    return client.post(f"/staff/activities/{event.slug}/event/", data)


def test_facilitator_builds_the_event_page_and_publishes_messages(facilitator, event):
    client = client_for(facilitator)
    assert client.get(f"/staff/activities/{event.slug}/event/").status_code == 200
    _post(client, event, {"step": "add-presenter", "presenter-name": "Care leavers' forum",
                          "presenter-role": "Young people"})
    _post(client, event, {"step": "add-material", "material-title": "Slides",
                          "material-url": "https://example.org/slides"})
    _post(client, event, {"step": "add-message", "message-kind": "key_message",
                          "message-text": "A named housing worker made the difference."})
    _post(client, event, {"step": "add-message", "message-kind": "reflection",
                          "message-text": "Managers had not heard how lonely it is."})
    _post(client, event, {"step": "add-message", "message-kind": "key_message",
                          "message-text": "Still being checked."})
    first, second, third = KeyMessage.objects.order_by("order")
    assert [m.order for m in (first, second, third)] == [1, 2, 3]
    assert not first.published
    public = f"/activities/{event.slug}/event/"
    assert "named housing worker" not in Client().get(public).content.decode()

    for message in (first, second):
        _post(client, event, {"step": "publish", "part": "message", "id": message.pk})
    page = Client().get(public).content.decode()
    assert "named housing worker" in page and "how lonely it is" in page
    assert "Still being checked" not in page
    assert "Care leavers&#x27; forum" in page and "https://example.org/slides" in page
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"presenter.added", "material.added", "key_message.added",
            "key_message.published"} <= actions

    _post(client, event, {"step": "unpublish", "part": "message", "id": first.pk})
    _post(client, event, {"step": "remove", "part": "presenter",
                          "id": Presenter.objects.get().pk})
    page = Client().get(public).content.decode()
    assert "named housing worker" not in page and "forum" not in page


def test_only_web_links_are_taken_as_materials(facilitator, event):
    response = _post(client_for(facilitator), event, {
        "step": "add-material", "material-title": "Bad", "material-url": "javascript:alert(1)"})
    assert "starts with https://" in response.content.decode()
    with pytest.raises(EngagementError):
        do_add_material(event, "Bad", "ftp://example.org/file", facilitator)
    assert Material.objects.count() == 0


def test_missing_words_get_a_clear_message(facilitator, event):
    response = _post(client_for(facilitator), event, {"step": "add-message",
                                                      "message-kind": "key_message"})
    assert response.status_code == 400
    assert "Write the key message or reflection" in response.content.decode()
    response = _post(client_for(facilitator), event, {"step": "add-message",
                                                      "message-kind": "slogan",
                                                      "message-text": "x"})
    assert response.status_code == 400 and "Choose key message or reflection" in \
        response.content.decode()
    assert KeyMessage.objects.count() == 0


def test_a_null_character_is_refused(facilitator, event):
    response = _post(client_for(facilitator), event, {
        "step": "add-message", "message-kind": "key_message", "message-text": "a\x00b"})
    assert response.status_code == 400 and "null character" in response.content.decode()
    assert KeyMessage.objects.count() == 0


def test_unknown_parts_are_not_found(facilitator, event):
    other = make_activity(Activity.Kind.KNOWLEDGE_EVENT, facilitator, title="Other event")
    client = client_for(facilitator)
    client.post(f"/staff/activities/{other.slug}/event/", {
        "step": "add-message", "message-kind": "key_message", "message-text": "Theirs"})
    theirs = KeyMessage.objects.get()
    for data in ({"step": "publish", "part": "message", "id": theirs.pk},
                 {"step": "remove", "part": "message", "id": "abc"},
                 {"step": "remove", "part": "nothing", "id": theirs.pk}):
        assert _post(client, event, data).status_code == 404
    theirs.refresh_from_db()
    assert not theirs.published


def test_event_parts_need_the_facilitator_permission(event, outsider, moderator):
    for user in (outsider, moderator):
        response = _post(client_for(user), event, {
            "step": "add-presenter", "presenter-name": "Someone"})
        assert response.status_code == 403
    assert Presenter.objects.count() == 0


def test_a_draft_event_page_is_not_public(facilitator):
    draft = make_activity(Activity.Kind.KNOWLEDGE_EVENT, facilitator, open_it=False)
    assert Client().get(f"/activities/{draft.slug}/event/").status_code == 404


def test_the_public_activity_page_points_to_each_kind(facilitator, event):
    consultation = make_activity(Activity.Kind.CONSULTATION, facilitator, title="Moving")
    call = make_activity(Activity.Kind.CALL_FOR_IDEAS, facilitator, title="Ideas")
    for activity, target in ((event, "event/"), (consultation, "consultation/"),
                             (call, "ideas/")):
        page = Client().get(f"/activities/{activity.slug}/").content.decode()
        assert f"/activities/{activity.slug}/{target}" in page


def test_a_material_title_too_long_is_refused_with_its_limit(facilitator, event):
    with pytest.raises(EngagementError,
                       match="Keep the title to 200 characters or fewer. Nothing was saved."):
        do_add_material(event, "t" * 201, "https://example.org/slides", facilitator)
    assert not Material.objects.exists()
    with pytest.raises(EngagementError, match="Give the material a title."):
        do_add_material(event, "   ", "https://example.org/slides", facilitator)

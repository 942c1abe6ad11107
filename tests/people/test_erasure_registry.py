"""Every text column of every model is either held by an erasure store or declared as holding
no participant's data (with the reason), so a column added later cannot be missed by erasure.
Single withdrawals reach derived stores through the same registry."""

from __future__ import annotations

import pytest
from django.apps import apps

from heard.activities.open_space.personal_data import WITHDRAWN_TOPIC_TITLE
from heard.contributions.actions import do_withdraw_contribution
from heard.people.erasure import NOT_ERASED, STORES
from heard.people.ledger import LEDGER_TABLES, entries

from .privacy_scan import TEXT_FIELDS


def _text_fields() -> set[str]:
    found = set()
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            # A field limited to fixed choices holds no one's own words.
            if isinstance(field, TEXT_FIELDS) and not field.choices:
                found.add(f"{model._meta.app_label}.{model.__name__}.{field.name}")
    return found


def test_every_text_column_is_held_by_a_store_or_declared_not_personal():
    held = {name for store in STORES.values() for name in store.holds}
    declared = set(NOT_ERASED)
    assert not held & declared, f"both erased and declared kept: {held & declared}"
    unaccounted = _text_fields() - held - declared
    assert not unaccounted, (
        "These columns can hold text but no erasure store covers them. Register them with a "
        f"store in the app's personal_data.py, or declare why they are not personal: "
        f"{sorted(unaccounted)}")
    assert all(reason.strip() for reason in NOT_ERASED.values())


def test_declarations_name_real_columns():
    real = {f"{m._meta.app_label}.{m.__name__}.{f.name}"
            for m in apps.get_models(include_auto_created=True) for f in m._meta.concrete_fields}
    named = {name for store in STORES.values() for name in store.holds} | set(NOT_ERASED)
    assert named <= real, named - real


def test_the_kinds_tables_keep_their_names_in_the_erasure_ledger():
    """A ledger entry fingerprints a row with its table's word; `register_kind_store` makes the
    word from the subject field. Entries written before must still match after a restore."""
    named = {(field, kind, model.__name__) for field, kind, model in LEDGER_TABLES}
    assert {("response_ids", "response", "ConsultationResponse"),
            ("registration_ids", "registration", "Registration"),
            ("voter_ids", "voter", "Voter")} <= named


@pytest.mark.django_db
def test_withdrawing_an_open_space_topic_takes_its_title_off_the_event(make_staff):
    from datetime import timedelta

    from django.utils import timezone

    from heard.activities.open_space.actions import do_create_event, do_propose_topic, do_register
    from heard.activities.open_space.models import Topic

    facilitator = make_staff("facilitator")
    now = timezone.now()
    event = do_create_event("Day", "Q?", "Q?", now, now + timedelta(hours=2), facilitator)
    registration, _ = do_register(event, [], "A quiet room please", {"analysis": True}, None)
    topic = do_propose_topic(event, registration, "Mulberry lane placement", None)
    do_withdraw_contribution(topic.contribution, None)
    assert Topic.objects.get(pk=topic.pk).title == WITHDRAWN_TOPIC_TITLE
    # The person's other data stays: they took back one topic, not everything.
    registration.refresh_from_db()
    assert registration.access_needs == "A quiet room please"
    assert len(entries()) == 1 and not entries()[0][0]
    page = facilitator_page(facilitator, event)
    assert "Mulberry" not in page


def facilitator_page(user, event) -> str:
    from ..conftest import client_for

    return client_for(user).get(f"/staff/events/{event.activity.slug}/").content.decode()

"""Staff roles are part of the schema: every migrate (and every test flush) leaves each role's
group holding exactly the permissions the role names."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.management.sql import emit_post_migrate_signal

from heard.people.roles import ROLE_PERMISSIONS


def test_a_migrate_brings_every_role_back_with_exactly_its_permissions(db) -> None:
    Group.objects.all().delete()
    # What migrate and flush send at their end: post_migrate once per app, in order.
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert sorted(Group.objects.values_list("name", flat=True)) == sorted(ROLE_PERMISSIONS)
    for role, wanted in ROLE_PERMISSIONS.items():
        held = {f"{p.content_type.app_label}.{p.codename}"
                for p in Group.objects.get(name=role).permissions.all()}
        assert held == set(wanted), role

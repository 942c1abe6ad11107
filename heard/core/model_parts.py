"""Parts of model declarations that mean the same in every app that uses them, so the rule is
written once. Django side (not pure); abstract models and field factories only, so nothing here
has a table of its own and using them changes no database schema."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


def staff_member(*, optional: bool = False,
                 on_delete: Any = models.PROTECT) -> models.ForeignKey[Any, Any]:
    """The staff member who made, changed or decided a record (its `created_by`, `updated_by`,
    `coder`). PROTECT by default: an account cannot be deleted while records name it, so who
    did what is never lost; a record that may forget them says so with
    `on_delete=models.SET_NULL`. `optional`: nobody yet, until someone acts (a flag's
    `closed_by`). related_name="+": no page lists a user's records through the account."""
    return models.ForeignKey(settings.AUTH_USER_MODEL, null=optional, blank=optional,
                             on_delete=on_delete, related_name="+")


# Newest first. Rows made in the same instant are told apart by id (newest first again), so a
# list reads the same every time it is shown.
NEWEST_FIRST = ["-created_at", "-id"]


def one_row_per(*fields: str, name: str) -> models.UniqueConstraint:
    """The database holds at most one row for each combination of `fields`: one vote per voter
    on a statement, one answer per question in a response. `name` is the constraint's name in
    the database, which the migrations use, so it is given rather than made from the fields."""
    return models.UniqueConstraint(fields=list(fields), name=name)


class Timestamped(models.Model):
    """When a record was made and when it last changed, set by Django on save."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def longest(model: type[models.Model], field: str) -> int:
    """The most characters `field` of `model` holds. Forms, actions and the API read a text's
    limit from the field that stores it, so the form's limit, the action's check and the
    column cannot drift apart (decision 0056)."""
    limit = model._meta.get_field(field).max_length  # type: ignore[union-attr]
    if limit is None:
        raise TypeError(f"{model.__name__}.{field} has no max_length")
    return int(limit)

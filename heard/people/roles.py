"""Staff roles as Django groups, each with only the permissions its work needs."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Group, Permission, User
from django.http import HttpRequest

from heard.core.permissions import staff_with

# "app_label.codename" permissions per role. Views check permissions, never group names, so a
# deployment can reshape roles without touching code.
ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    "facilitator": (
        "engagement.manage_activity",
        "reports.view_representation",
        "contributions.view_contribution_stats",
        "contributions.record_contribution",
    ),
    "moderator": (
        "contributions.moderate_contribution",
        "contributions.view_contribution_text",
        "contributions.view_contribution_stats",
    ),
    "safeguarding_lead": (
        "contributions.view_contribution_text",
        "contributions.view_contribution_stats",
        "safety.handle_safeguarding",
    ),
    "analyst": (
        "insight.run_analysis",
        "contributions.view_contribution_stats",
        "reports.view_representation",
        "contributions.export_contributions",
    ),
    "service_lead": (
        "contributions.view_contribution_stats",
        "reports.view_representation",
        "engagement.respond_to_activity",
    ),
    "administrator": (
        "engagement.manage_activity",
        "contributions.view_contribution_stats",
        "contributions.erase_contribution",
        "contributions.import_contributions",
        "audit.view_audit_log",
        "people.manage_staff",
        "people.manage_privacy",
        "reports.view_representation",
    ),
}
ROLE_NAMES = tuple(ROLE_PERMISSIONS)


def ensure_roles(sender: Any = None, **_: Any) -> None:
    # post_migrate is sent once per installed app, in INSTALLED_APPS order, after that app's
    # permissions are made; only the last app's signal sees every permission the roles name, so
    # that one does the work (once per migrate or test flush, not once per app). A direct call
    # (no sender) always does.
    if sender is not None and sender is not _last_app_with_models():
        return
    # Every named permission in one query (tests set the roles up before most tests, so one
    # query per permission was a measurable share of the suite).
    known = _permissions({dotted for perms in ROLE_PERMISSIONS.values() for dotted in perms})
    for role, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.set([known[p] for p in perms if p in known])


def _last_app_with_models() -> Any:
    """The app whose post_migrate Django sends last (emit_post_migrate_signal skips apps
    without models)."""
    return [config for config in apps.get_app_configs() if config.models_module is not None][-1]


def _permissions(dotted: set[str]) -> dict[str, Permission]:
    """The permissions that exist among the "app_label.codename" names given, by name."""
    found = Permission.objects.filter(codename__in={name.split(".")[1] for name in dotted})
    by_name = {f"{p.content_type.app_label}.{p.codename}": p
               for p in found.select_related("content_type")}
    return {name: by_name[name] for name in dotted if name in by_name}


def roles_of(user: AbstractBaseUser | AnonymousUser) -> list[str]:
    if not user.is_authenticated:
        return []
    return sorted(user.groups.values_list("name", flat=True))  # type: ignore[attr-defined]


def is_staff_member(user: AbstractBaseUser | AnonymousUser) -> bool:
    return bool(roles_of(user))


def participant_account(user_or_request: Any) -> Any:
    """The signed-in participant's own account (never a staff one), or None."""
    user = getattr(user_or_request, "user", user_or_request)
    if not getattr(user, "is_authenticated", False) or is_staff_member(user):
        return None
    return user


def signed_in(request: HttpRequest) -> User:
    """The user of a view that login_required (and its permission check) has already let in."""
    user = request.user
    assert isinstance(user, User)  # login_required comes first
    return user


# The facilitators' pages of every activity kind.
facilitator_page = staff_with("engagement.manage_activity")

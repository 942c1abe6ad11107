from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "heard.people"
    verbose_name = "People"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import checks, sign_in_audit  # noqa: F401 - checks register themselves
        from .roles import ensure_roles

        sign_in_audit.connect()

        # Roles are part of the schema: every migrate brings the groups and their permissions
        # up to date, so a new deployment never has staff without the rights their role needs.
        # It runs after each of our apps, because each app's permissions appear only after its
        # own post_migrate; the last run sees them all.
        post_migrate.connect(ensure_roles, dispatch_uid="heard.ensure_roles")

from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "heard.people"
    verbose_name = "People"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        # Checks, the erasure stores, ledger and retention rules register themselves.
        from . import checks, ledger, personal_data, retention, sign_in_audit  # noqa: F401
        from .roles import ensure_roles
        from .sessions import drop_participant_keys
        from .storage import on_connection_created

        connection_created.connect(on_connection_created, dispatch_uid="heard.private_files")
        user_logged_in.connect(drop_participant_keys, dispatch_uid="heard.staff_fresh_session")

        sign_in_audit.connect()

        # Roles are part of the schema: every migrate brings the groups and their permissions
        # up to date, so a new deployment never has staff without the rights their role needs.
        # Each app's permissions appear only in its own post_migrate, so ensure_roles acts on the
        # last app's signal, when they all exist (once per migrate, and once per test flush).
        post_migrate.connect(ensure_roles, dispatch_uid="heard.ensure_roles")

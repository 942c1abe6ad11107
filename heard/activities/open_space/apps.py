from django.apps import AppConfig


class OpenSpaceConfig(AppConfig):
    name = "heard.activities.open_space"
    # The engagement app already owns the label "engagement"; this one needs its own.
    label = "open_space"
    verbose_name = "Open Space events"

    def ready(self) -> None:
        from heard.activities.registry import register_kind

        from .kind import KIND
        register_kind(KIND)  # imports its personal-data registrations too (KIND.registers)

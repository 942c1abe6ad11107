from django.apps import AppConfig


class OpenSpaceConfig(AppConfig):
    name = "heard.activities.open_space"
    # The engagement app already owns the label "engagement"; this one needs its own.
    label = "open_space"
    verbose_name = "Open Space events"

    def ready(self) -> None:
        from . import personal_data  # noqa: F401 - registers its stores for erasure and copies

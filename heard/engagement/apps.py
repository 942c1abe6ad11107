from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "heard.engagement"
    verbose_name = "Activities"

    def ready(self) -> None:
        from . import (
            personal_data,  # noqa: F401 - registers its stores for erasure and copies
            retention,  # noqa: F401 - registers the retention rule for saved answers
        )

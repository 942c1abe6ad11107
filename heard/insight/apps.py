from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "heard.insight"
    verbose_name = "Insight (analysis runs and themes)"

    def ready(self) -> None:
        from . import (  # noqa: F401 - register background task handlers
            personal_data,  # noqa: F401 - registers its stores for erasure and copies
            refresh,
            runs,
        )

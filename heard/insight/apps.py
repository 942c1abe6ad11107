from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "heard.insight"
    verbose_name = "Insight (analysis runs and themes)"

    def ready(self) -> None:
        from . import (  # noqa: F401
            personal_data,  # registers its stores for erasure and copies
            tasks,  # registers the background tasks
        )

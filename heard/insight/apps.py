from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "heard.insight"
    verbose_name = "Insight (analysis runs and themes)"

    def ready(self) -> None:
        from . import refresh, runs  # noqa: F401 - register background task handlers

from django.apps import AppConfig


class OpinionsConfig(AppConfig):
    name = "heard.opinions"
    verbose_name = "Opinion maps"

    def ready(self) -> None:
        from . import (
            personal_data,  # noqa: F401 - registers its stores for erasure and copies
            updates,  # noqa: F401 - registers the background update task
        )

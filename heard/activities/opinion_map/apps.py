from django.apps import AppConfig


class OpinionMapConfig(AppConfig):
    name = "heard.activities.opinion_map"
    # Was the top-level app heard/opinions; the label stays so its migrations, tables and
    # deployed data are untouched by the move.
    label = "opinions"
    verbose_name = "Opinion maps"

    def ready(self) -> None:
        from . import (
            personal_data,  # noqa: F401 - registers its stores for erasure and copies
            updates,  # noqa: F401 - registers the background update task
        )

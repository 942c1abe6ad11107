from django.apps import AppConfig


class OpinionMapConfig(AppConfig):
    name = "heard.activities.opinion_map"
    # Was the top-level app heard/opinions; the label stays so its migrations, tables and
    # deployed data are untouched by the move.
    label = "opinions"
    verbose_name = "Opinion maps"

    def ready(self) -> None:
        from heard.activities.registry import register_kind

        from .kind import KIND
        register_kind(KIND)  # imports its personal-data registrations too (KIND.registers)

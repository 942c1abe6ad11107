from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "heard.activities"
    # The app began as heard/engagement; keeping its label keeps its migrations, table names
    # (engagement_activity, ...) and every deployed database untouched by the move.
    label = "engagement"
    verbose_name = "Activities"

    def ready(self) -> None:
        # The shared models' stores (consultation responses, idea supports); each kind
        # registers its own through its ActivityKind.
        from . import personal_data  # noqa: F401 - registers its stores for erasure and copies

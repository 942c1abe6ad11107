from django.apps import AppConfig


class CallForIdeasConfig(AppConfig):
    """Calls for Ideas: no models of its own (its rows live in the activities app); registering the
    kind is all this app does."""
    name = "heard.activities.call_for_ideas"
    label = "call_for_ideas"
    verbose_name = "Calls for Ideas"

    def ready(self) -> None:
        from heard.activities.registry import register_kind

        from .kind import KIND
        register_kind(KIND)

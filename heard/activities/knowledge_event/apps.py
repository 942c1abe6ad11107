from django.apps import AppConfig


class KnowledgeEventConfig(AppConfig):
    """Knowledge events: no models of its own (its rows live in the activities app); registering the
    kind is all this app does."""
    name = "heard.activities.knowledge_event"
    label = "knowledge_event"
    verbose_name = "Knowledge events"

    def ready(self) -> None:
        from heard.activities.registry import register_kind

        from .kind import KIND
        register_kind(KIND)

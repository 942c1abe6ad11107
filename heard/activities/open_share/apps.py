from django.apps import AppConfig


class OpenShareConfig(AppConfig):
    """The open share journey: no models of its own (its rows live in the activities app);
    registering the kind is all this app does."""
    name = "heard.activities.open_share"
    label = "open_share"
    verbose_name = "Share your experience"

    def ready(self) -> None:
        from heard.activities.registry import register_kind

        from .kind import KIND
        register_kind(KIND)

from django.apps import AppConfig


class ConsultationConfig(AppConfig):
    """Consultations: no models of its own (its rows live in the activities app); registering the
    kind is all this app does."""
    name = "heard.activities.consultation"
    label = "consultation"
    verbose_name = "Consultations"

    def ready(self) -> None:
        from heard.activities.registry import register_kind

        from .kind import KIND
        register_kind(KIND)

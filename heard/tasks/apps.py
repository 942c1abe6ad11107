from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "heard.tasks"
    verbose_name = "Background tasks"

    def ready(self) -> None:
        from . import outbox  # noqa: F401 - registers the relay handler

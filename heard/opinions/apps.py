from django.apps import AppConfig


class OpinionsConfig(AppConfig):
    name = "heard.opinions"
    verbose_name = "Opinion maps"

    def ready(self) -> None:
        from . import updates  # noqa: F401 - registers the background update task

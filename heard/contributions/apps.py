from django.apps import AppConfig


class ContributionsConfig(AppConfig):
    name = "heard.contributions"
    verbose_name = "Contributions"

    def ready(self) -> None:
        from . import personal_data  # noqa: F401 - registers its stores for erasure and copies

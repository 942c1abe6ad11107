from django.apps import AppConfig


class AccountabilityConfig(AppConfig):
    name = "heard.accountability"
    verbose_name = "You said, we did"

    def ready(self) -> None:
        from . import (
            notifications,  # noqa: F401 - registers the notification task
            personal_data,  # noqa: F401 - registers its stores for erasure and copies
        )

from django.apps import AppConfig


class AccountabilityConfig(AppConfig):
    name = "heard.accountability"
    verbose_name = "You said, we did"

    def ready(self) -> None:
        from heard.activities.registry import provide_published_answers

        from . import (
            notifications,  # noqa: F401 - registers the notification task
            personal_data,  # noqa: F401 - registers its stores for erasure and copies
        )
        from .access import published_answers_to

        provide_published_answers(published_answers_to)

from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "heard.safety"
    verbose_name = "Safety and moderation"

    def ready(self) -> None:
        # Registers the task handlers and periodic checks this app owns.
        from . import (  # noqa: F401
            checks,
            personal_data,  # noqa: F401 - registers its stores for erasure and copies
            redaction_review,
            safeguarding,
            triage_checks,
        )

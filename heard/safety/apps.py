from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "heard.safety"
    verbose_name = "Safety and moderation"

    def ready(self) -> None:
        # Registers the task handlers and periodic checks this app owns.
        from . import checks, redaction_review, safeguarding  # noqa: F401

from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "heard.safety"
    verbose_name = "Safety and moderation"

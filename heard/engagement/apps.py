from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "heard.engagement"
    verbose_name = "Activities"

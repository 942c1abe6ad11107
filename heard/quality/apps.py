from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "heard.quality"
    verbose_name = "Participation quality"

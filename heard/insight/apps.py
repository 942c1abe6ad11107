from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "heard.insight"
    verbose_name = "Insight (analysis runs and themes)"

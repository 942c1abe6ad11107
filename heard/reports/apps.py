from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "heard.reports"
    verbose_name = "Reports"

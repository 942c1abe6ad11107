from django.apps import AppConfig


class ContributionsConfig(AppConfig):
    name = "heard.contributions"
    verbose_name = "Contributions"

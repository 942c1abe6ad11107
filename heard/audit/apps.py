from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "heard.audit"
    verbose_name = "Audit log"

from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Governance")

    def ready(self):
        # Every app's email tasks (tasks.py) are declared before a page lists them or the
        # worker's retry policy looks them up (infrastructure.outbox).
        autodiscover_modules("tasks")

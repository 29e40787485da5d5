from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Privacy (Law 25)")

    def ready(self):
        from privacy import receivers  # noqa: F401  (connects the access log)

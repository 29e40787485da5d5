from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Privacy (Law 25)")

    def ready(self):
        from infrastructure import personal_data
        from privacy import receivers  # noqa: F401  (connects the access log)

        # Every app's personal_data module, so that a faulty declaration fails at start-up.
        personal_data.discover()

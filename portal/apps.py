from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The pages that compose several apps: the home page and the report to the assembly."""

    name = "portal"
    verbose_name = _("Portal")

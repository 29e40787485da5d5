from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "meetings"
    verbose_name = _("Meetings and their records")

    def ready(self):
        from django.db.models.signals import post_migrate

        from meetings.locks import install_locks

        post_migrate.connect(install_locks, sender=self, dispatch_uid="meetings-record-locks")

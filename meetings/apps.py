from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "meetings"
    verbose_name = _("Meetings and their records")

    def ready(self):
        from django.db.models.signals import post_migrate, pre_migrate

        from meetings import receivers
        from meetings.locks import drop_locks, install_locks

        pre_migrate.connect(drop_locks, sender=self, dispatch_uid="meetings-record-unlocks")
        post_migrate.connect(install_locks, sender=self, dispatch_uid="meetings-record-locks")
        receivers.connect()

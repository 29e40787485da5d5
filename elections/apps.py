from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _secure_delete(sender, connection, **kwargs):
    """SQLite overwrites what it deletes: the rows of a rewritten ballot box or pool do not
    stay readable in the file's free pages (nor in a copy of the file)."""
    if connection.vendor == "sqlite":
        connection.connection.execute("PRAGMA secure_delete = ON")


class ElectionsConfig(AppConfig):
    name = "elections"
    verbose_name = _("Elections")

    def ready(self):
        from django.db import connection
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from elections.locks import install_locks

        post_migrate.connect(install_locks, sender=self, dispatch_uid="elections-ballot-locks")
        connection_created.connect(_secure_delete, dispatch_uid="elections-secure-delete")
        if connection.connection is not None:
            _secure_delete(None, connection)

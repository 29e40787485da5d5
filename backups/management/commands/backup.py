from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from backups.archive import BackupError, create


class Command(BaseCommand):
    help = "Save the database and the uploaded files into one tar file (see README, Backups)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir",
            default=None,
            help="folder for the archive (default: the BACKUP_DIR setting)",
        )

    def handle(self, *args, dir, **options):
        try:
            path, manifest = create(dir or settings.BACKUP_DIR)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _("%(path)s: %(rows)d rows in %(tables)d tables, %(files)d uploaded files.")
            % {
                "path": path,
                "rows": sum(manifest["tables"].values()),
                "tables": len(manifest["tables"]),
                "files": len(manifest["media"]),
            }
        )

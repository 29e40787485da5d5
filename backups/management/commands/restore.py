from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from backups.archive import BackupError, read_manifest, restore
from infrastructure import pagecache


class Command(BaseCommand):
    help = (
        "Replace the database and the uploaded files with those of a backup, then check that "
        "every table has the rows the backup had. Stop the portal and its worker first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="a file written by `manage.py backup`")
        parser.add_argument(
            "--yes", action="store_true", help="do not ask before replacing the current data"
        )

    def handle(self, *args, archive, yes, **options):
        try:
            manifest = read_manifest(archive)
            if not yes:
                answer = input(
                    _(
                        "Replace this portal's data with the backup of %(created)s? "
                        "Answer yes or no [no]: "
                    )
                    % {"created": manifest["created"]}
                )
                if answer.strip().lower() not in {"y", "yes", "o", "oui"}:
                    raise CommandError(_("Nothing was restored."))
            manifest = restore(archive)
            # Pages kept in Redis show what the database held before.
            if pagecache.enabled():
                pagecache.bump()
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            _(
                "Restored %(archive)s (%(created)s): %(rows)d rows in %(tables)d tables, all "
                "found; %(files)d uploaded files."
            )
            % {
                "archive": archive,
                "created": manifest["created"],
                "rows": sum(manifest["tables"].values()),
                "tables": len(manifest["tables"]),
                "files": len(manifest["media"]),
            }
        )

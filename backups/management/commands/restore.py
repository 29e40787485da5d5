from django.core.management.base import BaseCommand, CommandError

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
                    f"Replace this portal's data with the backup of {manifest['created']}? [y/N] "
                )
                if answer.strip().lower() not in {"y", "yes", "o", "oui"}:
                    raise CommandError("Nothing was restored.")
            manifest = restore(archive)
            # Pages kept in Redis show what the database held before.
            if pagecache.enabled():
                pagecache.bump()
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Restored {archive} ({manifest['created']}): {rows} rows in "
            f"{len(manifest['tables'])} tables, all found; {len(manifest['media'])} uploaded files."
        )

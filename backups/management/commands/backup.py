from django.core.management.base import BaseCommand, CommandError

from backups.archive import BackupError, create


class Command(BaseCommand):
    help = "Save the database and the uploaded files into one tar file (see README, Backups)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default="backups", help="folder for the archive")

    def handle(self, *args, dir, **options):
        try:
            path, manifest = create(dir)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"{path}: {rows} rows in {len(manifest['tables'])} tables, "
            f"{len(manifest['media'])} uploaded files."
        )
